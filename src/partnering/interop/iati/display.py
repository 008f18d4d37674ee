"""What the partnership page shows of imported open data: its IATI record, a compact
results-and-indicators table and the resources (budgets, and each provider's contributions
from the resource flows). Read-only, a fixed number of queries."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from partnering.finance.models import Budget, ResourceFlow
from partnering.interop.iati.data import format_number as number
from partnering.interop.iati.data import language_code, parse_number
from partnering.interop.iati.values import status_name
from partnering.interop.iati.values import tracked as _tracked
from partnering.interop.models import IatiActivity
from partnering.monitoring.models import Indicator, IndicatorTarget, Measurement
from partnering.monitoring.rollup.models import PartnershipSummary
from partnering.prepared import Prepared

MAX_INDICATORS = 50
MAX_PROVIDERS = 20
COMMITTED = {"2", "11"}  # outgoing and incoming commitments
PAID = {"1", "3", "4"}  # incoming funds, disbursements, expenditure


def reader_languages(request) -> list[str]:
    """The reader's languages, most preferred first (Accept-Language; Django's language)."""
    languages = []
    for raw in (getattr(request, "LANGUAGE_CODE", ""),):
        if raw:
            languages.append(language_code(raw))
    header = request.headers.get("Accept-Language", "")[:500]
    try:
        parsed = parse_accept_lang_header(header)
    except ValueError:
        parsed = ()
    for raw, _quality in parsed:
        if raw != "*":
            languages.append(language_code(raw))
    return list(dict.fromkeys(code for code in languages if code))


def _in_language(texts: dict, languages: list[str]) -> tuple[str, str]:
    for language in languages:
        if texts.get(language):
            return language, texts[language]
    return "", ""


def localise(request, partnership, iati: IatiActivity | None) -> str:
    """Show the title and problem statement in the reader's language when the IATI record
    has it and nobody has edited them since the import. Changes the object for display
    only (it is not saved). Returns the language shown, or ""."""
    if iati is None:
        return ""
    languages = reader_languages(request)
    tracked = iati.imported.get("partnership", {})
    # What was written, for the translations' "the original changed" check (translations/).
    partnership.originals = {"title": partnership.title,
                             "problem_statement": partnership.problem_statement}
    shown = ""
    if _tracked("title", partnership.title) == tracked.get("title"):
        language, title = _in_language(iati.titles, languages)
        if title:
            partnership.title = title if len(title) <= 200 else title[:199] + "…"
            shown = language
    general = iati.descriptions.get("1", {})
    if general and _tracked("problem_statement", partnership.problem_statement) == \
            tracked.get("problem_statement"):
        language, text = _in_language(general, languages)
        if text:
            partnership.problem_statement = text
            shown = shown or language
    return shown


def _text_value(iati: IatiActivity | None, key: str, kind: str) -> str:
    """The latest non-numeric value as published (qualitative indicators)."""
    if iati is None or not key:
        return ""
    stored = iati.periods.get(key, {})
    if kind == "baseline":
        value = stored.get("baseline")
        return value if value is not None and parse_number(value) is None else ""
    for period in reversed(stored.get("periods", [])):
        value = period.get(kind)
        if value is not None and parse_number(value) is None:
            return value
    return ""


def _indicators(_key, partnership_id: int):
    latest_target = IndicatorTarget.objects.filter(indicator=OuterRef("pk")).order_by("-date")
    latest_actual = Measurement.objects.filter(indicator=OuterRef("pk")).exclude(
        status="queried").order_by("-period_end", "-id")
    return (Indicator.objects.filter(partnership_id=partnership_id)
            .select_related("result", "sdg_indicator")
            .annotate(target_value=Subquery(latest_target.values("value")[:1]),
                      target_date=Subquery(latest_target.values("date")[:1]),
                      actual_value=Subquery(latest_actual.values("value")[:1]),
                      actual_end=Subquery(latest_actual.values("period_end")[:1]))
            .order_by("result__position", "result_id", "position", "pk")[:MAX_INDICATORS])


# The partnership page's queries, their SQL written once per process (partnering.prepared).
_INDICATORS = Prepared(_indicators, int)
_INDICATOR_COUNT = Prepared(lambda _key, pid: Indicator.objects.filter(partnership_id=pid)
                            .values("partnership_id").annotate(n=Count("pk")).order_by(), int)
_ACTIVITY = Prepared(lambda _key, pid: IatiActivity.objects.filter(partnership_id=pid)
                     .select_related("reporting_organisation")[:1], int)
_BUDGETS = Prepared(lambda _key, pid: Budget.objects.filter(partnership_id=pid).values_list(
    "period_start", "period_end", "budget_type", "currency", "value"), int)
_FLOWS = Prepared(lambda _key, pid: ResourceFlow.objects.filter(partnership_id=pid).values(
    "provider_id", "provider__name", "provider_name", "currency", "transaction_type")
    .annotate(total=Sum("value")), int)


def indicator_rows(partnership, iati: IatiActivity | None) -> tuple[list[dict], int]:
    indicators = _INDICATORS("indicators", partnership.pk)
    if len(indicators) < MAX_INDICATORS:
        total = len(indicators)
    else:
        total = next((row["n"] for row in _INDICATOR_COUNT("count", partnership.pk)), 0)
    rows = []
    for indicator in indicators:
        rows.append({
            "result": indicator.result.title if indicator.result else "",
            "level": indicator.result.get_level_display() if indicator.result else "",
            "name": indicator.name,
            "baseline": number(indicator.baseline_value)
            if indicator.baseline_value is not None
            else _text_value(iati, indicator.import_key, "baseline"),
            "baseline_date": indicator.baseline_date,
            "target": number(indicator.target_value) if indicator.target_value is not None
            else _text_value(iati, indicator.import_key, "target"),
            "target_date": indicator.target_date,
            "actual": number(indicator.actual_value) if indicator.actual_value is not None
            else _text_value(iati, indicator.import_key, "actual"),
            "actual_date": indicator.actual_end,
            "percentage": indicator.measure == "2",
            "sdg": indicator.sdg_indicator,
        })
    return rows, total


def budget_totals(partnership) -> list[dict]:
    """Total budget per currency. Where a period has a revised budget (IATI BudgetType 2),
    it replaces the original one rather than adding to it."""
    by_period = defaultdict(lambda: defaultdict(Decimal))
    for start, end, kind, currency, value in _BUDGETS("budgets", partnership.pk):
        by_period[(start, end, currency)][kind] += value
    totals = defaultdict(Decimal)
    periods = defaultdict(list)
    for (start, end, currency), kinds in by_period.items():
        totals[currency] += kinds["2"] if "2" in kinds else kinds["1"]
        periods[currency].append((start, end))
    return [{"currency": currency, "total": total,
             "start": min(p[0] for p in periods[currency]),
             "end": max(p[1] for p in periods[currency])}
            for currency, total in sorted(totals.items())]


def contributions(partnership) -> tuple[list[dict], int]:
    """What each provider committed and paid, per currency, from the resource flows."""
    rows = _FLOWS("flows", partnership.pk)
    table: dict[tuple, dict] = {}
    for row in rows:
        kind = row["transaction_type"]
        if kind not in COMMITTED | PAID:
            continue
        key = (row["provider_id"] or row["provider_name"], row["currency"])
        entry = table.setdefault(key, {
            "organisation_id": row["provider_id"],
            "name": row["provider__name"] or row["provider_name"] or _("Not named"),
            "currency": row["currency"], "committed": Decimal(0), "paid": Decimal(0)})
        entry["committed" if kind in COMMITTED else "paid"] += row["total"] or 0
    ordered = sorted(table.values(), key=lambda e: (-(e["committed"] + e["paid"]), e["name"]))
    for entry in ordered:
        entry["committed"] = entry["committed"].normalize()
        entry["paid"] = entry["paid"].normalize()
    return ordered[:MAX_PROVIDERS], len(ordered)


def partnership_open_data(request, partnership) -> dict:
    """The context the partnership page's open-data sections need (and the reader's
    language applied to the title and problem statement)."""
    return open_data(partnership, *localised_activity(request, partnership))


# How a query of the partnership's summary reads its activity in the same query.
ACTIVITY_OF_SUMMARY = "partnership__iati__reporting_organisation"


def localised_activity(request, partnership, summary=None) -> tuple[IatiActivity | None, str]:
    """The partnership's IATI activity, if any, and the language its title and problem
    statement are shown in for this reader (`localise`). A `summary` read with
    ACTIVITY_OF_SUMMARY holds the activity already."""
    if summary is not None and summary.partnership_id == partnership.pk and \
            PartnershipSummary.partnership.is_cached(summary):
        iati = getattr(summary.partnership, "iati", None)
    else:
        iati = next(iter(_ACTIVITY("activity", partnership.pk)), None)
    return iati, localise(request, partnership, iati)


def open_data(partnership, iati: IatiActivity | None, language: str) -> dict:
    """The open-data sections' context for an activity localised in `language`."""
    kpis, kpi_total = indicator_rows(partnership, iati)
    providers, provider_total = contributions(partnership)
    return {
        "iati": iati,
        "iati_status": status_name(iati.activity_status) if iati else "",
        "iati_language": language,
        "iati_languages": sorted(set(iati.titles) | {lang for texts in
                                                      iati.descriptions.values()
                                                      for lang in texts}) if iati else [],
        "kpis": kpis, "kpi_total": kpi_total,
        "budgets": budget_totals(partnership),
        "contributions": providers, "contribution_total": provider_total,
    }
