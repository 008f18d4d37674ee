"""Answer schemas of GET /api/v1/partnerships/{id}/power-balance (see power.PowerBalance)."""

from datetime import date

from pydantic import Field

from partnering.schemas import Row


class PowerMemberOut(Row):
    organisation_id: int
    name: str
    acronym: str
    sector: str
    sector_label: str
    is_member: bool = Field(description="False for a former member with records in the period")
    is_observer: bool
    representatives: int
    has_mandate: bool = Field(description="At least one representative may decide for it")


class PowerSectorOut(Row):
    sector: str
    label: str
    members: list[int]


class MemberShareOut(Row):
    organisation_id: int
    name: str
    amount: float
    share: float


class SectorShareOut(Row):
    sector: str
    label: str
    amount: float
    share: float


class PowerMeasureOut(Row):
    key: str
    label: str
    description: str
    in_index: bool
    has_data: bool = Field(description="False: no data; the shares are then empty, not zeros")
    total: float
    events: int | None
    holders: int = Field(description="How many members share this measure")
    by_member: list[MemberShareOut] = Field(description="Shares sum to 1 when there is data")
    by_sector: list[SectorShareOut] = Field(description="Shares sum to 1 when there is data")
    equity: float | None = Field(description="H / ln n over the members")
    sector_equity: float | None
    effective_members: float | None = Field(description="e^H")
    threshold: float | None
    sector_threshold: float | None


class PowerIndexOut(Row):
    value: float | None = Field(description="1 = perfectly balanced, 0 = one member holds all")
    sector_value: float | None
    measures: list[str]
    formula: str
    where: str
    why: str


class PowerThresholdOut(Row):
    rule: str
    member: float | None
    sector: float | None
    configured: float | None
    min_events: int


class PowerFlagOut(Row):
    kind: str = Field(description="member_dominance, sector_dominance, unheard or no_mandate")
    title: str
    measure: str | None
    organisation_id: int | None
    sector: str | None
    share: float | None
    threshold: float | None
    explanation: str
    advice: str


class PowerBalanceOut(Row):
    partnership_id: int
    since: date | None
    until: date | None
    members: list[PowerMemberOut]
    sectors: list[PowerSectorOut]
    measures: list[PowerMeasureOut]
    index: PowerIndexOut
    threshold: PowerThresholdOut
    flags: list[PowerFlagOut]
