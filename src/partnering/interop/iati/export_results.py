"""Results and indicators of the IATI export (see export.py): a result per monitoring
result, an indicator with its baseline, and one period per target or measurement; values
that were published as text are written back as text."""

from collections import defaultdict

from django.utils import timezone

from partnering.interop.iati.data import format_number as number
from partnering.interop.iati.data import parse_number
from partnering.interop.iati.elements import named, sub


def results(activity, c, language: str) -> None:
    by_result = defaultdict(list)
    for indicator in c.indicators:
        by_result[indicator.result_id].append(indicator)
    stored = c.iati.periods if c.iati else {}
    for result in c.results:
        indicators = by_result.get(result.pk, [])
        if not indicators:
            continue  # the schema wants at least one indicator per result
        element = sub(activity, "result", type=result.level)
        named(element, "title", result.title)
        if result.description:
            named(element, "description", result.description)
        for indicator in indicators:
            _indicator(element, indicator, stored.get(indicator.import_key, {}))
    for indicator in by_result.get(None, []):
        # A KPI set straight on the partnership: its own result, type "other".
        element = sub(activity, "result", type="9")
        named(element, "title", indicator.name)
        _indicator(element, indicator, stored.get(indicator.import_key, {}))


def _indicator(parent, indicator, stored: dict) -> None:
    element = sub(parent, "indicator", measure=indicator.measure,
                   ascending="1" if indicator.direction == "up" else "0")
    named(element, "title", indicator.name)
    if indicator.definition:
        named(element, "description", indicator.definition)
    if indicator.sdg_indicator_id:
        sub(element, "reference", vocabulary="9", code=indicator.sdg_indicator.code)
    baseline_text = stored.get("baseline")
    value = number(indicator.baseline_value) if indicator.baseline_value is not None else (
        baseline_text if baseline_text is not None and _is_text(baseline_text) else None)
    if value is not None or indicator.baseline_date or indicator.baseline_comment:
        year = stored.get("baseline_year") or (
            indicator.baseline_date.year if indicator.baseline_date else None) or \
            timezone.localtime(indicator.created).year
        baseline = sub(element, "baseline", year=year,
                        iso_date=indicator.baseline_date.isoformat()
                        if indicator.baseline_date else None, value=value)
        if indicator.baseline_comment:
            named(baseline, "comment", indicator.baseline_comment)
    for period in _periods(indicator, stored):
        p = sub(element, "period")
        sub(p, "period-start", iso_date=period["start"])
        sub(p, "period-end", iso_date=period["end"])
        for kind in ("target", "actual"):
            if period.get(kind) is None:
                continue
            value_element = sub(p, kind, value=period[kind])
            if period.get(f"{kind}_comment"):
                named(value_element, "comment", period[f"{kind}_comment"])


def _is_text(value: str) -> bool:
    return parse_number(value) is None


def _periods(indicator, stored: dict) -> list[dict]:
    """Targets (a value by a date) and measurements (a value for a period) as IATI periods."""
    published = stored.get("periods", [])
    periods: dict[tuple[str, str], dict] = {}
    starts_by_end = {}
    for m in indicator.measurements.all():
        if m.status == "queried":
            continue  # a queried value is not an actual until corrected or confirmed
        key = (m.period_start.isoformat(), m.period_end.isoformat())
        periods.setdefault(key, {})["actual"] = number(m.value)
        periods[key]["actual_comment"] = m.comment
        starts_by_end.setdefault(key[1], key[0])
    for item in published:
        starts_by_end.setdefault(item["end"], item["start"])
    previous_end = indicator.baseline_date.isoformat() if indicator.baseline_date else None
    for t in sorted(indicator.targets.all(), key=lambda t: t.date):
        end = t.date.isoformat()
        start = starts_by_end.get(end) or previous_end or end
        if start > end:
            start = end
        periods.setdefault((start, end), {})["target"] = number(t.value)
        periods[(start, end)]["target_comment"] = t.comment
        previous_end = end
    for item in published:
        key = (item["start"], item["end"])
        for kind in ("target", "actual"):
            text = item.get(kind)
            if text is not None and _is_text(text) and periods.get(key, {}).get(kind) is None:
                periods.setdefault(key, {})[kind] = text
    return [{"start": start, "end": end, **values}
            for (start, end), values in sorted(periods.items())]
