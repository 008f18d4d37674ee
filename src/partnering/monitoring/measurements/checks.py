"""What a reported value must satisfy, and who may report it: the period lies in the
indicator's span and overlaps no other value, the disaggregated values add up."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from partnering.monitoring.cleaning import number_text, to_date, to_decimal
from partnering.monitoring.models import Indicator


def indicator_span(indicator: Indicator) -> tuple[date | None, date | None]:
    """From the baseline date to the last milestone: the periods one may report on."""
    last = indicator.targets.order_by("-date").values_list("date", flat=True).first()
    return indicator.baseline_date, last


def _dimension_values(indicator: Indicator, dimension, parts) -> dict:
    """{category: Decimal} for one dimension of a disaggregated value."""
    if dimension not in indicator.disaggregation:
        raise ValidationError({"disaggregated": _(
            "“%(dimension)s” is not one of this indicator's dimensions (%(dimensions)s).") % {
                "dimension": str(dimension)[:50],
                "dimensions": ", ".join(indicator.disaggregation) or _("none")}})
    if not isinstance(parts, dict) or not parts:
        raise ValidationError({"disaggregated": _(
            "Give the %(dimension)s categories and their values.") % {"dimension": dimension}})
    numbers = {}
    for category, number in parts.items():
        amount = to_decimal(number, "disaggregated")
        if amount is None or len(str(category)) > 100:
            raise ValidationError({"disaggregated": _(
                "Give a value for each %(dimension)s category.") % {"dimension": dimension}})
        numbers[str(category)] = amount
    return numbers


def clean_disaggregated(indicator: Indicator, value: Decimal, data) -> dict:
    """{dimension: {category: value}}; every dimension must add up to the total."""
    if data in (None, "", {}):
        return {}
    if not isinstance(data, dict):
        raise ValidationError({"disaggregated": _("Give {dimension: {category: value}}.")})
    clean = {}
    for dimension, parts in data.items():
        numbers = _dimension_values(indicator, dimension, parts)
        total = sum(numbers.values(), Decimal(0))
        if total != value:
            raise ValidationError({"disaggregated": _(
                "The values by %(dimension)s add up to %(sum)s, not to the total "
                "%(total)s.") % {"dimension": dimension, "sum": number_text(total),
                                 "total": number_text(value)}})
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


def check_period(indicator: Indicator, period_start, period_end,
                 measurement=None) -> tuple[date, date]:
    """The period as dates, inside the indicator's span and overlapping no other value."""
    start, end = to_date(period_start, "period_start"), to_date(period_end, "period_end")
    if start is None or end is None:
        raise ValidationError({"period_start": _("Give the period the value is for.")})
    if end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    first, last = indicator_span(indicator)
    if (first and start < first) or (last and end > last):
        raise ValidationError({"period_start": _(
            "The period lies outside the indicator's span (%(first)s to %(last)s).") % {
                "first": first or _("any time"), "last": last or _("any time")}})
    _no_overlap(indicator, start, end, measurement)
    return start, end
