"""Writes of progress reports: narrative, lessons learned and successes for a period.
Every write is audited; a submission as report.submitted."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.guards import require
from partnering.monitoring.cleaning import blank_nones, required_date
from partnering.monitoring.models import ProgressReport
from partnering.monitoring.permissions import require_contribute
from partnering.partnerships.access import access_for

REPORT_FIELDS = ["period_start", "period_end", "narrative", "lessons_learned", "successes"]
PERIOD = ("period_start", "period_end")


def _clean_period(clean: dict) -> dict:
    for name in PERIOD:
        if name in clean:
            clean[name] = required_date(clean[name], name, _("Give the reporting period."))
    return clean


@transaction.atomic
def submit_report(user, partnership, **data) -> ProgressReport:
    require_contribute(user, partnership)
    data = _clean_period({**data, **{name: data.get(name) for name in PERIOD}})
    for name in ("lessons_learned", "successes"):
        data[name] = data.get(name) or ""
    report = ProgressReport(partnership=partnership, submitted_by=user,
                            submitted_on=timezone.localdate())
    return save_audited(user, report, data, fields=REPORT_FIELDS,
                        partnership_id=partnership.pk, action="report.submitted",
                        summary=f"Progress report for {data['period_start']} – "
                                f"{data['period_end']}")


def can_edit_report(user, access, report: ProgressReport) -> bool:
    """The member who submitted the report (while still in the partnership) or a steward."""
    if access.can_manage:
        return True
    return (access.can_contribute and report.submitted_by_id is not None
            and report.submitted_by_id == user.pk)


def _require_report_editor(user, report: ProgressReport) -> None:
    require(can_edit_report(user, access_for(user, report.partnership), report), _(
        "Only the member who submitted the report or the partnership's stewards can change "
        "or delete it."))


@transaction.atomic(durable=True)
def update_report(user, report: ProgressReport, **data) -> ProgressReport:
    _require_report_editor(user, report)
    clean = {name: value for name, value in data.items() if name in REPORT_FIELDS}
    _clean_period(clean)
    blank_nones(clean, ("lessons_learned", "successes"))
    return save_audited(user, report, clean, fields=REPORT_FIELDS,
                        partnership_id=report.partnership_id)


@transaction.atomic(durable=True)
def delete_report(user, report: ProgressReport) -> None:
    _require_report_editor(user, report)
    record(user, "delete", report, partnership_id=report.partnership_id,
           summary=f"{report} deleted")
    report.delete()
