"""What an IATI activity is read into (plain Python data, nothing in the database), and the
readers of its values: texts and narratives, dates, numbers, organisation references, SDG
codes. parse.py reads the activity with these."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import pycountry

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


@lru_cache(maxsize=65_536)  # a file names the same organisations in many activities
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
    """Each line's spacing collapsed, blank lines dropped."""
    if not text:
        return ""
    lines = text.splitlines()
    if len(lines) == 1:  # most narratives
        return " ".join(text.split())
    return "\n".join(filter(None, (" ".join(line.split()) for line in lines)))


def child(element, tag: str):
    """element.find(tag) of a plain tag name (no path, no namespace), as lxml finds it
    faster: the first child element so named, or None."""
    return next(element.iterchildren(tag), None)


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
    content_hash: str = ""  # of the activity's XML, set by the importer

    def problem(self, element, message: str) -> None:
        line = getattr(element, "sourceline", None) or self.line
        self.problems.append((line, message))


# --- small readers -----------------------------------------------------------------------

def narratives(element, default_language: str) -> dict[str, str]:
    """language → text; the activity's language where a narrative names none."""
    texts = {}
    if element is None:
        return texts
    for narrative in element.iterchildren("narrative"):
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
