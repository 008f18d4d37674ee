"""Writes of reported values: report, correct, attach evidence, delete. Every write is
audited; a value's indicator summary (latest value, progress) is refreshed after it.
Confirming, querying and commenting on a value: measurements/validation.py."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.guards import require
from partnering.monitoring.cleaning import required_decimal, to_date
from partnering.monitoring.measurements import evidence
from partnering.monitoring.measurements.checks import (
    can_report,
    check_period,
    clean_disaggregated,
)
from partnering.monitoring.models import Indicator, Measurement, MeasurementStatus
from partnering.monitoring.permissions import require_contribute
from partnering.monitoring.summaries import refresh_indicator
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Membership

MEASUREMENT_FIELDS = ["period_start", "period_end", "value", "disaggregated", "evidence_url",
                      "evidence_file", "evidence_name", "comment", "status",
                      "reported_by_organisation", "validation_comment"]
EDITABLE = {"period_start", "period_end", "value", "disaggregated", "evidence_url", "comment"}


def _evidence_fields(upload) -> dict:
    """The fields that attach an uploaded file, checked; the stored path is random."""
    name = evidence.check_upload(upload)
    upload.name = "evidence" + name[name.rfind("."):].lower()
    return {"evidence_file": upload, "evidence_name": name}


def _save_measurement(user, measurement: Measurement, data: dict, **audit) -> Measurement:
    """save_audited, removing a newly stored evidence file again if the save fails."""
    try:
        return save_audited(user, measurement, data, fields=MEASUREMENT_FIELDS, **audit)
    except Exception:
        upload = data.get("evidence_file")
        if upload and measurement.evidence_file.name and measurement.evidence_file._committed:
            default_storage.delete(measurement.evidence_file.name)
        raise


def _reporting_organisation(access, indicator: Indicator):
    """The member a value is reported for: the responsible one when the reporter speaks for
    it, otherwise the first the reporter speaks for (none for brokers and admins)."""
    if indicator.responsible_organisation_id in access.represents:
        return indicator.responsible_organisation
    if access.represents:
        return Membership.objects.get(partnership=indicator.partnership,
                                      organisation_id=min(access.represents)).organisation
    return None


@transaction.atomic
def report_measurement(user, indicator: Indicator, *, period_start, period_end, value,
                       disaggregated=None, evidence_url: str = "", evidence_file=None,
                       comment: str = "") -> Measurement:
    """`evidence_file`: an uploaded file (see evidence.check_upload), or None."""
    access = require_contribute(user, indicator.partnership,
                                _("Only members, brokers and admins can report values."))
    require(can_report(access, indicator), _(
        "Only the responsible member (%(org)s) or the partnership's stewards report this "
        "indicator.") % {"org": indicator.responsible_organisation})
    start, end = check_period(indicator, period_start, period_end)
    amount = required_decimal(value, "value", _("Give the value."))
    data = {
        "period_start": start, "period_end": end, "value": amount,
        "disaggregated": clean_disaggregated(indicator, amount, disaggregated),
        "evidence_url": evidence_url or "", "comment": comment or "",
        "status": MeasurementStatus.REPORTED,
        "reported_by_organisation": _reporting_organisation(access, indicator),
    }
    if evidence_file:
        data.update(_evidence_fields(evidence_file))
    measurement = Measurement(indicator=indicator, reported_by=user)
    _save_measurement(user, measurement, data, partnership_id=indicator.partnership_id,
                      summary=f"value of {indicator.name}"[:500],
                      action="measurement.reported")
    refresh_indicator(indicator)
    return measurement


def can_edit_measurement(user, access, measurement: Measurement) -> bool:
    """The member who reported the value (while still in the partnership) or a steward."""
    if access.can_manage:
        return True
    return (access.can_contribute and measurement.reported_by_id is not None
            and measurement.reported_by_id == user.pk)


def _require_measurement_editor(user, measurement: Measurement):
    access = access_for(user, measurement.indicator.partnership)
    require(can_edit_measurement(user, access, measurement), _(
        "Only the member who reported the value or the partnership's stewards can change or "
        "delete it."))
    return access


def _changed_figures(measurement: Measurement, data: dict) -> dict:
    """Period, value, disaggregation, link and comment as they change. What is not changed
    is not checked again: a comment can still be corrected on a value whose period a later
    change of the milestones left outside the span."""
    indicator = measurement.indicator
    clean = {}
    period = (to_date(data.get("period_start", measurement.period_start), "period_start"),
              to_date(data.get("period_end", measurement.period_end), "period_end"))
    if period != (measurement.period_start, measurement.period_end):
        clean["period_start"], clean["period_end"] = check_period(indicator, *period,
                                                                  measurement)
    amount = required_decimal(data.get("value", measurement.value), "value",
                              _("Give the value."))
    split = data.get("disaggregated", measurement.disaggregated)
    if amount != measurement.value or split != measurement.disaggregated:
        clean["value"] = amount
        clean["disaggregated"] = clean_disaggregated(indicator, amount, split)
    for name in ("evidence_url", "comment"):
        if name in data:
            clean[name] = data[name] or ""
    return clean


def _evidence_change(measurement: Measurement, upload, remove: bool) -> dict:
    if upload:
        return _evidence_fields(upload)
    if remove and measurement.evidence_file.name:
        return {"evidence_file": "", "evidence_name": ""}
    return {}


def _unvalidated_if_changed(measurement: Measurement, clean: dict) -> dict:
    """A confirmed or queried value that changes goes back to "reported": the other member
    has not seen the new figures."""
    changed = any(getattr(measurement, name) != value for name, value in clean.items())
    if changed and measurement.status != MeasurementStatus.REPORTED:
        clean.update(status=MeasurementStatus.REPORTED, validated_by=None,
                     validated_by_organisation=None, validation_comment="")
    return clean


@transaction.atomic
def update_measurement(user, measurement: Measurement, *, evidence_file=None,
                       remove_evidence: bool = False, **data) -> Measurement:
    """Change a reported value: period, value, disaggregation, evidence (link or file),
    comment; give only what changes. A value that was confirmed or queried goes back to
    "reported" and loses its validation."""
    indicator = measurement.indicator
    _require_measurement_editor(user, measurement)
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This cannot be changed here.")})
    clean = _changed_figures(measurement, data)
    old_file = measurement.evidence_file.name
    clean.update(_evidence_change(measurement, evidence_file, remove_evidence))
    _unvalidated_if_changed(measurement, clean)
    _save_measurement(user, measurement, clean, partnership_id=indicator.partnership_id,
                      summary=(f"value of {indicator.name}"
                               + ("; its validation was cleared" if "validated_by" in clean
                                  else ""))[:500])
    if old_file and old_file != measurement.evidence_file.name:
        evidence.delete_files_on_commit([old_file])
    refresh_indicator(indicator)
    return measurement


def attach_evidence(user, measurement: Measurement, upload) -> Measurement:
    """Attach a file to a reported value, replacing any earlier one."""
    if not upload:
        raise ValidationError({"evidence_file": _("Attach a file.")})
    return update_measurement(user, measurement, evidence_file=upload)


def remove_evidence(user, measurement: Measurement) -> Measurement:
    return update_measurement(user, measurement, remove_evidence=True)


@transaction.atomic(durable=True)
def delete_measurement(user, measurement: Measurement) -> None:
    indicator = measurement.indicator
    _require_measurement_editor(user, measurement)
    record(user, "delete", measurement, partnership_id=indicator.partnership_id,
           summary=f"Value of {indicator.name} deleted"[:500])
    measurement.delete()  # its evidence file goes once this commits (signals.py)
    refresh_indicator(indicator)
