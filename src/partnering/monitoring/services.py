"""Writes of the monitoring app: results, indicators and milestones, measurements and their
participatory validation, progress reports, risks. Every write is audited."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.monitoring import evidence
from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
    MeasurementNote,
    MeasurementStatus,
    ProgressReport,
    Result,
    Risk,
)
from partnering.monitoring.summaries import refresh_indicator
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Membership
from partnering.reference.models import SdgIndicator

RESULT_FIELDS = ["title", "level", "parent", "weight", "description"]
INDICATOR_FIELDS = ["name", "definition", "unit", "measure", "direction", "baseline_value",
                    "baseline_date", "baseline_comment", "disaggregation", "frequency",
                    "responsible_organisation", "data_source", "sdg_indicator", "result",
                    "deliverable"]
MEASUREMENT_FIELDS = ["period_start", "period_end", "value", "disaggregated", "evidence_url",
                      "evidence_file", "evidence_name", "comment", "status",
                      "reported_by_organisation", "validation_comment"]
TARGET_FIELDS = ["value", "date", "comment"]
REPORT_FIELDS = ["period_start", "period_end", "narrative", "lessons_learned", "successes"]
RISK_FIELDS = ["title", "description", "category", "likelihood", "impact",
               "owner_organisation", "mitigation", "status", "review_date"]


def _require_manage(user, partnership) -> None:
    if not access_for(user, partnership).can_manage:
        raise PermissionDenied("Only the partnership's brokers, lead and admins can change "
                               "its results framework.")


def _require_contribute(user, partnership):
    access = access_for(user, partnership)
    if not access.can_contribute:
        raise PermissionDenied("Only members, brokers and admins can do this.")
    return access


def _member_organisation(partnership, organisation, field: str):
    """An organisation given as object or id, which must be a member here."""
    if organisation in (None, ""):
        return None
    org_id = getattr(organisation, "pk", organisation)
    membership = Membership.objects.filter(partnership=partnership,
                                           organisation_id=org_id).select_related(
        "organisation").first()
    if membership is None:
        raise ValidationError({field: "This organisation is not a member of the partnership."})
    return membership.organisation


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: "Enter a number."}) from error
    if not number.is_finite():
        raise ValidationError({field: "Enter a number."})
    return number


def _date(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError({field: "Enter a date as YYYY-MM-DD."}) from error


def sdg_indicator_for(code: str | None) -> SdgIndicator | None:
    code = (code or "").strip()
    if not code:
        return None
    found = SdgIndicator.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"sdg_indicator": f"“{code[:20]}” is not an official SDG "
                                                "indicator (e.g. 4.1.1, 16.9.1)."})
    return found


def _dimensions(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError({"disaggregation": "List dimensions as words, e.g. sex, age."})
    names = []
    for item in value:
        name = item.strip().lower()
        if name and name not in names:
            if len(name) > 50:
                raise ValidationError({"disaggregation": "A dimension name is too long."})
            names.append(name)
    return names


# --- Results chain ----------------------------------------------------------------------

@transaction.atomic
def create_result(user, partnership, *, title: str, level: str = "1", parent=None,
                  weight=1, description: str = "") -> Result:
    _require_manage(user, partnership)
    parent = _result_of(partnership, parent, "parent")
    result = Result(partnership=partnership,
                    position=Result.objects.filter(partnership=partnership).count())
    return save_audited(user, result, {
        "title": title, "level": level, "parent": parent,
        "weight": _decimal(weight, "weight") if weight not in (None, "") else Decimal(1),
        "description": description or ""}, fields=RESULT_FIELDS, partnership_id=partnership.pk)


def _result_of(partnership, result, field: str = "result"):
    if result in (None, ""):
        return None
    result_id = getattr(result, "pk", result)
    found = Result.objects.filter(partnership=partnership, pk=result_id).first()
    if found is None:
        raise ValidationError({field: "No such result in this partnership."})
    return found


@transaction.atomic
def update_result(user, result: Result, **data) -> Result:
    """Change a result; a result cannot contribute to itself or to a result below it."""
    partnership = result.partnership
    _require_manage(user, partnership)
    clean = dict(data)
    if "parent" in clean:
        parent = _result_of(partnership, clean["parent"], "parent")
        parents = dict(Result.objects.filter(partnership=partnership)
                       .values_list("pk", "parent_id"))
        above = parent.pk if parent else None
        while above is not None:
            if above == result.pk:
                raise ValidationError({"parent": "A result cannot contribute to itself or to "
                                                 "a result that contributes to it."})
            above = parents.get(above)
        clean["parent"] = parent
    if "weight" in clean:
        clean["weight"] = _decimal(clean["weight"], "weight")
        if clean["weight"] is None:
            raise ValidationError({"weight": "Give the result's weight."})
    if "description" in clean and clean["description"] is None:
        clean["description"] = ""
    return save_audited(user, result, clean, fields=RESULT_FIELDS,
                        partnership_id=partnership.pk)


@transaction.atomic
def delete_result(user, result: Result) -> None:
    """Delete a result: the results that contributed to it move up to its parent, its
    indicators stay, no longer attached to a result."""
    _require_manage(user, result.partnership)
    parent = result.parent
    children = list(result.children.all())
    for child in children:
        record(user, "update", child, partnership_id=result.partnership_id,
               changes={"parent": [str(result), str(parent) if parent else None]},
               summary=f"Moved up: “{result.title[:200]}” was deleted")
    Result.objects.filter(pk__in=[c.pk for c in children]).update(parent=parent)
    loose = result.indicators.count()
    record(user, "delete", result, partnership_id=result.partnership_id,
           summary=f"Result “{result.title[:200]}” deleted; moved up: "
                   f"{_count(len(children), 'result')}; no longer attached to a result: "
                   f"{_count(loose, 'indicator')}")
    result.delete()


# --- Indicators and milestones ----------------------------------------------------------

def _deliverable_of(partnership, deliverable):
    """A deliverable of this partnership's agreement (agreements app), given as object or id."""
    if deliverable in (None, ""):
        return None
    from partnering.agreements.models import Deliverable

    deliverable_id = getattr(deliverable, "pk", deliverable)
    found = Deliverable.objects.filter(partnership=partnership, pk=deliverable_id).first() \
        if isinstance(deliverable_id, int) else None
    if found is None:
        raise ValidationError({"deliverable": "No such deliverable in this partnership: link "
                                              "a deliverable of its own agreement."})
    return found


def _clean_indicator(partnership, data: dict) -> dict:
    clean = dict(data)
    if "sdg_code" in clean:
        clean["sdg_indicator"] = sdg_indicator_for(clean.pop("sdg_code"))
    if "responsible_organisation" in clean:
        clean["responsible_organisation"] = _member_organisation(
            partnership, clean["responsible_organisation"], "responsible_organisation")
    if "result" in clean:
        clean["result"] = _result_of(partnership, clean["result"])
    if "deliverable" in clean:
        clean["deliverable"] = _deliverable_of(partnership, clean["deliverable"])
    if "baseline_value" in clean:
        clean["baseline_value"] = _decimal(clean["baseline_value"], "baseline_value")
    if "baseline_date" in clean:
        clean["baseline_date"] = _date(clean["baseline_date"], "baseline_date")
    if "disaggregation" in clean:
        clean["disaggregation"] = _dimensions(clean["disaggregation"])
    for name in ("definition", "unit", "baseline_comment", "data_source"):
        if name in clean and clean[name] is None:
            clean[name] = ""
    return clean


@transaction.atomic
def create_indicator(user, partnership, *, targets: list | None = None, **data) -> Indicator:
    """A KPI set upfront. `targets` is a list of {value, date, comment} milestones."""
    _require_manage(user, partnership)
    indicator = Indicator(partnership=partnership,
                          position=Indicator.objects.filter(partnership=partnership).count())
    save_audited(user, indicator, _clean_indicator(partnership, data), fields=INDICATOR_FIELDS,
                 partnership_id=partnership.pk)
    for target in targets or []:
        _add_target(user, indicator, **target)
    refresh_indicator(indicator)
    return indicator


@transaction.atomic
def update_indicator(user, indicator: Indicator, **data) -> Indicator:
    _require_manage(user, indicator.partnership)
    save_audited(user, indicator, _clean_indicator(indicator.partnership, data),
                 fields=INDICATOR_FIELDS, partnership_id=indicator.partnership_id)
    first = indicator.targets.order_by("date").first()
    if indicator.baseline_date and first and first.date < indicator.baseline_date:
        raise ValidationError({"baseline_date": "A milestone falls before this baseline date."})
    refresh_indicator(indicator)
    return indicator


@transaction.atomic
def add_target(user, indicator: Indicator, *, value, date, comment: str = "") -> IndicatorTarget:
    _require_manage(user, indicator.partnership)
    target = _add_target(user, indicator, value=value, date=date, comment=comment)
    refresh_indicator(indicator)
    return target


def _add_target(user, indicator, *, value, date, comment="") -> IndicatorTarget:
    value = _decimal(value, "value")
    if value is None:
        raise ValidationError({"value": "A milestone needs a value."})
    day = _date(date, "date")
    if day is None:
        raise ValidationError({"date": "A milestone needs a date."})
    target = IndicatorTarget(indicator=indicator)
    return save_audited(user, target, {"value": value, "date": day, "comment": comment or ""},
                        fields=TARGET_FIELDS, partnership_id=indicator.partnership_id,
                        summary=f"milestone of {indicator.name}"[:500])


@transaction.atomic
def update_target(user, target: IndicatorTarget, **data) -> IndicatorTarget:
    """Change a milestone's value, date or comment; a date before the baseline is refused."""
    indicator = target.indicator
    _require_manage(user, indicator.partnership)
    clean = {}
    if "value" in data:
        clean["value"] = _decimal(data["value"], "value")
        if clean["value"] is None:
            raise ValidationError({"value": "A milestone needs a value."})
    if "date" in data:
        clean["date"] = _date(data["date"], "date")
        if clean["date"] is None:
            raise ValidationError({"date": "A milestone needs a date."})
    if "comment" in data:
        clean["comment"] = data["comment"] or ""
    save_audited(user, target, clean, fields=TARGET_FIELDS,
                 partnership_id=indicator.partnership_id,
                 summary=f"milestone of {indicator.name}"[:500])
    refresh_indicator(indicator)
    return target


@transaction.atomic
def delete_target(user, target: IndicatorTarget) -> None:
    indicator = target.indicator
    _require_manage(user, indicator.partnership)
    record(user, "delete", target, partnership_id=indicator.partnership_id,
           summary=f"Milestone of {indicator.name} deleted"[:500])
    target.delete()
    refresh_indicator(indicator)


@transaction.atomic
def delete_indicator(user, indicator: Indicator) -> None:
    """Delete an indicator with its milestones and reported values (and their evidence
    files, once the deletion is committed: see monitoring/signals.py)."""
    _require_manage(user, indicator.partnership)
    values, milestones = indicator.measurements.count(), indicator.targets.count()
    record(user, "delete", indicator, partnership_id=indicator.partnership_id,
           summary=f"Indicator “{indicator.name[:200]}” deleted with "
                   f"{_count(milestones, 'milestone')} and {_count(values, 'reported value')}")
    indicator.delete()


# --- Measurements -----------------------------------------------------------------------

def indicator_span(indicator: Indicator) -> tuple[date | None, date | None]:
    """From the baseline date to the last milestone: the periods one may report on."""
    last = indicator.targets.order_by("-date").values_list("date", flat=True).first()
    return indicator.baseline_date, last


def clean_disaggregated(indicator: Indicator, value: Decimal, data) -> dict:
    """{dimension: {category: value}}; every dimension must add up to the total."""
    if data in (None, "", {}):
        return {}
    if not isinstance(data, dict):
        raise ValidationError({"disaggregated": "Give {dimension: {category: value}}."})
    clean = {}
    for dimension, parts in data.items():
        if dimension not in indicator.disaggregation:
            raise ValidationError({"disaggregated": f"“{str(dimension)[:50]}” is not one of "
                                   "this indicator's dimensions "
                                   f"({', '.join(indicator.disaggregation) or 'none'})."})
        if not isinstance(parts, dict) or not parts:
            raise ValidationError({"disaggregated": f"Give the {dimension} categories and "
                                                    "their values."})
        numbers = {}
        for category, number in parts.items():
            amount = _decimal(number, "disaggregated")
            if amount is None or len(str(category)) > 100:
                raise ValidationError({"disaggregated": f"Give a value for each {dimension} "
                                                        "category."})
            numbers[str(category)] = amount
        total = sum(numbers.values(), Decimal(0))
        if total != value:
            raise ValidationError({"disaggregated": f"The values by {dimension} add up to "
                                   f"{total.normalize():f}, not to the total "
                                   f"{value.normalize():f}."})
        clean[str(dimension)] = {k: str(v) for k, v in numbers.items()}
    return clean


def can_report(access, indicator: Indicator) -> bool:
    """Members report the indicators their organisation is responsible for; stewards (the
    brokers, the lead, admins) any; with no responsible member, every member."""
    if access.can_manage:
        return True
    if not access.can_contribute:
        return False
    org = indicator.responsible_organisation_id
    return org is None or org in access.represents


def who_reports(indicator: Indicator) -> str:
    """Who may report this indicator's values, in words for the indicator's page."""
    org = indicator.responsible_organisation
    if org is None:
        return _("Every member reports values for this indicator; the partnership's stewards "
                 "(the lead partner's representatives, the brokers) too.")
    return _("Values are reported by the representatives of %(org)s, the member responsible "
             "for this indicator, and by the partnership's stewards (the lead partner's "
             "representatives, the brokers). Other members query or comment on a reported "
             "value.") % {"org": org}


def _no_overlap(indicator: Indicator, start: date, end: date, measurement=None) -> None:
    """One value per stretch of time: a value whose period overlaps another's would count
    the same days twice (in the latest value, the progress and the IATI actuals), so it is
    refused. Two periods may share their boundary day (1 Jan–1 Apr, then 1 Apr–1 Jul), as
    reporters often write them; the same period twice is an overlap."""
    clash = indicator.measurements.filter(
        Q(period_start__lt=end, period_end__gt=start) | Q(period_start=start, period_end=end))
    if measurement is not None and measurement.pk:
        clash = clash.exclude(pk=measurement.pk)
    other = clash.order_by("period_start").first()
    if other is not None:
        raise ValidationError({"period_start": _(
            "A value is already reported for %(start)s to %(end)s, which overlaps this period. "
            "Correct that value instead, or give a period that does not overlap it.") % {
                "start": other.period_start.isoformat(), "end": other.period_end.isoformat()}})


def _period(indicator: Indicator, period_start, period_end,
            measurement=None) -> tuple[date, date]:
    start, end = _date(period_start, "period_start"), _date(period_end, "period_end")
    if start is None or end is None:
        raise ValidationError({"period_start": "Give the period the value is for."})
    if end < start:
        raise ValidationError({"period_end": "The period ends before it starts."})
    first, last = indicator_span(indicator)
    if (first and start < first) or (last and end > last):
        raise ValidationError({"period_start": "The period lies outside the indicator's span "
                               f"({first or 'any time'} to {last or 'any time'})."})
    _no_overlap(indicator, start, end, measurement)
    return start, end


def _evidence_file(upload) -> dict:
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


@transaction.atomic
def report_measurement(user, indicator: Indicator, *, period_start, period_end, value,
                       disaggregated=None, evidence_url: str = "", evidence_file=None,
                       comment: str = "") -> Measurement:
    """`evidence_file`: an uploaded file (see evidence.check_upload), or None."""
    partnership = indicator.partnership
    access = access_for(user, partnership)
    if not access.can_contribute:
        raise PermissionDenied("Only members, brokers and admins can report values.")
    if not can_report(access, indicator):
        raise PermissionDenied("Only the responsible member "
                               f"({indicator.responsible_organisation}) or the partnership's "
                               "stewards report this indicator.")
    start, end = _period(indicator, period_start, period_end)
    amount = _decimal(value, "value")
    if amount is None:
        raise ValidationError({"value": "Give the value."})
    organisation = None
    if indicator.responsible_organisation_id in access.represents:
        organisation = indicator.responsible_organisation
    elif access.represents:
        organisation = Membership.objects.get(
            partnership=partnership, organisation_id=min(access.represents)).organisation
    data = {
        "period_start": start, "period_end": end, "value": amount,
        "disaggregated": clean_disaggregated(indicator, amount, disaggregated),
        "evidence_url": evidence_url or "", "comment": comment or "",
        "status": MeasurementStatus.REPORTED, "reported_by_organisation": organisation,
    }
    if evidence_file:
        data.update(_evidence_file(evidence_file))
    measurement = Measurement(indicator=indicator, reported_by=user)
    _save_measurement(user, measurement, data, partnership_id=partnership.pk,
                      summary=f"value of {indicator.name}"[:500])
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
    if not can_edit_measurement(user, access, measurement):
        raise PermissionDenied("Only the member who reported the value or the partnership's "
                               "stewards can change or delete it.")
    return access


@transaction.atomic
def update_measurement(user, measurement: Measurement, *, evidence_file=None,
                       remove_evidence: bool = False, **data) -> Measurement:
    """Change a reported value: period, value, disaggregation, evidence (link or file),
    comment; give only what changes. A value that was confirmed or queried goes back to
    "reported" and loses its validation: the other member has not seen the new figures."""
    indicator = measurement.indicator
    _require_measurement_editor(user, measurement)
    unknown = set(data) - {"period_start", "period_end", "value", "disaggregated",
                           "evidence_url", "comment"}
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "This cannot be changed here."})
    clean = {}
    # What is not changed is not checked again: a comment can still be corrected on a value
    # whose period a later change of the milestones left outside the span.
    period = (_date(data.get("period_start", measurement.period_start), "period_start"),
              _date(data.get("period_end", measurement.period_end), "period_end"))
    if period != (measurement.period_start, measurement.period_end):
        clean["period_start"], clean["period_end"] = _period(indicator, *period, measurement)
    amount = _decimal(data.get("value", measurement.value), "value")
    if amount is None:
        raise ValidationError({"value": "Give the value."})
    split = data.get("disaggregated", measurement.disaggregated)
    if amount != measurement.value or split != measurement.disaggregated:
        clean["value"] = amount
        clean["disaggregated"] = clean_disaggregated(indicator, amount, split)
    for name in ("evidence_url", "comment"):
        if name in data:
            clean[name] = data[name] or ""
    old_file = measurement.evidence_file.name
    if evidence_file:
        clean.update(_evidence_file(evidence_file))
    elif remove_evidence and old_file:
        clean.update(evidence_file="", evidence_name="")
    changed = any(getattr(measurement, name) != value for name, value in clean.items())
    if changed and measurement.status != MeasurementStatus.REPORTED:
        clean.update(status=MeasurementStatus.REPORTED, validated_by=None,
                     validated_by_organisation=None, validation_comment="")
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
        raise ValidationError({"evidence_file": "Attach a file."})
    return update_measurement(user, measurement, evidence_file=upload)


def remove_evidence(user, measurement: Measurement) -> Measurement:
    return update_measurement(user, measurement, remove_evidence=True)


@transaction.atomic
def delete_measurement(user, measurement: Measurement) -> None:
    indicator = measurement.indicator
    _require_measurement_editor(user, measurement)
    record(user, "delete", measurement, partnership_id=indicator.partnership_id,
           summary=f"Value of {indicator.name} deleted"[:500])
    measurement.delete()  # its evidence file goes once this commits (signals.py)
    refresh_indicator(indicator)


def can_validate(user, access, measurement: Measurement) -> bool:
    """Another member than the reporter's organisation (or an admin) confirms or queries."""
    if access.is_admin:
        return measurement.reported_by_id != user.pk
    others = set(access.represents) - {measurement.reported_by_organisation_id}
    return bool(others) and measurement.reported_by_id != user.pk


@transaction.atomic
def validate_measurement(user, measurement: Measurement, *, status: str,
                         comment: str = "") -> Measurement:
    partnership = measurement.indicator.partnership
    access = access_for(user, partnership)
    if not can_validate(user, access, measurement):
        raise PermissionDenied("A member other than the one who reported the value confirms "
                               "or queries it.")
    if status not in (MeasurementStatus.CONFIRMED, MeasurementStatus.QUERIED):
        raise ValidationError({"status": "Confirm or query the value."})
    if status == MeasurementStatus.QUERIED and not (comment or "").strip():
        raise ValidationError({"comment": "Say what you query about this value."})
    others = sorted(set(access.represents) - {measurement.reported_by_organisation_id})
    organisation = Membership.objects.get(partnership=partnership,
                                          organisation_id=others[0]).organisation \
        if others else None
    before = measurement.status
    measurement.status = status
    measurement.validated_by = user
    measurement.validated_by_organisation = organisation
    measurement.validation_comment = comment or ""
    measurement.full_clean()
    measurement.save()
    record(user, f"measurement.{status}", measurement, partnership_id=partnership.pk,
           changes={"status": [before, status]},
           summary=f"{measurement.get_status_display()}: {comment}"[:500])
    if status == MeasurementStatus.QUERIED:
        _save_note(user, measurement, organisation, comment, is_query=True)
    # A queried value stops counting; a confirmed one counts again.
    refresh_indicator(measurement.indicator)
    return measurement


def _save_note(user, measurement: Measurement, organisation, text: str, *,
               is_query: bool) -> MeasurementNote:
    note = MeasurementNote(measurement=measurement, author=user, organisation=organisation,
                           author_name=(user.get_full_name() or user.get_username())[:200])
    indicator = measurement.indicator
    what = "Query" if is_query else "Comment"
    return save_audited(user, note, {"text": text.strip(), "is_query": is_query},
                        fields=["text", "is_query"], partnership_id=indicator.partnership_id,
                        summary=f"{what} on the value of {indicator.name} for "
                                f"{measurement.period_end.isoformat()}"[:500])


def can_comment(user, access, measurement: Measurement) -> bool:
    """Anyone taking part comments on a value; querying it is for another member than the
    reporter's (can_validate)."""
    return access.can_contribute and user.is_authenticated


@transaction.atomic
def comment_on_measurement(user, measurement: Measurement, *, text: str,
                           query: bool = False) -> MeasurementNote:
    """A member's comment on a reported value; with `query`, a query: the value is marked
    queried and stops counting until it is corrected or confirmed."""
    partnership = measurement.indicator.partnership
    access = access_for(user, partnership)
    if not can_comment(user, access, measurement):
        raise PermissionDenied("Only members, brokers and admins comment on values.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment or say what you query.")})
    if query:
        validate_measurement(user, measurement, status=MeasurementStatus.QUERIED,
                             comment=text)
        return measurement.notes.filter(is_query=True).order_by("-id").first()
    organisation = None
    own = sorted(access.represents)
    if own:
        organisation = Membership.objects.get(partnership=partnership,
                                              organisation_id=own[0]).organisation
    return _save_note(user, measurement, organisation, text, is_query=False)


# --- Progress reports -------------------------------------------------------------------

@transaction.atomic
def submit_report(user, partnership, **data) -> ProgressReport:
    _require_contribute(user, partnership)
    data = dict(data)
    for name in ("period_start", "period_end"):
        data[name] = _date(data.get(name), name)
        if data[name] is None:
            raise ValidationError({name: "Give the reporting period."})
    for name in ("lessons_learned", "successes"):
        data[name] = data.get(name) or ""
    report = ProgressReport(partnership=partnership, submitted_by=user,
                            submitted_on=timezone.localdate())
    return save_audited(user, report, data, fields=REPORT_FIELDS,
                        partnership_id=partnership.pk)


def can_edit_report(user, access, report: ProgressReport) -> bool:
    """The member who submitted the report (while still in the partnership) or a steward."""
    if access.can_manage:
        return True
    return (access.can_contribute and report.submitted_by_id is not None
            and report.submitted_by_id == user.pk)


def _require_report_editor(user, report: ProgressReport) -> None:
    if not can_edit_report(user, access_for(user, report.partnership), report):
        raise PermissionDenied("Only the member who submitted the report or the "
                               "partnership's stewards can change or delete it.")


@transaction.atomic
def update_report(user, report: ProgressReport, **data) -> ProgressReport:
    _require_report_editor(user, report)
    clean = {name: value for name, value in data.items() if name in REPORT_FIELDS}
    for name in ("period_start", "period_end"):
        if name in clean:
            clean[name] = _date(clean[name], name)
            if clean[name] is None:
                raise ValidationError({name: "Give the reporting period."})
    for name in ("lessons_learned", "successes"):
        if name in clean and clean[name] is None:
            clean[name] = ""
    return save_audited(user, report, clean, fields=REPORT_FIELDS,
                        partnership_id=report.partnership_id)


@transaction.atomic
def delete_report(user, report: ProgressReport) -> None:
    _require_report_editor(user, report)
    record(user, "delete", report, partnership_id=report.partnership_id,
           summary=f"{report} deleted")
    report.delete()


# --- Risks ------------------------------------------------------------------------------

def _clean_risk(partnership, data: dict) -> dict:
    clean = dict(data)
    if "owner_organisation" in clean:
        clean["owner_organisation"] = _member_organisation(
            partnership, clean["owner_organisation"], "owner_organisation")
    if "review_date" in clean:
        clean["review_date"] = _date(clean["review_date"], "review_date")
    for name in ("description", "mitigation"):
        if name in clean and clean[name] is None:
            clean[name] = ""
    return clean


@transaction.atomic
def create_risk(user, partnership, **data) -> Risk:
    """Any member may raise a risk: naming it early is the point of the register."""
    _require_contribute(user, partnership)
    return save_audited(user, Risk(partnership=partnership), _clean_risk(partnership, data),
                        fields=RISK_FIELDS, partnership_id=partnership.pk)


@transaction.atomic
def update_risk(user, risk: Risk, **data) -> Risk:
    _require_contribute(user, risk.partnership)
    return save_audited(user, risk, _clean_risk(risk.partnership, data), fields=RISK_FIELDS,
                        partnership_id=risk.partnership_id)


@transaction.atomic
def delete_risk(user, risk: Risk) -> None:
    """Stewards only: members review a risk and close it, which keeps it in the register."""
    if not access_for(user, risk.partnership).can_manage:
        raise PermissionDenied("Only the partnership's brokers, lead and admins can delete a "
                               "risk; members can close it.")
    record(user, "delete", risk, partnership_id=risk.partnership_id,
           summary=f"Risk “{risk.title[:200]}” deleted")
    risk.delete()
