"""Request and answer bodies of the indicator endpoints (indicators/api.py)."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from partnering.monitoring.models import Direction, Frequency, Measure
from partnering.schemas import Payload, also


class TargetIn(Payload):
    value: Decimal
    date: date
    comment: str = Field("", max_length=500)


class TargetOut(Schema):
    id: int
    value: str
    date: date
    comment: str


class IndicatorIn(Payload):
    name: str = Field(..., min_length=1, max_length=500)
    definition: str = Field("", max_length=20000)
    unit: str = Field("", max_length=100)
    measure: Measure = Measure.UNIT
    direction: Direction = Direction.UP
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    baseline_comment: str = Field("", max_length=500)
    disaggregation: list[str] = Field(default_factory=list, max_length=10)
    frequency: Frequency = Frequency.ANNUAL
    responsible_organisation: int | None = Field(
        None, validation_alias=also("responsible_organisation_id", "responsible_organisation"),
        description="A member organisation's id (also accepted as responsible_organisation)")
    data_source: str = Field("", max_length=300)
    sdg_code: str = Field("", max_length=12, validation_alias=also("sdg_indicator", "sdg_code"),
                          description="Official SDG indicator, e.g. 4.1.1 (also accepted as "
                                      "sdg_code)")
    result: int | None = Field(None, validation_alias=also("result_id", "result"),
                               description="The result it measures (also accepted as result)")
    deliverable_id: int | None = Field(None, description="A deliverable of the partnership's "
                                                         "agreement")
    targets: list[TargetIn] = Field(default_factory=list, max_length=50,
                                    description="Milestones: value to reach by a date")


class IndicatorOut(Schema):
    id: int
    partnership_id: int
    name: str
    definition: str
    language: str = Field(description="ISO 639-1 code of the language the text is written in")
    unit: str
    measure: str
    direction: str
    baseline_value: str | None
    baseline_date: date | None
    baseline_comment: str
    disaggregation: list[str]
    frequency: str
    responsible_organisation_id: int | None
    responsible_organisation: str | None
    data_source: str
    sdg_indicator: str | None
    result_id: int | None
    deliverable_id: int | None
    deliverable_title: str | None
    targets: list[TargetOut]
    latest_value: str | None = Field(description="The latest value that counts: queried "
                                                 "values do not, until corrected or confirmed")
    latest_date: date | None
    queried_values: int = Field(description="Values queried by a member and not yet "
                                            "corrected or confirmed")
    who_reports: str
    progress: float | None = Field(description="0..1 towards the final target; null: unknown")
    off_track: bool | None
    smart_missing: dict[str, list[str]]


class IndicatorPatch(Payload):
    name: str | None = Field(None, min_length=1, max_length=500)
    definition: str | None = Field(None, max_length=20000)
    unit: str | None = Field(None, max_length=100)
    measure: Measure | None = None
    direction: Direction | None = None
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    baseline_comment: str | None = Field(None, max_length=500)
    disaggregation: list[str] | None = Field(None, max_length=10)
    frequency: Frequency | None = None
    responsible_organisation: int | None = Field(
        None, validation_alias=also("responsible_organisation_id", "responsible_organisation"))
    data_source: str | None = Field(None, max_length=300)
    sdg_code: str | None = Field(None, max_length=12,
                                 validation_alias=also("sdg_indicator", "sdg_code"))
    result: int | None = Field(None, validation_alias=also("result_id", "result"))
    deliverable_id: int | None = Field(None, description="null: no deliverable")


MaybeDate = date | None  # a field named "date" hides the type inside its class


class TargetPatch(Payload):
    value: Decimal | None = None
    date: MaybeDate = None
    comment: str | None = Field(None, max_length=500)
