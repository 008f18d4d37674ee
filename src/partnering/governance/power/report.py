"""What the power balance reads and answers: the members and their counts in, the shares,
indices and flags out (with the report as plain data for the API)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from partnering.governance.power.arithmetic import Amount, dominance_threshold, threshold_rule
from partnering.governance.power.measures import (
    FORMULA,
    FORMULA_WHERE,
    MIN_EVENTS,
    WHY_ENTROPY,
    Measure,
)
from partnering.registry.vocabulary import Sector


def sector_label(code: str) -> str:
    try:
        return str(Sector(code).label)
    except ValueError:
        return code or _("Unknown sector")


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
    """The raw counts for one partnership and period, as data.gather() reads them."""

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
                "key": r.key, "label": str(r.measure.label),
                "description": str(r.measure.description),
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
                "measures": self.measures_in_index, "formula": str(FORMULA),
                "where": str(FORMULA_WHERE), "why": str(WHY_ENTROPY),
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
