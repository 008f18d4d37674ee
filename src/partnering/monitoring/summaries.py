"""What every indicator keeps about itself so that dashboards need not look at measurements:
its latest value and date, its final target and its progress towards it.

Stored on the indicator and refreshed, in the database (one UPDATE with correlated
subqueries, no rows in Python), by every write that changes a measurement, a target or the
baseline, and by every validation (a queried value does not count: it is neither the
latest nor in the progress, until it is corrected or confirmed; the indicator counts its
queried values). The portfolio then averages a column over 50,000 indicators instead of
finding the latest of 1,000,000 measurements on each request."""

from django.db.models import Count, F, FloatField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from partnering.monitoring.models import Indicator, IndicatorTarget, Measurement

QUERIED = "queried"


def progress_expression():
    """(latest − baseline) / (final − baseline), clipped to 0..1: progress.indicator_progress
    written for the database."""
    return Greatest(Least(
        Cast(F("latest_value") - F("baseline_value"), FloatField())
        / Cast(F("final_target_value") - F("baseline_value"), FloatField()),
        Value(1.0)), Value(0.0))


def refresh_indicators(indicators, *, models=(Indicator, IndicatorTarget, Measurement)) -> None:
    """Recompute the stored summary of these indicators (a queryset). `models` lets the
    migration that adds the columns fill them with its historical models."""
    indicator_model, target_model, measurement_model = models
    # A queried value does not count until it is corrected or confirmed.
    counted = measurement_model.objects.filter(indicator=OuterRef("pk")).exclude(
        status=QUERIED)
    latest = counted.order_by("-period_end", "-id")
    final = target_model.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-id")
    indicators = indicator_model.objects.filter(pk__in=indicators.values("pk"))
    summary = {"latest_value": Subquery(latest.values("value")[:1]),
               "latest_date": Subquery(latest.values("period_end")[:1]),
               "final_target_value": Subquery(final.values("value")[:1])}
    if any(f.name == "queried_values" for f in indicator_model._meta.fields):
        queried = measurement_model.objects.filter(
            indicator=OuterRef("pk"), status=QUERIED).order_by().values("indicator").annotate(
            n=Count("pk")).values("n")
        summary["queried_values"] = Coalesce(Subquery(queried[:1]), Value(0))
    indicators.update(**summary)
    judged = (Q(latest_value__isnull=False) & Q(final_target_value__isnull=False)
              & Q(baseline_value__isnull=False) & ~Q(final_target_value=F("baseline_value")))
    indicators.filter(judged).update(progress=progress_expression())
    indicators.exclude(judged).update(progress=None)


def refresh_indicator(indicator: Indicator) -> None:
    refresh_indicators(Indicator.objects.filter(pk=indicator.pk))
    indicator.refresh_from_db(fields=["latest_value", "latest_date", "final_target_value",
                                      "progress", "queried_values"])
