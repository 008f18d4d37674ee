"""Request and answer schemas of /api/v1/partnerships/{id}/proposals, /decisions and
/actions (see decisions/api.py)."""

import datetime as dt
from typing import Any, Literal

from ninja import Field
from pydantic import ConfigDict, field_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from partnering.governance.decisions.checks import MAX_OPTIONS
from partnering.governance.vocabulary import (
    ActionStatus,
    ProposalKind,
    ProposalStatus,
    Stance,
)
from partnering.limits import MAX_TEXT
from partnering.schemas import Filters, Payload, Row

RULE_FIELDS = ("rule", "quorum_percent", "majority_percent", "weights", "notice_days")


class AwaitingOut(Row):
    organisation_id: int
    name: str
    can_decide: bool = Field(description="Whether a representative has a mandate to decide")


class ProposalOut(Row):
    id: int
    title: str
    text: str
    language: str = Field(description="ISO 639-1 code of the language the text is written in")
    kind: str
    options: list[str]
    proposed_by_organisation_id: int
    proposed_by_organisation_name: str
    proposed_by_person_id: int | None
    proposed_by_person_name: str
    meeting_id: int | None
    created: dt.datetime
    closes_at: dt.datetime
    rule: str
    rule_name: str
    quorum_percent: int
    majority_percent: int
    weights: dict[str, str]
    rule_source: str
    rule_departure: str = Field(
        description="Empty when the proposal follows the rule in force when it was made "
                    "(the agreed one, or the platform's default); otherwise how it departs")
    status: str
    outcome: str | None
    chosen_option: str
    voting_members: int
    positions_taken: int
    accepting_positions: bool
    ready_to_close: bool
    awaiting: list[AwaitingOut] = Field(
        description="Voting members that have not yet taken a position (open proposals)")


class PositionOut(Row):
    id: int
    organisation_id: int
    organisation_name: str
    stance: str
    option: str
    reason: str
    person_id: int
    person_name: str
    updated: dt.datetime


class CommentOut(Row):
    id: int
    author_name: str
    person_id: int | None
    organisation_id: int | None
    organisation_name: str
    text: str
    created: dt.datetime


class DecisionOut(Row):
    id: int
    proposal_id: int
    proposal_title: str
    kind: str
    rule: str
    rule_name: str
    quorum_percent: int
    proposed_by_organisation_name: str
    outcome: str
    outcome_label: str
    carried: bool
    chosen_option: str
    reasoning: str
    rule_departure: str = Field(
        description="Empty when decided under the rule in force when the proposal was made; "
                    "otherwise how the rule used departs from it")
    tally: dict
    review_date: dt.date | None
    decided_at: dt.datetime
    recorded_by_name: str


class ProposalDetailOut(ProposalOut):
    positions: list[PositionOut]
    comments: list[CommentOut]
    decision: DecisionOut | None


class ProposalIn(Payload):
    title: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)
    kind: ProposalKind = ProposalKind.MOTION
    options: list[str] = Field(default_factory=list, max_length=MAX_OPTIONS,
                               description="For a choice among options: two or more")
    proposed_by_organisation_id: int | None = Field(
        None, description="The member organisation proposing; by default the one you "
                          "represent, if you represent only one")
    closes_at: dt.datetime = Field(
        description="At least the decision rule's minimum notice (`notice_days`) from now")
    meeting_id: int | None = None

    # The rule is the partnership's, not the proposer's: a body naming one is refused with
    # the field named (hidden from the schema), and any other unknown field too.
    model_config = ConfigDict(extra="forbid")
    rule: SkipJsonSchema[Any] = None
    quorum_percent: SkipJsonSchema[Any] = None
    majority_percent: SkipJsonSchema[Any] = None
    weights: SkipJsonSchema[Any] = None
    notice_days: SkipJsonSchema[Any] = None

    @field_validator(*RULE_FIELDS)
    @classmethod
    def _not_chosen_here(cls, value):
        raise PydanticCustomError(
            "rule_not_chosen_here",
            "The decision rule, quorum and minimum notice come from the agreed partnering "
            "agreement (the platform's default while none is agreed); a proposal cannot "
            "choose them. Change the agreement to change them.")


class ProposalFilters(Filters):
    status: ProposalStatus | None = None
    kind: ProposalKind | None = None
    closing_within_hours: int | None = Field(
        None, ge=1, le=24 * 366,
        description="Only open proposals closing within this many hours (reminders)")


class PositionIn(Payload):
    organisation_id: int | None = Field(
        None, description="The member you take the position for; by default the one you "
                          "have a mandate for, if only one")
    stance: Stance | Literal[""] = ""
    option: str = Field("", max_length=200)
    reason: str = Field("", max_length=MAX_TEXT)


class CommentIn(Payload):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)


class ProposalCloseIn(Payload):
    review_date: dt.date | None = Field(
        None, description="When to review the decision; six months ahead if left out")
    note: str = Field("", max_length=5000, description="Added to the reasoning")


class ProposalWithdrawIn(Payload):
    reason: str = Field(..., min_length=1, max_length=500)


class ActionOut(Row):
    id: int
    title: str
    description: str
    owner_organisation_id: int
    owner_organisation_name: str
    owner_person_id: int | None
    owner_person_name: str
    due_date: dt.date
    status: str
    is_overdue: bool
    days_overdue: int
    decision_id: int | None
    proposal_id: int | None
    decision_title: str
    meeting_id: int | None
    meeting_title: str
    created: dt.datetime
    completed_at: dt.datetime | None


class ActionIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=MAX_TEXT)
    owner_organisation_id: int
    owner_person_id: int | None = None
    due_date: dt.date
    status: ActionStatus = ActionStatus.OPEN
    decision_id: int | None = None
    meeting_id: int | None = None


class ActionPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=MAX_TEXT)
    owner_organisation_id: int | None = None
    owner_person_id: int | None = None
    due_date: dt.date | None = None
    status: ActionStatus | None = None
    decision_id: int | None = None
    meeting_id: int | None = None


class ActionFilters(Filters):
    overdue: bool | None = Field(None, description="true: only overdue; false: none overdue")
    owner: int | None = Field(None, description="Owner organisation id")
    status: ActionStatus | None = None
