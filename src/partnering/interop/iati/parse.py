"""One iati-activity element → plain Python data (data.py), with the problems found on the way.

Nothing here touches the database; the importer decides what the data becomes. Every
problem carries the line of the element it concerns."""

from decimal import Decimal

from partnering.interop.iati.data import (
    XML_LANG,
    ActivityData,
    BudgetData,
    IndicatorData,
    Participant,
    PeriodData,
    ResultData,
    TransactionData,
    child,
    first_text,
    iso_date,
    language_code,
    narratives,
    org_ref,
    parse_datetime,
    parse_number,
    sdg_goal_number,
    sdg_indicator_code,
    sdg_target_code,
)
from partnering.interop.iati.xml import activity_key
from partnering.reference.codelists import codes
from partnering.reference.countries import is_country

# --- the activity ------------------------------------------------------------------------

def parse_activity(element, *, sdg_targets: set[str], sdg_indicators: dict[str, str]
                   ) -> ActivityData:
    """`sdg_targets`: the known target codes; `sdg_indicators`: indicator code → target code."""
    language = language_code(element.get(XML_LANG, ""))
    data = ActivityData(
        identifier=activity_key(element),
        line=element.sourceline or 0,
        last_updated=parse_datetime(element.get("last-updated-datetime")),
        language=language,
        currency=(element.get("default-currency") or "").strip().upper(),
    )
    data.reporting_org = org_ref(child(element, "reporting-org"), language)
    data.titles = narratives(child(element, "title"), language)
    for description in element.iterchildren("description"):
        kind = (description.get("type") or "1").strip()
        for lang, text in narratives(description, language).items():
            data.descriptions.setdefault(kind, {}).setdefault(lang, text)
    _participants(element, data)
    status = child(element, "activity-status")
    data.status = (status.get("code") or "").strip() if status is not None else ""
    if data.status not in codes("ActivityStatus"):
        data.problem(status if status is not None else element,
                     f"unknown activity status “{data.status}”; the phase is set from the "
                     "dates")
    for activity_date in element.iterchildren("activity-date"):
        kind = (activity_date.get("type") or "").strip()
        value = iso_date(activity_date)
        if kind in {"1", "2", "3", "4"} and value:
            data.dates.setdefault(kind, value)
    _places(element, data)
    _sectors_and_tags(element, data, sdg_targets, sdg_indicators)
    _budgets(element, data)
    _transactions(element, data)
    _results(element, data, sdg_indicators)
    return data


def _participants(element, data: ActivityData) -> None:
    for number, participant in enumerate(element.iterchildren("participating-org"), 1):
        role = (participant.get("role") or "").strip()
        org = org_ref(participant, data.language)
        if role not in {"1", "2", "3", "4"}:
            data.problem(participant, f"participating-org {number} has the unknown role "
                                      f"“{role}”; not added")
            continue
        if org.is_empty:
            data.problem(participant, f"participating-org {number} has neither a ref nor a "
                                      "name; not added")
            continue
        data.participants.append(Participant(org=org, role=role))


def _places(element, data: ActivityData) -> None:
    for country in element.iterchildren("recipient-country"):
        code = (country.get("code") or "").strip().upper()
        if not is_country(code):
            data.problem(country, f"recipient-country “{code}” is not an ISO 3166 country; "
                                  "not added")
            continue
        data.countries.setdefault(code, (country.get("percentage") or "").strip())
    region_names = codes("Region")
    for region in element.iterchildren("recipient-region"):
        code = (region.get("code") or "").strip()
        vocabulary = (region.get("vocabulary") or "1").strip()
        known = region_names.get(code) if vocabulary == "1" else None
        name = known.name if known else first_text(region, data.language)
        data.regions.append({"code": code, "vocabulary": vocabulary,
                             "percentage": (region.get("percentage") or "").strip(),
                             "name": name})


def _sectors_and_tags(element, data: ActivityData, sdg_targets: set[str],
                      sdg_indicators: dict[str, str]) -> None:
    for sector in element.iterchildren("sector"):
        vocabulary = (sector.get("vocabulary") or "1").strip()
        code = (sector.get("code") or "").strip()
        entry = {"vocabulary": vocabulary, "code": code,
                 "percentage": (sector.get("percentage") or "").strip(),
                 "name": first_text(sector, data.language)}
        if vocabulary == "1" and not entry["name"]:
            known = codes("Sector").get(code)
            entry["name"] = known.name if known else ""
        vocabulary_uri = (sector.get("vocabulary-uri") or "").strip()
        if vocabulary_uri:
            entry["vocabulary_uri"] = vocabulary_uri
        data.sectors.append(entry)
        if vocabulary in {"7", "8", "9"}:
            _sdg(data, sector, {"7": "goal", "8": "target", "9": "indicator"}[vocabulary], code,
                 sdg_targets, sdg_indicators)
    for tag in element.iterchildren("tag"):
        vocabulary = (tag.get("vocabulary") or "").strip()
        code = (tag.get("code") or "").strip()
        if vocabulary == "2":
            _sdg(data, tag, "goal", code, sdg_targets, sdg_indicators)
        elif vocabulary == "3":
            _sdg(data, tag, "target", code, sdg_targets, sdg_indicators)
        else:
            entry = {"vocabulary": vocabulary, "code": code,
                     "name": first_text(tag, data.language)}
            vocabulary_uri = (tag.get("vocabulary-uri") or "").strip()
            if vocabulary_uri:
                entry["vocabulary_uri"] = vocabulary_uri
            data.tags.append(entry)


def _sdg(data: ActivityData, element, kind: str, code: str, sdg_targets: set[str],
         sdg_indicators: dict[str, str]) -> None:
    """SDG goals, targets and indicators (a target implies its goal, an indicator its
    target and goal)."""
    if kind == "goal":
        number = sdg_goal_number(code)
        if number is None:
            data.problem(element, f"“{code}” is not an SDG goal (1–17); ignored")
            return
        data.sdg_goals.add(number)
        return
    if kind == "target":
        target = sdg_target_code(code)
        if target not in sdg_targets:
            data.problem(element, f"“{code}” is not an SDG target; ignored")
            return
    else:
        indicator = sdg_indicator_code(code)
        target = sdg_indicators.get(indicator, "")
        if not target:
            data.problem(element, f"“{code}” is not an SDG indicator; ignored")
            return
    data.sdg_targets.add(target)
    data.sdg_goals.add(int(target.split(".")[0]))


def _value(data: ActivityData, container, what: str):
    """(value, currency, value date) of a value element, or None with a problem."""
    value_element = child(container, "value")
    if value_element is None:
        data.problem(container, f"{what} has no value; not imported")
        return None
    value = parse_number(value_element.text)
    if value is None:
        data.problem(value_element, f"{what} value “{(value_element.text or '').strip()}” is "
                                    "not a number; not imported")
        return None
    if abs(value) >= Decimal("1e18"):
        data.problem(value_element, f"{what} value {value} is too large; not imported")
        return None
    currency = (value_element.get("currency") or data.currency).strip().upper()
    if currency not in codes("Currency"):
        data.problem(value_element, f"{what} has no known currency (“{currency}”) and the "
                                    "activity no default-currency; not imported")
        return None
    return value, currency, iso_date(value_element, "value-date")


def _budgets(element, data: ActivityData) -> None:
    for number, budget in enumerate(element.iterchildren("budget"), 1):
        start, end = iso_date(child(budget, "period-start")), iso_date(child(budget, "period-end"))
        if not start or not end:
            data.problem(budget, f"budget {number} has no period; not imported")
            continue
        if end < start:
            data.problem(budget, f"budget {number} ends before it starts; not imported")
            continue
        money = _value(data, budget, f"budget {number}")
        if money is None:
            continue
        data.budgets.append(BudgetData(
            key=f"b{number}", type=(budget.get("type") or "1").strip()[:1],
            status=(budget.get("status") or "1").strip()[:1], start=start, end=end,
            value=money[0], currency=money[1], value_date=money[2],
            line=budget.sourceline or 0))


def _transactions(element, data: ActivityData) -> None:
    for number, transaction in enumerate(element.iterchildren("transaction"), 1):
        kind_element = child(transaction, "transaction-type")
        kind = (kind_element.get("code") or "").strip() if kind_element is not None else ""
        if kind not in codes("TransactionType"):
            data.problem(transaction, f"transaction {number} has the unknown type “{kind}”; "
                                      "not imported")
            continue
        when = iso_date(child(transaction, "transaction-date"))
        if when is None:
            data.problem(transaction, f"transaction {number} has no date; not imported")
            continue
        money = _value(data, transaction, f"transaction {number}")
        if money is None:
            continue
        provider = org_ref(child(transaction, "provider-org"), data.language)
        receiver = org_ref(child(transaction, "receiver-org"), data.language)
        data.transactions.append(TransactionData(
            key=f"t{number}", type=kind, date=when, value=money[0], currency=money[1],
            value_date=money[2],
            description=first_text(child(transaction, "description"), data.language),
            reference=(transaction.get("ref") or "").strip()[:200],
            provider=None if provider is None or provider.is_empty else provider,
            receiver=None if receiver is None or receiver.is_empty else receiver,
            line=transaction.sourceline or 0))


def _comment(element, language: str) -> str:
    return first_text(child(element, "comment"), language) if element is not None else ""


def _results(element, data: ActivityData, sdg_indicators: dict[str, str]) -> None:
    for r_number, result in enumerate(element.iterchildren("result"), 1):
        result_data = ResultData(
            key=f"r{r_number}", type=(result.get("type") or "9").strip()[:1],
            title=first_text(child(result, "title"), data.language) or f"Result {r_number}",
            description=first_text(child(result, "description"), data.language),
            indicators=[], line=result.sourceline or 0)
        for i_number, indicator in enumerate(result.iterchildren("indicator"), 1):
            result_data.indicators.append(_indicator(
                data, indicator, f"{result_data.key}.i{i_number}", sdg_indicators))
        data.results.append(result_data)


def _indicator(data: ActivityData, indicator, key: str,
               sdg_indicators: dict[str, str]) -> IndicatorData:
    language = data.language
    sdg = ""
    for reference in indicator.iterchildren("reference"):
        if (reference.get("vocabulary") or "").strip() != "9":
            continue
        code = sdg_indicator_code(reference.get("code") or "")
        if code in sdg_indicators:
            sdg = sdg or code
            data.sdg_targets.add(sdg_indicators[code])
            data.sdg_goals.add(int(code.split(".")[0]))
        else:
            data.problem(reference, f"“{reference.get('code')}” is not an SDG indicator; the "
                                    "indicator is not linked")
    baseline = child(indicator, "baseline")
    year = None
    if baseline is not None and (baseline.get("year") or "").strip().isdigit():
        year = int(baseline.get("year").strip())
    periods = []
    for p_number, period in enumerate(indicator.iterchildren("period"), 1):
        start = iso_date(child(period, "period-start"))
        end = iso_date(child(period, "period-end"))
        if not start or not end or end < start:
            data.problem(period, f"indicator period {p_number} has no valid start and end; "
                                 "not imported")
            continue
        target = next((t for t in period.iterchildren("target") if t.get("value") is not None),
                      child(period, "target"))
        actual = next((a for a in period.iterchildren("actual") if a.get("value") is not None),
                      child(period, "actual"))
        periods.append(PeriodData(
            key=f"{key}.p{p_number}", start=start, end=end,
            target=_raw(target), target_comment=_comment(target, language),
            actual=_raw(actual), actual_comment=_comment(actual, language),
            line=period.sourceline or 0))
    ascending = (indicator.get("ascending") or "1").strip().lower() not in {"0", "false"}
    return IndicatorData(
        key=key, title=first_text(child(indicator, "title"), language) or "Indicator",
        description=first_text(child(indicator, "description"), language),
        measure=(indicator.get("measure") or "1").strip()[:1], ascending=ascending,
        baseline_value=_raw(baseline), baseline_year=year,
        baseline_date=iso_date(baseline), baseline_comment=_comment(baseline, language),
        sdg_indicator=sdg, periods=periods, line=indicator.sourceline or 0)


def _raw(element) -> str | None:
    if element is None:
        return None
    value = element.get("value")
    return value.strip() if value is not None and value.strip() else None
