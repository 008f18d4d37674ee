"""Schemas of /api/v1/offices (strict bodies)."""

import datetime as dt

from ninja import Field

from partnering.capabilities.api.schemas import Level
from partnering.limits import MAX_TEXT
from partnering.schemas import Payload, Row


class OfficeOut(Row):
    id: int
    name: str
    organisation_id: int
    organisation_name: str
    manager_id: int | None
    description: str
    people: int


class OfficeIn(Payload):
    organisation_id: int
    name: str = Field(min_length=1, max_length=200)
    manager_id: int | None = None
    description: str = Field("", max_length=MAX_TEXT)


class OfficeMemberIn(Payload):
    person_id: int
    role: str = Field("Relationship manager", min_length=1, max_length=100)


class OfficeMemberOut(Row):
    id: int
    person_id: int
    name: str
    role: str


class HeatRow(Row):
    competency_id: int
    code: str
    name: str
    group: str
    assessed: int | None
    suppressed: bool
    uniform: bool = Field(description="Everyone assessed is at one level: no counts, they "
                                      "would tell each person's level")
    counts: list[int | None] | None = Field(
        description="People at levels 1–4; null under 5 people assessed; a level null when "
                    "fewer than 5 people are at it, or hidden beside such a level so that "
                    "the total minus the levels shown tells nothing of fewer than 5")


class HeatMapOut(Row):
    people: int
    assessed: int | None
    min_group: int
    rows: list[HeatRow]


class TrendOut(Row):
    round_id: int
    name: str
    held_on: dt.date
    people: int | None
    suppressed: bool
    overlap: bool = Field(description="Some averages withheld: the people behind them are "
                                      "nearly those behind an earlier round's, and "
                                      "subtracting the two would tell a few people's levels")
    averages: dict[str, float | None]


class OfficeRoundIn(Payload):
    name: str = Field(min_length=1, max_length=200)
    held_on: dt.date


class OfficeRoundOut(Row):
    id: int
    name: str
    held_on: dt.date


class CohortOut(Row):
    id: int
    name: str
    course__title: str
    starts: dt.date
    ends: dt.date | None
    enrolled: int
    completed: int


class CohortIn(Payload):
    course_id: int
    name: str = Field(min_length=1, max_length=200)
    starts: dt.date
    ends: dt.date | None = None


class EnrolIn(Payload):
    person_id: int


class RequirementOut(Row):
    competency_id: int
    code: str
    name: str
    level: int


class RoleProfileOut(Row):
    id: int
    office_id: int | None
    based_on_id: int | None
    series: str
    grade: str
    title: str
    purpose: str
    responsibilities: list[str]
    requirements: list[RequirementOut]


class AdaptIn(Payload):
    template_id: int


class RoleProfilePatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=200)
    grade: str | None = Field(None, min_length=1, max_length=100)
    purpose: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    responsibilities: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    levels: dict[int, Level] | None = Field(None, description="Required levels by "
                                                              "competency id")


class CourseIn(Payload):
    title: str = Field(min_length=1, max_length=200)
    provider: str = Field("", max_length=200)
    description: str = Field("", max_length=MAX_TEXT)


class CourseOut(Row):
    id: int
    title: str
    provider: str
    description: str
