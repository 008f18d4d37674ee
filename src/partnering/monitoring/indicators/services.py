"""Writes of indicators (KPIs set upfront) and their milestones. Every write is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.monitoring.cleaning import (
    blank_nones,
    count,
    dimensions,
    member_organisation,
    required_date,
    required_decimal,
    to_date,
    to_decimal,
)
from partnering.monitoring.models import Indicator, IndicatorTarget
from partnering.monitoring.permissions import require_manage
from partnering.monitoring.results.services import result_of
from partnering.monitoring.summaries import refresh_indicator
from partnering.reference.models import SdgIndicator

INDICATOR_FIELDS = ["name", "definition", "unit", "measure", "direction", "baseline_value",
                    "baseline_date", "baseline_comment", "disaggregation", "frequency",
                    "responsible_organisation", "data_source", "sdg_indicator", "result",
                    "deliverable"]
TARGET_FIELDS = ["value", "date", "comment"]


def sdg_indicator_for(code: str | None) -> SdgIndicator | None:
    code = (code or "").strip()
    if not code:
        return None
    found = SdgIndicator.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"sdg_indicator": _(
            "“%(code)s” is not an official SDG indicator (e.g. 4.1.1, 16.9.1).") % {
                "code": code[:20]}})
    return found


def _deliverable_of(partnership, deliverable):
    """A deliverable of this partnership's agreement (agreements app), given as object or id."""
    if deliverable in (None, ""):
        return None
    from partnering.agreements.models import Deliverable

    deliverable_id = getattr(deliverable, "pk", deliverable)
    found = Deliverable.objects.filter(partnership=partnership, pk=deliverable_id).first() \
        if isinstance(deliverable_id, int) else None
    if found is None:
        raise ValidationError({"deliverable": _("No such deliverable in this partnership: "
                                                "link a deliverable of its own agreement.")})
    return found


def _cleaners(partnership) -> dict:
    """field → function turning what was given into what is stored."""
    return {
        "responsible_organisation": lambda value: member_organisation(
            partnership, value, "responsible_organisation"),
        "result": lambda value: result_of(partnership, value),
        "deliverable": lambda value: _deliverable_of(partnership, value),
        "baseline_value": lambda value: to_decimal(value, "baseline_value"),
        "baseline_date": lambda value: to_date(value, "baseline_date"),
        "disaggregation": dimensions,
    }


def _clean_indicator(partnership, data: dict) -> dict:
    clean = dict(data)
    if "sdg_code" in clean:
        clean["sdg_indicator"] = sdg_indicator_for(clean.pop("sdg_code"))
    for name, cleaner in _cleaners(partnership).items():
        if name in clean:
            clean[name] = cleaner(clean[name])
    return blank_nones(clean, ("definition", "unit", "baseline_comment", "data_source"))


@transaction.atomic
def create_indicator(user, partnership, *, targets: list | None = None, **data) -> Indicator:
    """A KPI set upfront. `targets` is a list of {value, date, comment} milestones."""
    require_manage(user, partnership)
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
    require_manage(user, indicator.partnership)
    save_audited(user, indicator, _clean_indicator(indicator.partnership, data),
                 fields=INDICATOR_FIELDS, partnership_id=indicator.partnership_id)
    first = indicator.targets.order_by("date").first()
    if indicator.baseline_date and first and first.date < indicator.baseline_date:
        raise ValidationError({"baseline_date": _("A milestone falls before this baseline date.")})
    refresh_indicator(indicator)
    return indicator


@transaction.atomic(durable=True)
def delete_indicator(user, indicator: Indicator) -> None:
    """Delete an indicator with its milestones and reported values (and their evidence
    files, once the deletion is committed: see monitoring/signals.py)."""
    require_manage(user, indicator.partnership)
    values, milestones = indicator.measurements.count(), indicator.targets.count()
    record(user, "delete", indicator, partnership_id=indicator.partnership_id,
           summary=f"Indicator “{indicator.name[:200]}” deleted with "
                   f"{count(milestones, 'milestone')} and {count(values, 'reported value')}")
    indicator.delete()


# --- Milestones -------------------------------------------------------------------------

@transaction.atomic(durable=True)
def add_target(user, indicator: Indicator, *, value, date, comment: str = "") -> IndicatorTarget:
    require_manage(user, indicator.partnership)
    target = _add_target(user, indicator, value=value, date=date, comment=comment)
    refresh_indicator(indicator)
    return target


def _add_target(user, indicator, *, value, date, comment="") -> IndicatorTarget:
    value = required_decimal(value, "value", _("A milestone needs a value."))
    day = required_date(date, "date", _("A milestone needs a date."))
    target = IndicatorTarget(indicator=indicator)
    return save_audited(user, target, {"value": value, "date": day, "comment": comment or ""},
                        fields=TARGET_FIELDS, partnership_id=indicator.partnership_id,
                        summary=f"milestone of {indicator.name}"[:500])


def _clean_target(data: dict) -> dict:
    clean = {}
    if "value" in data:
        clean["value"] = required_decimal(data["value"], "value", _("A milestone needs a value."))
    if "date" in data:
        clean["date"] = required_date(data["date"], "date", _("A milestone needs a date."))
    if "comment" in data:
        clean["comment"] = data["comment"] or ""
    return clean


@transaction.atomic(durable=True)
def update_target(user, target: IndicatorTarget, **data) -> IndicatorTarget:
    """Change a milestone's value, date or comment; a date before the baseline is refused."""
    indicator = target.indicator
    require_manage(user, indicator.partnership)
    save_audited(user, target, _clean_target(data), fields=TARGET_FIELDS,
                 partnership_id=indicator.partnership_id,
                 summary=f"milestone of {indicator.name}"[:500])
    refresh_indicator(indicator)
    return target


@transaction.atomic(durable=True)
def delete_target(user, target: IndicatorTarget) -> None:
    indicator = target.indicator
    require_manage(user, indicator.partnership)
    record(user, "delete", target, partnership_id=indicator.partnership_id,
           summary=f"Milestone of {indicator.name} deleted"[:500])
    target.delete()
    refresh_indicator(indicator)
