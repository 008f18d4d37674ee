"""Request and answer schemas of the capabilities API (strict bodies: unknown fields 422)."""

import datetime as dt
from typing import Literal

from ninja import Field
from pydantic import HttpUrl

from partnering.limits import MAX_TEXT
from partnering.schemas import Payload, Row

Level = Literal[1, 2, 3, 4]
Agreement = Literal[1, 2, 3, 4, 5]
Group = Literal["partnering", "process"]


class LevelOut(Row):
    level: int
    name: str
    in_practice: str


class CompetencyOut(Row):
    id: int
    code: str
    name: str
    description: str
    group: str
    order: int
    active: bool
    question_code: str | None = Field(description="The question of the partnering "
                                      "competencies self-assessment mapped onto it")
    levels: list[LevelOut]


class CompetencyIn(Payload):
    code: str = Field(pattern=r"^[a-z0-9_-]+$", max_length=60)
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=MAX_TEXT)
    group: Group = "partnering"
    order: int = Field(0, ge=0, le=10_000)


class CompetencyPatch(Payload):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=MAX_TEXT)
    order: int | None = Field(None, ge=0, le=10_000)
    active: bool | None = None


class LevelIn(Payload):
    level: Level
    in_practice: str = Field(min_length=1, max_length=MAX_TEXT)


class SelfAssessmentIn(Payload):
    answers: dict[str, Agreement] = Field(
        default_factory=dict, description="Agreement 1–5 by question code of the partnering "
                                          "competencies self-assessment")
    levels: dict[str, Level] = Field(default_factory=dict,
                                     description="Levels 1–4 by competency code, for those "
                                                 "no question asks about")
    round_id: int | None = None
    taken_on: dt.date | None = None


class SelfAssessmentOut(Row):
    id: int
    person_id: int
    round_id: int | None
    taken_on: dt.date
    levels: dict[str, int]


class ProfileRow(Row):
    competency_id: int
    code: str
    name: str
    group: str
    self: int | None
    others: float | None = Field(description="The raters' average; null under 5 raters")
    raters: int | None


class CampaignOut(Row):
    campaign_id: int
    opened: dt.datetime
    closes_on: dt.date
    closed: bool
    asked: int
    answered: int = Field(description="How many answered: a count, never a score")
    shown: bool = Field(description="Closed with 5 answers or more: its figures are shown "
                                    "and never change")
    overlap: bool = Field(description="Closed with 5 answers or more, but withheld for good: "
                                      "its raters are nearly those of a campaign already "
                                      "shown, and comparing the two would tell what one or a "
                                      "few of them answered")


class ProfileOut(Row):
    person_id: int
    name: str
    raters: int | None = Field(description="Answers of the latest closed campaign with "
                                           "results; null when there is none")
    suppressed: bool
    overlap: bool = Field(description="At least one closed campaign is withheld because its "
                                      "raters are nearly those of another")
    min_raters: int
    asked: int
    answered: int
    rows: list[ProfileRow]
    comments: list[str]
    campaign_id: int | None = Field(description="The campaign the figures come from")
    campaigns: list[CampaignOut]


class RatingRequestIn(Payload):
    rater_ids: list[int] = Field(min_length=1, max_length=50)
    closes_on: dt.date | None = Field(None, description="For a new campaign only (three "
                                                        "weeks from today by default)")


class RatingRequestOut(Row):
    id: int
    subject_id: int
    subject_name: str
    answered: bool


class RatingIn(Payload):
    levels: dict[str, Level] = Field(description="Levels 1–4 by competency code")
    comment: str = Field("", max_length=MAX_TEXT)


# --- Development plans ----------------------------------------------------------------------

class EvidenceOut(Row):
    id: int
    text: str
    link: str
    created: dt.datetime


class GoalActionOut(Row):
    id: int
    kind: str
    description: str
    due_date: dt.date | None
    cohort_id: int | None
    mentoring_pair_id: int | None
    done: bool


class GoalOut(Row):
    id: int
    competency_id: int
    competency_code: str
    competency_name: str
    current_level: int | None
    target_level: int
    gap: int
    due_date: dt.date
    state: str
    note: str
    actions: list[GoalActionOut]
    evidence: list[EvidenceOut]


class PlanOut(Row):
    id: int
    person_id: int
    person_name: str
    title: str
    role_profile_id: int | None
    created: dt.datetime
    goals: list[GoalOut]


class PlanIn(Payload):
    person_id: int
    title: str = Field(min_length=1, max_length=200)
    role_profile_id: int | None = None


class GoalIn(Payload):
    competency_code: str = Field(max_length=60)
    target_level: Level
    due_date: dt.date
    current_level: Level | None = None
    note: str = Field("", max_length=MAX_TEXT)


class GapsIn(Payload):
    due_date: dt.date
    targets: dict[str, Level] | None = Field(
        None, description="Target levels by competency code; without them, the plan's role "
                          "profile's required levels")


class GoalPatch(Payload):
    state: Literal["draft", "active", "in_review", "complete"] | None = None
    target_level: Level | None = None
    due_date: dt.date | None = None
    note: str | None = Field(None, max_length=MAX_TEXT)


class GoalActionIn(Payload):
    kind: Literal["course", "practice", "mentoring"]
    description: str = Field(min_length=1, max_length=300)
    due_date: dt.date | None = None
    cohort_id: int | None = None
    mentoring_pair_id: int | None = None


class GoalActionPatch(Payload):
    done: bool


class EvidenceIn(Payload):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    link: HttpUrl | None = None


# --- Mentoring -------------------------------------------------------------------------------

class SessionOut(Row):
    id: int
    date: dt.date
    topics: str
    next_steps: str


class PairOut(Row):
    id: int
    mentor_id: int
    mentor_name: str
    mentee_id: int
    mentee_name: str
    goals: str
    starts: dt.date
    ends: dt.date | None
    sessions: list[SessionOut]


class PairIn(Payload):
    mentor_id: int
    mentee_id: int
    starts: dt.date
    ends: dt.date | None = None
    goals: str = Field("", max_length=MAX_TEXT)


class SessionIn(Payload):
    date: dt.date
    topics: str = Field(min_length=1, max_length=MAX_TEXT)
    next_steps: str = Field("", max_length=MAX_TEXT)
