"""Request and answer bodies of the endpoints on reported values (measurements/api.py)."""

import datetime as dt
from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from partnering.schemas import Payload


class MeasurementIn(Payload):
    period_start: date
    period_end: date
    value: Decimal
    disaggregated: dict[str, dict[str, Decimal]] = Field(
        default_factory=dict, description="{dimension: {category: value}}, adding up to value")
    evidence_url: str = Field("", max_length=500)
    comment: str = Field("", max_length=20000)


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    period_start: date
    period_end: date
    value: str
    disaggregated: dict
    reported_by_organisation_id: int | None
    evidence_url: str
    evidence_name: str = Field(description="The evidence file's name as uploaded; empty: none")
    evidence_download: str | None = Field(
        description="Where to download the evidence file (with your session or token)")
    comment: str
    status: str
    counts: bool = Field(description="Whether the value counts (latest value, progress, IATI "
                                     "actuals): false while it is queried")
    validated_by_organisation_id: int | None
    validation_comment: str


class MeasurementEditOut(MeasurementOut):
    validation_cleared: bool = Field(
        description="The value had been confirmed or queried; the change sent it back to "
                    "\"reported\" for another member to check")


class MeasurementPatch(Payload):
    period_start: date | None = None
    period_end: date | None = None
    value: Decimal | None = None
    disaggregated: dict[str, dict[str, Decimal]] | None = Field(
        None, description="{dimension: {category: value}}, adding up to value; {}: none")
    evidence_url: str | None = Field(None, max_length=500)
    comment: str | None = Field(None, max_length=20000)


class ValidationIn(Payload):
    status: str = Field(..., description="confirmed or queried")
    comment: str = Field("", max_length=20000)


class NoteOut(Schema):
    id: int
    measurement_id: int
    author_name: str
    organisation_id: int | None
    organisation_name: str
    text: str
    is_query: bool = Field(description="A query: the value stopped counting until it is "
                                       "corrected or confirmed")
    created: dt.datetime


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=20000)
    query: bool = Field(False, description="Query the value (a member other than the "
                                           "reporter's): it stops counting until corrected "
                                           "or confirmed")
