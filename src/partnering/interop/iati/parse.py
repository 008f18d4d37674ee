"""One iati-activity element → plain Python data, with the problems found on the way.

Nothing here touches the database; `iati_import` decides what the data becomes. Every
problem carries the line of the element it concerns."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

import pycountry

from partnering.reference.codelists import codes
from partnering.reference.countries import is_country

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Transaction types where the reporting organisation is, unless told otherwise, the one
# giving the money (outgoing) or the one receiving it (incoming); IATI guidance.
OUTGOING = {"2", "3", "4", "7", "8", "10", "12"}
INCOMING = {"1", "5", "6", "9", "11", "13"}

# Refs that publishers write when they have none.
JUNK_REFS = {"n/a", "na", "none", "null", "unknown", "not applicable", "tbc", "tbd", "0", "-"}
BARE_DAC = re.compile(r"^\d{3,6}$")
NUMBER_WITH_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
SDG_TARGET = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
SDG_INDICATOR = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])\.(\d{1,2})$")


def normalise_name(text: str) -> str:
    """Case, accents, punctuation and spacing do not make another organisation:
    "ACCIÓN CONTRA EL HAMBRE" and "Acción contra el Hambre" are one."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())[:300]


def normalise_ref(ref: str | None) -> str:
    ref = " ".join((ref or "").split()).upper()
    if ref.casefold() in JUNK_REFS or not any(ch.isalnum() for ch in ref):
        return ""
    return ref[:300]


def equivalent_refs(ref: str) -> list[str]:
    """A bare OECD DAC code ("44000") and its org-id form ("XM-DAC-44000") are one
    organisation; older files use the bare code."""
    if BARE_DAC.match(ref):
        return [ref, f"XM-DAC-{ref}"]
    if ref.startswith("XM-DAC-") and BARE_DAC.match(ref[7:]):
        return [ref, ref[7:]]
    return [ref]


@cache
def language_code(raw: str) -> str:
    """"EN", "en-GB" and "ENG" are all "en"."""
    code = (raw or "").strip().lower().replace("_", "-").split("-")[0]
    if len(code) == 3:
        language = pycountry.languages.get(alpha_3=code)
        if language is not None and hasattr(language, "alpha_2"):
            return language.alpha_2
    return code[:10]


def clean_text(text: str | None) -> str:
    lines = [" ".join(line.split()) for line in (text or "").strip().splitlines()]
    return "\n".join(line for line in lines if line)


@dataclass
class OrgRef:
    ref: str
    names: list[str]
    type: str
    line: int

    @property
    def name(self) -> str:
        return self.names[0] if self.names else ""

    @property
    def is_empty(self) -> bool:
        return not self.ref and not any(normalise_name(n) for n in self.names)


@dataclass
class Participant:
    org: OrgRef
    role: str


@dataclass
class BudgetData:
    key: str
    type: str
    status: str
    start: date
    end: date
    value: Decimal
    currency: str
    value_date: date | None
    line: int


@dataclass
class TransactionData:
    key: str
    type: str
    date: date
    value: Decimal
    currency: str
    value_date: date | None
    description: str
    reference: str
    provider: OrgRef | None
    receiver: OrgRef | None
    line: int


@dataclass
class PeriodData:
    key: str
    start: date
    end: date
    target: str | None
    target_comment: str
    actual: str | None
    actual_comment: str
    line: int


@dataclass
class IndicatorData:
    key: str
    title: str
    description: str
    measure: str
    ascending: bool
    baseline_value: str | None
    baseline_year: int | None
    baseline_date: date | None
    baseline_comment: str
    sdg_indicator: str
    periods: list[PeriodData]
    line: int


@dataclass
class ResultData:
    key: str
    type: str
    title: str
    description: str
    indicators: list[IndicatorData]
    line: int


@dataclass
class ActivityData:
    identifier: str
    line: int
    last_updated: datetime | None = None
    language: str = ""
    currency: str = ""
    reporting_org: OrgRef | None = None
    titles: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    status: str = ""
    dates: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)  # code → percentage text ("" if none)
    regions: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # non-SDG tags
    sdg_goals: set = field(default_factory=set)
    sdg_targets: set = field(default_factory=set)
    budgets: list[BudgetData] = field(default_factory=list)
    transactions: list[TransactionData] = field(default_factory=list)
    results: list[ResultData] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def problem(self, element, message: str) -> None:
        line = getattr(element, "sourceline", None) or self.line
        self.problems.append((line, message))


# --- small readers -----------------------------------------------------------------------

def narratives(element, default_language: str) -> dict[str, str]:
    """language → text; the activity's language where a narrative names none."""
    texts = {}
    if element is None:
        return texts
    for narrative in element.iterfind("narrative"):
        text = clean_text(narrative.text)
        if not text:
            continue
        language = language_code(narrative.get(XML_LANG, "")) or default_language
        texts.setdefault(language, text)
    return texts


def first_text(element, default_language: str) -> str:
    texts = narratives(element, default_language)
    if not texts:
        return ""
    return texts.get(default_language) or next(iter(texts.values()))


def iso_date(element, attribute: str = "iso-date") -> date | None:
    if element is None:
        return None
    raw = (element.get(attribute) or "").strip()
    try:
        return date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def parse_datetime(raw: str | None) -> datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def parse_number(raw: str | None) -> Decimal | None:
    """A decimal value, or None when the text is not a number."""
    text = (raw or "").strip()
    if NUMBER_WITH_THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def format_number(value: Decimal) -> str:
    """145000000.00 → "145000000", 0.5000 → "0.5"."""
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def canonical_value(raw: str | None) -> str | None:
    """A published value as kept: numbers in one spelling ("1,300.00" → "1300"), text as is."""
    if raw is None:
        return None
    value = parse_number(raw)
    return format_number(value) if value is not None else raw


def org_ref(element, default_language: str) -> OrgRef | None:
    if element is None:
        return None
    names = list(dict.fromkeys(narratives(element, default_language).values()))
    return OrgRef(ref=normalise_ref(element.get("ref")), names=names,
                  type=(element.get("type") or "").strip(), line=element.sourceline or 0)


def sdg_target_code(raw: str) -> str:
    """"3.3", "3.03" and "SDG 17.B" → "3.3" and "17.b"; "" when it is not a target code."""
    code = raw.strip().lower().removeprefix("sdg").strip()
    match = SDG_TARGET.match(code)
    if not match:
        return ""
    goal, part = match.groups()
    return f"{int(goal)}.{int(part) if part.isdigit() else part}"


def sdg_indicator_code(raw: str) -> str:
    code = raw.strip().lower().removeprefix("sdg").strip()
    match = SDG_INDICATOR.match(code)
    if not match:
        return ""
    goal, part, number = match.groups()
    return f"{int(goal)}.{int(part) if part.isdigit() else part}.{int(number)}"


def sdg_goal_number(raw: str) -> int | None:
    code = raw.strip().lower().removeprefix("sdg").strip()
    return int(code) if code.isdigit() and 1 <= int(code) <= 17 else None


# --- the activity ------------------------------------------------------------------------

def parse_activity(element, *, sdg_targets: set[str], sdg_indicators: dict[str, str]
                   ) -> ActivityData:
    """`sdg_targets`: the known target codes; `sdg_indicators`: indicator code → target code."""
    language = language_code(element.get(XML_LANG, ""))
    data = ActivityData(
        identifier=" ".join((element.findtext("iati-identifier") or "").split()),
        line=element.sourceline or 0,
        last_updated=parse_datetime(element.get("last-updated-datetime")),
        language=language,
        currency=(element.get("default-currency") or "").strip().upper(),
    )
    data.reporting_org = org_ref(element.find("reporting-org"), language)
    data.titles = narratives(element.find("title"), language)
    for description in element.iterfind("description"):
        kind = (description.get("type") or "1").strip()
        for lang, text in narratives(description, language).items():
            data.descriptions.setdefault(kind, {}).setdefault(lang, text)
    _participants(element, data)
    status = element.find("activity-status")
    data.status = (status.get("code") or "").strip() if status is not None else ""
    if data.status not in codes("ActivityStatus"):
        data.problem(status if status is not None else element,
                     f"unknown activity status “{data.status}”; the phase is set from the "
                     "dates")
    for activity_date in element.iterfind("activity-date"):
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
    for number, participant in enumerate(element.iterfind("participating-org"), 1):
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
    for country in element.iterfind("recipient-country"):
        code = (country.get("code") or "").strip().upper()
        if not is_country(code):
            data.problem(country, f"recipient-country “{code}” is not an ISO 3166 country; "
                                  "not added")
            continue
        data.countries.setdefault(code, (country.get("percentage") or "").strip())
    region_names = codes("Region")
    for region in element.iterfind("recipient-region"):
        code = (region.get("code") or "").strip()
        vocabulary = (region.get("vocabulary") or "1").strip()
        known = region_names.get(code) if vocabulary == "1" else None
        name = known.name if known else first_text(region, data.language)
        data.regions.append({"code": code, "vocabulary": vocabulary,
                             "percentage": (region.get("percentage") or "").strip(),
                             "name": name})


def _sectors_and_tags(element, data: ActivityData, sdg_targets: set[str],
                      sdg_indicators: dict[str, str]) -> None:
    for sector in element.iterfind("sector"):
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
    for tag in element.iterfind("tag"):
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
    value_element = container.find("value")
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
    for number, budget in enumerate(element.iterfind("budget"), 1):
        start, end = iso_date(budget.find("period-start")), iso_date(budget.find("period-end"))
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
    for number, transaction in enumerate(element.iterfind("transaction"), 1):
        kind_element = transaction.find("transaction-type")
        kind = (kind_element.get("code") or "").strip() if kind_element is not None else ""
        if kind not in codes("TransactionType"):
            data.problem(transaction, f"transaction {number} has the unknown type “{kind}”; "
                                      "not imported")
            continue
        when = iso_date(transaction.find("transaction-date"))
        if when is None:
            data.problem(transaction, f"transaction {number} has no date; not imported")
            continue
        money = _value(data, transaction, f"transaction {number}")
        if money is None:
            continue
        provider = org_ref(transaction.find("provider-org"), data.language)
        receiver = org_ref(transaction.find("receiver-org"), data.language)
        data.transactions.append(TransactionData(
            key=f"t{number}", type=kind, date=when, value=money[0], currency=money[1],
            value_date=money[2],
            description=first_text(transaction.find("description"), data.language),
            reference=(transaction.get("ref") or "").strip()[:200],
            provider=None if provider is None or provider.is_empty else provider,
            receiver=None if receiver is None or receiver.is_empty else receiver,
            line=transaction.sourceline or 0))


def _comment(element, language: str) -> str:
    return first_text(element.find("comment"), language) if element is not None else ""


def _results(element, data: ActivityData, sdg_indicators: dict[str, str]) -> None:
    for r_number, result in enumerate(element.iterfind("result"), 1):
        result_data = ResultData(
            key=f"r{r_number}", type=(result.get("type") or "9").strip()[:1],
            title=first_text(result.find("title"), data.language) or f"Result {r_number}",
            description=first_text(result.find("description"), data.language),
            indicators=[], line=result.sourceline or 0)
        for i_number, indicator in enumerate(result.iterfind("indicator"), 1):
            result_data.indicators.append(_indicator(
                data, indicator, f"{result_data.key}.i{i_number}", sdg_indicators))
        data.results.append(result_data)


def _indicator(data: ActivityData, indicator, key: str,
               sdg_indicators: dict[str, str]) -> IndicatorData:
    language = data.language
    sdg = ""
    for reference in indicator.iterfind("reference"):
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
    baseline = indicator.find("baseline")
    year = None
    if baseline is not None and (baseline.get("year") or "").strip().isdigit():
        year = int(baseline.get("year").strip())
    periods = []
    for p_number, period in enumerate(indicator.iterfind("period"), 1):
        start = iso_date(period.find("period-start"))
        end = iso_date(period.find("period-end"))
        if not start or not end or end < start:
            data.problem(period, f"indicator period {p_number} has no valid start and end; "
                                 "not imported")
            continue
        target = next((t for t in period.iterfind("target") if t.get("value") is not None),
                      period.find("target"))
        actual = next((a for a in period.iterfind("actual") if a.get("value") is not None),
                      period.find("actual"))
        periods.append(PeriodData(
            key=f"{key}.p{p_number}", start=start, end=end,
            target=_raw(target), target_comment=_comment(target, language),
            actual=_raw(actual), actual_comment=_comment(actual, language),
            line=period.sourceline or 0))
    ascending = (indicator.get("ascending") or "1").strip().lower() not in {"0", "false"}
    return IndicatorData(
        key=key, title=first_text(indicator.find("title"), language) or "Indicator",
        description=first_text(indicator.find("description"), language),
        measure=(indicator.get("measure") or "1").strip()[:1], ascending=ascending,
        baseline_value=_raw(baseline), baseline_year=year,
        baseline_date=iso_date(baseline), baseline_comment=_comment(baseline, language),
        sdg_indicator=sdg, periods=periods, line=indicator.sourceline or 0)


def _raw(element) -> str | None:
    if element is None:
        return None
    value = element.get("value")
    return value.strip() if value is not None and value.strip() else None
