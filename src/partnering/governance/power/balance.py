"""The power balance of a partnership (8 Actions, action 5: "maintain the power balance";
"ensure equity in decision making is maintained between all parties").

Pure computation over plain counts, no database: who tables proposals, who takes positions,
whose way decisions go, who blocks, who owns the actions, who commits the resources, who
comes to meetings and who is heard there, by member organisation and by sector.
`power_data.gather()` reads the counts; `balance()` turns them into shares (which sum to 1
per measure, or the measure has no data), an equity index, and flags that explain
themselves in plain language with what to do, drawn from 8 Actions.

The equity index is the normalised Shannon entropy of the members' shares, averaged over
the measures with data (see FORMULA and WHY_ENTROPY).
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from partnering.registry.vocabulary import Sector
from partnering.sources import cite

Amount = int | float | Decimal

# A measure needs at least this many events (proposals, positions, decisions, blocks,
# actions, meetings, speaking turns) before a share in it is called dominant: one block,
# or the first two proposals, say little about a partnership.
MIN_EVENTS = 3

FORMULA = "E = (1/|M|) · Σₘ Hₘ / ln n,   where Hₘ = −Σᵢ pₘᵢ · ln pₘᵢ"
FORMULA_WHERE = (
    "pₘᵢ is member i's share of measure m, n the number of members, and M the measures with "
    "data (0 · ln 0 counts as 0). Blocks are shown but left out of the index: equal "
    "blocking is not a goal. E is 1 when every member holds an equal share of every "
    "measure, and 0 when one member holds all of every measure. The sector index is the "
    "same computation over the sectors at the table; a sector with more members there will "
    "hold more, so read it with the number of members in each."
)
WHY_ENTROPY = (
    "Normalised entropy rather than 1 − Gini: it counts every member, also those with no "
    "share at all; it reads as an effective number of members (e^Hₘ: proposals come as if "
    "from 1.6 of the 4 members); and for any number of members it is exactly 1 only when "
    "shares are equal and 0 only when one member holds everything."
)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    description: str
    advice: str
    in_index: bool = True
    money: bool = False
    chart_label: str = ""  # shorter, for the chart; the label otherwise
    # Observers follow decisions but do not take positions: they are left out of the
    # measures of deciding.
    deciding: bool = False


MEASURES = (
    Measure(
        "proposals", "Proposals tabled",
        "Proposals each member tabled, counted in the period they were tabled.",
        "Keep the problem at the centre and co-design the process "
        f"({cite('eight-actions', 'actions 2 and 4')}): invite every partner to table proposals, "
        "ask the broker to gather proposals "
        "from the quieter partners before meetings, and rotate who drafts and who chairs."),
    Measure(
        "positions", "Positions taken",
        "Positions (agree, abstain, disagree, block, or a vote for an option) each member "
        "took, on proposals tabled in the period. Observers do not take positions and are "
        "left out.",
        f"Give permission to decide ({cite('eight-actions', 'action 6')}): ask the members who "
        "take few "
        "positions whether their representatives hold a mandate to decide, leave proposals "
        "open long enough, and ask the broker to follow up with members who have not taken "
        "a position.",
        deciding=True),
    Measure(
        "decisions", "Decisions that went its way",
        "For each proposal decided in the period, every member whose position won counts "
        "once: it agreed to a motion that carried, disagreed with or blocked one that was "
        "not carried, or voted for the option chosen.",
        f"Maintain equity in decision making ({cite('eight-actions', 'action 5')}): check that the "
        "decision "
        "rule and any weights do not hand one partner the outcome, hear objections before "
        "the vote, and let an independent facilitator run contentious decisions.",
        deciding=True, chart_label="Decisions gone its way"),
    Measure(
        "blocks", "Blocks",
        "Blocks (reasoned objections under the consent rule), on proposals tabled in the "
        "period. Shown, but not part of the equity index.",
        "A member that blocks again and again holds a veto. Ask the hard questions "
        f"({cite('eight-actions', 'action 7')}): let the broker explore its objections with it, "
        "and co-design the "
        "next proposals with it before they are tabled (action 4).",
        in_index=False, deciding=True),
    Measure(
        "actions", "Actions owned",
        "Actions each member owns, created in the period (dropped actions left out).",
        f"Share accountability ({cite('eight-actions', 'action 7')}): spread the actions so that "
        "every "
        "partner owns part of the work and reports on it. A partner that carries most of "
        "the work can come to own the problem (action 2), and the others to leave it to "
        "them."),
    Measure(
        "resources", "Resources committed",
        "Estimated value of the resources each member committed (cash, in kind, staff "
        "time, expertise, data, networks), in the agreed partnering agreement in force at "
        "the end of the period.",
        "Whoever brings most of the money can come to set the agenda. Value the other "
        "partners' contributions in kind (staff time, expertise, data, networks, the trust "
        "of communities) in the agreement, and keep decisions to the agreed rule rather "
        f"than to the size of a contribution ({cite('eight-actions', 'action 5')}).",
        money=True),
    Measure(
        "attendance", "Meetings attended",
        "Meetings in the period each member attended (guests who are not members are left "
        "out).",
        f"Set up a neutral platform ({cite('eight-actions', 'action 3')}): meet where and when "
        "every "
        "partner "
        "can come, rotate the venue and the chair, cover travel for partners who cannot "
        "afford it, and ask the members who stay away why."),
    Measure(
        "speaking", "Speaking turns",
        "Items each member spoke to, counted from the minutes of the meetings in the "
        "period that recorded them.",
        "Ask an independent facilitator or a rotating chair "
        f"({cite('eight-actions', 'action 3')}) to give "
        "every partner the floor in turn, hear the quieter partners first, circulate papers "
        "a week ahead, and offer interpretation where partners work in different "
        "languages."),
)
MEASURE_BY_KEY = {measure.key: measure for measure in MEASURES}

MANDATE_ADVICE = (
    f"Give permission to decide ({cite('eight-actions', 'action 6')}): ask {{name}} to give a "
    "representative a "
    "mandate to decide, or agree in the governance section how its decisions are taken (for "
    "example referred to its leadership with an agreed time to answer).")
SECTOR_ADVICE = ("One sector cannot solve a complex problem alone "
                 f"({cite('eight-actions', 'action 1')}). ")
UNHEARD_ADVICE = (
    "Being in the room is not being heard. Ask {name} what would help it speak (papers in "
    "advance and in its language, a word with the broker before the meeting), and ask the "
    "chair or an independent facilitator to give it the floor early "
    f"({cite('eight-actions', 'actions 3 and 5')}).")


def sector_label(code: str) -> str:
    try:
        return Sector(code).label
    except ValueError:
        return code or "Unknown sector"


@dataclass(frozen=True)
class Member:
    """An organisation in the balance: a member, or a former member with records in the
    period."""

    organisation_id: int
    name: str
    sector: str
    acronym: str = ""
    is_member: bool = True
    is_observer: bool = False
    representatives: int = 0
    mandated: int = 0

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    @property
    def has_mandate(self) -> bool:
        return self.mandated > 0

    @property
    def sector_label(self) -> str:
        return sector_label(self.sector)


@dataclass
class PowerData:
    """The raw counts for one partnership and period, as power_data.gather() reads them."""

    members: list[Member]
    # measure key -> organisation id -> amount (a count; the estimated value for resources)
    amounts: dict[str, Mapping[int, Amount]] = field(default_factory=dict)
    # measure key -> how many things were counted: proposals, positions, decisions, blocks,
    # actions, meetings, speaking turns (None: no minimum, e.g. for resources)
    events: dict[str, int | None] = field(default_factory=dict)
    meetings: int = 0
    # Meetings whose minutes recorded speaking turns, and who attended those.
    recorded_meetings: int = 0
    recorded_attendance: Mapping[int, int] = field(default_factory=dict)
    since: date | None = None
    until: date | None = None


# --- the arithmetic -----------------------------------------------------------------------

def shares(amounts: Mapping) -> dict | None:
    """Each key's part of the total; None when there is nothing to share (no data: never
    zeros). Negative amounts are refused."""
    if any(value < 0 for value in amounts.values()):
        raise ValueError("Amounts cannot be negative.")
    total = float(sum(amounts.values()))
    if not total:
        return None
    return {key: float(value) / total for key, value in amounts.items()}


def entropy(parts: Iterable[float]) -> float:
    """Shannon entropy H = −Σ p ln p (natural log), with 0 · ln 0 = 0."""
    return -sum(p * math.log(p) for p in parts if p > 0)


def normalised_entropy(parts: Iterable[float], n: int) -> float | None:
    """H / ln n over n holders (those with no share included): 1 when all n hold equal
    shares, 0 when one holds everything; None when there are fewer than two holders."""
    if n < 2:
        return None
    value = entropy(parts) / math.log(n)
    return min(1.0, max(0.0, value))


def effective_number(parts: Iterable[float]) -> float:
    """e^H: as if the measure were shared equally by this many holders."""
    return math.exp(entropy(parts))


def equity_index(values: Iterable[float | None]) -> float | None:
    """The mean of the measures' normalised entropies, over the measures with data."""
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def dominance_threshold(n: int, configured: float | None = None) -> float | None:
    """The share above which one of n members (or sectors) dominates a measure.

    By default more than halfway from an equal share to the whole, (1 + 1/n) / 2: 75% with
    two members, 67% with three, 62.5% with four, nearing 50% in large partnerships. Always
    above half, so at most one can dominate, and well above an equal share, so ordinary
    variation is not flagged. A configured threshold replaces it, but never falls below an
    equal share. None when there are fewer than two."""
    if n < 2:
        return None
    if configured is not None:
        return max(configured, 1 / n)
    return (1 + 1 / n) / 2


def threshold_rule(configured: float | None) -> str:
    if configured is not None:
        return (f"A member or sector dominates a measure when its share is above "
                f"{percent(configured, True)} (set by POWER_DOMINANCE_THRESHOLD), or above an "
                f"equal share if that is higher; a measure needs at least {MIN_EVENTS} "
                "events before it is flagged.")
    return ("A member or sector dominates a measure when its share is more than halfway from "
            "an equal share to the whole, (1 + 1/n) / 2 for n members or sectors: 75% with "
            "two, 67% with three, 62.5% with four, nearing 50% in large partnerships. That "
            "is always more than half, so at most one can dominate a measure, and well above "
            "an equal share, so ordinary variation is not flagged. A measure needs at least "
            f"{MIN_EVENTS} events before it is flagged. POWER_DOMINANCE_THRESHOLD sets a "
            "fixed share instead.")


def percent(share: float, precise: bool = False) -> str:
    """A share in words: 78%; a threshold precisely: 62.5%."""
    if precise:
        return f"{share:.1%}".replace(".0%", "%")
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def amount_text(value: Amount, money: bool = False) -> str:
    if money:
        return f"{Decimal(value):,.0f}"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.0f}"


# --- the report -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One member's (or sector's) part of a measure."""

    key: int | str  # organisation id, or sector code
    label: str
    amount: Amount
    share: float


@dataclass(frozen=True)
class SectorSummary:
    sector: str
    label: str
    members: list[Member]


@dataclass
class MeasureResult:
    measure: Measure
    total: Amount
    events: int | None
    holders: list[Member]  # who shares this measure (observers are out of the deciding ones)
    sectors: list[SectorSummary]
    by_member: list[Part]  # empty when the measure has no data
    by_sector: list[Part]
    equity: float | None = None
    sector_equity: float | None = None
    effective_members: float | None = None
    threshold: float | None = None
    sector_threshold: float | None = None

    @property
    def has_data(self) -> bool:
        return bool(self.by_member)

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def enough_for_flags(self) -> bool:
        return self.has_data and (self.events is None or self.events >= MIN_EVENTS)

    def part_of(self, organisation_id: int) -> Part | None:
        return next((p for p in self.by_member if p.key == organisation_id), None)

    def sector_part(self, sector: str) -> Part | None:
        return next((p for p in self.by_sector if p.key == sector), None)


@dataclass(frozen=True)
class Flag:
    kind: str  # member_dominance, sector_dominance, unheard, no_mandate
    title: str
    explanation: str
    advice: str
    measure: str | None = None
    organisation_id: int | None = None
    sector: str | None = None
    share: float | None = None
    threshold: float | None = None


@dataclass
class PowerBalance:
    since: date | None
    until: date | None
    members: list[Member]
    sectors: list[SectorSummary]
    measures: list[MeasureResult]
    index: float | None
    sector_index: float | None
    configured_threshold: float | None
    flags: list[Flag]
    meetings: int = 0

    formula = FORMULA
    formula_where = FORMULA_WHERE
    why = WHY_ENTROPY
    min_events = MIN_EVENTS

    @property
    def threshold_rule(self) -> str:
        return threshold_rule(self.configured_threshold)

    @property
    def member_threshold(self) -> float | None:
        """The threshold for measures every member shares."""
        return dominance_threshold(len(self.members), self.configured_threshold)

    @property
    def sector_threshold(self) -> float | None:
        return dominance_threshold(len(self.sectors), self.configured_threshold)

    @property
    def measures_in_index(self) -> list[str]:
        return [m.key for m in self.measures if m.measure.in_index and m.equity is not None]

    @property
    def has_data(self) -> bool:
        return any(m.has_data for m in self.measures)

    def measure(self, key: str) -> MeasureResult:
        return next(m for m in self.measures if m.key == key)

    def as_dict(self) -> dict:
        """The report as plain data for the API."""
        return {
            "since": self.since, "until": self.until,
            "members": [{
                "organisation_id": m.organisation_id, "name": m.name, "acronym": m.acronym,
                "sector": m.sector, "sector_label": m.sector_label, "is_member": m.is_member,
                "is_observer": m.is_observer, "representatives": m.representatives,
                "has_mandate": m.has_mandate,
            } for m in self.members],
            "sectors": [{"sector": s.sector, "label": s.label,
                         "members": [m.organisation_id for m in s.members]}
                        for s in self.sectors],
            "measures": [{
                "key": r.key, "label": r.measure.label, "description": r.measure.description,
                "in_index": r.measure.in_index, "has_data": r.has_data,
                "total": float(r.total), "events": r.events, "holders": len(r.holders),
                "by_member": [{"organisation_id": p.key, "name": p.label,
                               "amount": float(p.amount), "share": p.share}
                              for p in r.by_member],
                "by_sector": [{"sector": p.key, "label": p.label, "amount": float(p.amount),
                               "share": p.share} for p in r.by_sector],
                "equity": r.equity, "sector_equity": r.sector_equity,
                "effective_members": r.effective_members,
                "threshold": r.threshold, "sector_threshold": r.sector_threshold,
            } for r in self.measures],
            "index": {
                "value": self.index, "sector_value": self.sector_index,
                "measures": self.measures_in_index, "formula": FORMULA,
                "where": FORMULA_WHERE, "why": WHY_ENTROPY,
            },
            "threshold": {
                "rule": self.threshold_rule, "member": self.member_threshold,
                "sector": self.sector_threshold, "configured": self.configured_threshold,
                "min_events": MIN_EVENTS,
            },
            "flags": [{
                "kind": f.kind, "title": f.title, "measure": f.measure,
                "organisation_id": f.organisation_id, "sector": f.sector, "share": f.share,
                "threshold": f.threshold, "explanation": f.explanation, "advice": f.advice,
            } for f in self.flags],
        }


def balance(data: PowerData, *, threshold: float | None = None) -> PowerBalance:
    """Shares, equity index and flags for one partnership and period."""
    members = sorted(data.members, key=lambda m: (m.name.lower(), m.organisation_id))
    results = [_measure(measure, data, members, threshold) for measure in MEASURES]
    flags: list[Flag] = []
    for result in results:
        flags.extend(_dominance(result, data))
    for result in results:
        flags.extend(_sector_dominance(result, data))
    flags.extend(_unheard(next(r for r in results if r.key == "speaking"), data, members))
    flags.extend(_no_mandate(members))
    return PowerBalance(
        since=data.since, until=data.until, members=members, sectors=group_sectors(members),
        measures=results,
        index=equity_index(r.equity for r in results if r.measure.in_index),
        sector_index=equity_index(r.sector_equity for r in results if r.measure.in_index),
        configured_threshold=threshold, flags=flags, meetings=data.meetings)


def group_sectors(members: list[Member]) -> list[SectorSummary]:
    grouped = defaultdict(list)
    for member in members:
        grouped[member.sector].append(member)
    return sorted((SectorSummary(code, sector_label(code), group)
                   for code, group in grouped.items()), key=lambda s: s.label)


def _measure(measure: Measure, data: PowerData, members: list[Member],
             threshold: float | None) -> MeasureResult:
    raw = data.amounts.get(measure.key, {})
    # Only members (and former members) share a measure: guests at a consultation are not
    # partners. Observers do not decide, unless the records say they did.
    holders = [m for m in members
               if not (measure.deciding and m.is_observer) or raw.get(m.organisation_id)]
    sectors = group_sectors(holders)
    amounts = {m.organisation_id: raw.get(m.organisation_id, 0) for m in holders}
    member_shares = shares(amounts)
    total = sum(amounts.values())
    result = MeasureResult(measure, total, data.events.get(measure.key), holders, sectors,
                           [], [])
    if member_shares is None:
        return result
    sector_amounts = {s.sector: sum(amounts[m.organisation_id] for m in s.members)
                      for s in sectors}
    sector_shares = shares(sector_amounts)
    result.by_member = [Part(m.organisation_id, m.name, amounts[m.organisation_id],
                             member_shares[m.organisation_id]) for m in holders]
    result.by_sector = [Part(s.sector, s.label, sector_amounts[s.sector],
                             sector_shares[s.sector]) for s in sectors]
    result.equity = normalised_entropy(member_shares.values(), len(holders))
    result.sector_equity = normalised_entropy(sector_shares.values(), len(sectors))
    result.effective_members = effective_number(member_shares.values())
    result.threshold = dominance_threshold(len(holders), threshold)
    result.sector_threshold = dominance_threshold(len(sectors), threshold)
    return result


def _what(result: MeasureResult, subject: str, part: Part, data: PowerData) -> str:
    """The plain sentence: who holds how much of what."""
    a = amount_text(part.amount, result.measure.money)
    total = amount_text(result.total, result.measure.money)
    pct = percent(part.share)
    match result.key:
        case "proposals":
            return f"{subject} tabled {a} of the {total} proposals ({pct})"
        case "positions":
            return f"{subject} took {a} of the {total} positions on proposals ({pct})"
        case "decisions":
            return (f"{subject} was on the winning side of decisions {a} times out of the "
                    f"{total} times any member was ({pct})")
        case "blocks":
            return f"{subject} made {a} of the {total} blocks ({pct})"
        case "actions":
            return f"{subject} owns {a} of the {total} actions ({pct})"
        case "resources":
            return (f"{subject} committed {pct} of the estimated value of the resources "
                    f"({a} of {total})")
        case "attendance":
            return (f"{subject} accounts for {a} of the {total} attendances by members at the "
                    f"{data.meetings} meetings ({pct}): the others seldom come")
        case "speaking":
            return (f"{subject} had {a} of the {total} speaking turns recorded in the minutes "
                    f"({pct})")
    return f"{subject} holds {a} of {total} ({pct})"  # pragma: no cover - every measure named


def _cannot_decide(result: MeasureResult, outside: str | None = None) -> str:
    """For the measures of deciding: members who cannot take positions (no mandate), which
    concentrates the measure in the others' hands."""
    if not result.measure.deciding:
        return ""
    silent = [m.short_name for m in result.holders
              if m.is_member and not m.has_mandate and m.sector != outside]
    if not silent:
        return ""
    return (f" {len(silent)} member{'s' if len(silent) != 1 else ''} here cannot take "
            f"positions for lack of a mandate to decide ({', '.join(silent)}), which "
            "concentrates this measure in the others' hands.")


def _dominance(result: MeasureResult, data: PowerData) -> list[Flag]:
    if result.threshold is None or not result.enough_for_flags:
        return []
    n = len(result.holders)
    return [Flag(
        "member_dominance", f"{part.label} dominates “{result.measure.label}”",
        f"{_what(result, part.label, part, data)}; with {n} members here an equal share is "
        f"{percent(1 / n, True)}, and a share above {percent(result.threshold, True)} is "
        f"flagged.{_cannot_decide(result)}",
        result.measure.advice, measure=result.key, organisation_id=part.key,
        share=part.share, threshold=result.threshold,
    ) for part in result.by_member if part.share > result.threshold]


def _sector_dominance(result: MeasureResult, data: PowerData) -> list[Flag]:
    if result.sector_threshold is None or not result.enough_for_flags:
        return []
    flags = []
    n_members = len(result.holders)
    n_sectors = len(result.sectors)
    by_code = {s.sector: s for s in result.sectors}
    for part in result.by_sector:
        if part.share <= result.sector_threshold:
            continue
        group = by_code[part.key].members
        subject = (f"{part.label} ({len(group)} of {n_members} members: "
                   f"{', '.join(m.short_name for m in group)})")
        flags.append(Flag(
            "sector_dominance", f"{part.label} dominates “{result.measure.label}”",
            f"{_what(result, subject, part, data)}; with {n_sectors} sectors at the table an "
            f"equal share is {percent(1 / n_sectors, True)}, and a share above "
            f"{percent(result.sector_threshold, True)} is flagged."
            f"{_cannot_decide(result, outside=part.key)}",
            SECTOR_ADVICE + result.measure.advice, measure=result.key, sector=part.key,
            share=part.share, threshold=result.sector_threshold))
    return flags


def _unheard(speaking: MeasureResult, data: PowerData, members: list[Member]) -> list[Flag]:
    """Members present at the meetings whose speaking turns were recorded, whose share of
    the turns there is less than half their share of the attendance."""
    if not speaking.enough_for_flags or len(members) < 2:
        return []
    attendance = {m.organisation_id: data.recorded_attendance.get(m.organisation_id, 0)
                  for m in members}
    present = shares(attendance)
    if present is None:
        return []
    meetings = data.recorded_meetings
    flags = []
    observers = {m.organisation_id for m in members if m.is_observer}
    for part in speaking.by_member:
        attended = attendance[part.key]
        # Observers come to follow, not to speak.
        if not attended or part.key in observers or part.share >= present[part.key] / 2:
            continue
        flags.append(Flag(
            "unheard", f"{part.label} attends but is seldom heard",
            f"{part.label} was present at {attended} of the {meetings} "
            f"meeting{'s' if meetings != 1 else ''} whose speaking turns were recorded "
            f"({percent(present[part.key])} of the attendances there) but had "
            f"{amount_text(part.amount)} of the {amount_text(speaking.total)} speaking turns "
            f"({percent(part.share)}): less than half of what its presence would suggest.",
            UNHEARD_ADVICE.format(name=part.label), measure="speaking",
            organisation_id=part.key, share=part.share))
    return flags


def _no_mandate(members: list[Member]) -> list[Flag]:
    """Members (observers aside) with nobody who may decide for them."""
    flags = []
    for member in members:
        if not member.is_member or member.is_observer or member.has_mandate:
            continue
        reps = member.representatives
        if reps:
            named = "a representative" if reps == 1 else f"{reps} representatives"
            explanation = (f"{member.name} has {named} here but "
                           f"{'no' if reps == 1 else 'none with a'} mandate to decide, so it "
                           "cannot take positions on proposals: its voice counts only in "
                           "comments.")
        else:
            explanation = (f"{member.name} has no representative named, so nobody can take "
                           "its position on proposals or sign the agreement for it.")
        flags.append(Flag(
            "no_mandate", f"{member.name} cannot take part in decisions", explanation,
            MANDATE_ADVICE.format(name=member.name), organisation_id=member.organisation_id))
    return flags
