"""Writes of the monitoring app: results, indicators and milestones, measurements and their
participatory validation, progress reports, risks. Every write is audited."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from partnering.audit.services import record, save_audited
from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
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
                    "responsible_organisation", "data_source", "sdg_indicator", "result"]
MEASUREMENT_FIELDS = ["period_start", "period_end", "value", "disaggregated", "evidence_url",
                      "comment", "status", "reported_by_organisation"]
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
    parent = _result_of(partnership, parent)
    result = Result(partnership=partnership,
                    position=Result.objects.filter(partnership=partnership).count())
    return save_audited(user, result, {
        "title": title, "level": level, "parent": parent,
        "weight": _decimal(weight, "weight") if weight not in (None, "") else Decimal(1),
        "description": description or ""}, fields=RESULT_FIELDS, partnership_id=partnership.pk)


def _result_of(partnership, result):
    if result in (None, ""):
        return None
    result_id = getattr(result, "pk", result)
    found = Result.objects.filter(partnership=partnership, pk=result_id).first()
    if found is None:
        raise ValidationError({"result": "No such result in this partnership."})
    return found


# --- Indicators and milestones ----------------------------------------------------------

def _clean_indicator(partnership, data: dict) -> dict:
    clean = dict(data)
    if "sdg_code" in clean:
        clean["sdg_indicator"] = sdg_indicator_for(clean.pop("sdg_code"))
    if "responsible_organisation" in clean:
        clean["responsible_organisation"] = _member_organisation(
            partnership, clean["responsible_organisation"], "responsible_organisation")
    if "result" in clean:
        clean["result"] = _result_of(partnership, clean["result"])
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
                        fields=["value", "date", "comment"],
                        partnership_id=indicator.partnership_id,
                        summary=f"milestone of {indicator.name}"[:500])


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


@transaction.atomic
def report_measurement(user, indicator: Indicator, *, period_start, period_end, value,
                       disaggregated=None, evidence_url: str = "",
                       comment: str = "") -> Measurement:
    partnership = indicator.partnership
    access = access_for(user, partnership)
    if not access.can_contribute:
        raise PermissionDenied("Only members, brokers and admins can report values.")
    if not can_report(access, indicator):
        raise PermissionDenied("Only the responsible member "
                               f"({indicator.responsible_organisation}) or the partnership's "
                               "stewards report this indicator.")
    start, end = _date(period_start, "period_start"), _date(period_end, "period_end")
    if start is None or end is None:
        raise ValidationError({"period_start": "Give the period the value is for."})
    if end < start:
        raise ValidationError({"period_end": "The period ends before it starts."})
    first, last = indicator_span(indicator)
    if (first and start < first) or (last and end > last):
        raise ValidationError({"period_start": "The period lies outside the indicator's span "
                               f"({first or 'any time'} to {last or 'any time'})."})
    amount = _decimal(value, "value")
    if amount is None:
        raise ValidationError({"value": "Give the value."})
    organisation = None
    if indicator.responsible_organisation_id in access.represents:
        organisation = indicator.responsible_organisation
    elif access.represents:
        organisation = Membership.objects.get(
            partnership=partnership, organisation_id=min(access.represents)).organisation
    measurement = Measurement(indicator=indicator, reported_by=user)
    save_audited(user, measurement, {
        "period_start": start, "period_end": end, "value": amount,
        "disaggregated": clean_disaggregated(indicator, amount, disaggregated),
        "evidence_url": evidence_url or "", "comment": comment or "",
        "status": MeasurementStatus.REPORTED, "reported_by_organisation": organisation,
    }, fields=MEASUREMENT_FIELDS, partnership_id=partnership.pk,
        summary=f"value of {indicator.name}"[:500])
    refresh_indicator(indicator)
    return measurement


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
    record(user, "update", measurement, partnership_id=partnership.pk,
           changes={"status": [before, status]},
           summary=f"{measurement.get_status_display()}: {comment}"[:500])
    return measurement


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
