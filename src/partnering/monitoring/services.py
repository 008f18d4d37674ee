"""The monitoring services in one place, for callers outside the app (demo, importers, other
apps, tests): each lives with its resource, e.g. measurements/services.py.

Results chain: results/services.py; indicators and milestones: indicators/services.py;
reported values: measurements/services.py, their validation and notes:
measurements/validation.py; progress reports: reports/services.py; risks:
risks/services.py."""

from partnering.monitoring.indicators.services import (
    INDICATOR_FIELDS,
    TARGET_FIELDS,
    add_target,
    create_indicator,
    delete_indicator,
    delete_target,
    sdg_indicator_for,
    update_indicator,
    update_target,
)
from partnering.monitoring.measurements.checks import (
    can_report,
    clean_disaggregated,
    indicator_span,
    who_reports,
)
from partnering.monitoring.measurements.services import (
    MEASUREMENT_FIELDS,
    attach_evidence,
    can_edit_measurement,
    delete_measurement,
    remove_evidence,
    report_measurement,
    update_measurement,
)
from partnering.monitoring.measurements.validation import (
    can_comment,
    can_validate,
    comment_on_measurement,
    validate_measurement,
)
from partnering.monitoring.reports.services import (
    REPORT_FIELDS,
    can_edit_report,
    delete_report,
    submit_report,
    update_report,
)
from partnering.monitoring.results.services import (
    RESULT_FIELDS,
    create_result,
    delete_result,
    update_result,
)
from partnering.monitoring.risks.services import (
    RISK_FIELDS,
    create_risk,
    delete_risk,
    update_risk,
)

__all__ = [
    "INDICATOR_FIELDS", "MEASUREMENT_FIELDS", "REPORT_FIELDS", "RESULT_FIELDS", "RISK_FIELDS",
    "TARGET_FIELDS",
    "add_target", "attach_evidence", "can_comment", "can_edit_measurement",
    "can_edit_report", "can_report", "can_validate", "clean_disaggregated",
    "comment_on_measurement", "create_indicator", "create_result", "create_risk",
    "delete_indicator", "delete_measurement", "delete_report", "delete_result",
    "delete_risk", "delete_target", "indicator_span", "remove_evidence",
    "report_measurement", "sdg_indicator_for", "submit_report", "update_indicator",
    "update_measurement", "update_report", "update_result", "update_risk", "update_target",
    "validate_measurement", "who_reports",
]
