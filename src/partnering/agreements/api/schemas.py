"""What the agreement API reads and writes: versions, member terms, resource commitments,
signatures and the overview."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field

from partnering.agreements.templates import DEFAULT_TEMPLATE
from partnering.agreements.vocabulary import ResourceKind
from partnering.governance.vocabulary import DecisionRule
from partnering.limits import MAX_TEXT
from partnering.schemas import Payload, Row


class VersionRowOut(Row):
    id: int
    number: int
    status: str
    title: str
    language: str = Field(description="ISO 639-1 code of the language the text is written in")
    decision_rule: str
    quorum_percent: int
    majority_percent: int
    notice_days: int
    valuation_currency: str
    change_note: str
    created: dt.datetime
    proposed_at: dt.datetime | None
    agreed_at: dt.datetime | None
    based_on_number: int | None
    created_by_name: str
    party_count: int
    signature_count: int


class TermsOut(Row):
    id: int
    version_number: int
    organisation_id: int
    organisation_name: str
    own_goals: str
    interests: str
    roles: str
    vote_weight: Decimal | None
    committed_value: Decimal


class CommitmentOut(Row):
    id: int
    version_number: int
    organisation_id: int
    organisation_name: str
    kind: str
    description: str
    amount: Decimal | None
    currency: str
    estimated_value: Decimal | None


class SignatureOut(Row):
    id: int
    version_number: int
    organisation_id: int
    organisation_name: str
    person_id: int
    signatory_name: str
    signatory_title: str
    signed_at: dt.datetime


class PartyOut(Row):
    organisation_id: int
    organisation_name: str
    signed: bool
    signed_by: str | None
    signed_at: dt.datetime | None
    mandated_representatives: list[str] = Field(
        description="Who may sign for this member: its representatives with a mandate")
    committed_value: Decimal


class VersionOut(Row):
    id: int
    number: int
    status: str
    title: str
    language: str = Field(description="ISO 639-1 code of the language the text is written in")
    purpose_vision: str
    culture_values: str
    common_goals: str
    governance_structure: str
    resourcing: str
    risks: str
    code_of_conduct: str
    kpis: str
    review_schedule: str
    grievance_exit: str
    data_ip: str
    decision_rule: str
    quorum_percent: int
    majority_percent: int
    notice_days: int
    valuation_currency: str
    change_note: str
    based_on_number: int | None
    created: dt.datetime
    proposed_at: dt.datetime | None
    agreed_at: dt.datetime | None
    terms: list[TermsOut]
    commitments: list[CommitmentOut]
    parties: list[PartyOut]
    total_committed: Decimal
    problems: list[str] = Field(description="For a draft: what stops it being proposed")
    exports: dict[str, str]


class RuleOut(Row):
    rule: str
    quorum_percent: int
    majority_percent: int
    weights: dict[int, Decimal]
    source: str
    notice_days: int = Field(description="Days a proposal stays open for positions at least")


class AgreementOut(Row):
    agreed_version: int | None
    agreed_at: dt.datetime | None
    in_progress_version: int | None
    in_progress_status: str | None
    waiting_for: list[PartyOut] = Field(
        description="Members that have not signed the version proposed for sign-off")
    rule: RuleOut | None
    committed_value_by_member: dict[int, Decimal]


class TemplateOut(Row):
    key: str
    name: str
    description: str
    source: str
    decision_rule: str
    quorum_percent: int
    majority_percent: int


class VersionIn(Payload):
    source: Literal["template", "latest"] = Field(
        "template", description="Start from a template, or copy the latest version")
    template: str = Field(DEFAULT_TEMPLATE, max_length=40)
    title: str = Field("", max_length=200)
    valuation_currency: str = Field("", max_length=10)


class VersionPatch(Payload):
    title: str | None = Field(None, max_length=200)
    purpose_vision: str | None = Field(None, max_length=MAX_TEXT)
    culture_values: str | None = Field(None, max_length=MAX_TEXT)
    common_goals: str | None = Field(None, max_length=MAX_TEXT)
    governance_structure: str | None = Field(None, max_length=MAX_TEXT)
    resourcing: str | None = Field(None, max_length=MAX_TEXT)
    risks: str | None = Field(None, max_length=MAX_TEXT)
    code_of_conduct: str | None = Field(None, max_length=MAX_TEXT)
    kpis: str | None = Field(None, max_length=MAX_TEXT)
    review_schedule: str | None = Field(None, max_length=MAX_TEXT)
    grievance_exit: str | None = Field(None, max_length=MAX_TEXT)
    data_ip: str | None = Field(None, max_length=MAX_TEXT)
    change_note: str | None = Field(None, max_length=MAX_TEXT)
    decision_rule: DecisionRule | None = None
    quorum_percent: int | None = None
    majority_percent: int | None = None
    notice_days: int | None = Field(None, ge=0, le=90)
    valuation_currency: str | None = Field(None, max_length=10)


class TermsIn(Payload):
    organisation_id: int
    own_goals: str | None = Field(None, max_length=MAX_TEXT)
    interests: str | None = Field(None, max_length=MAX_TEXT)
    roles: str | None = Field(None, max_length=MAX_TEXT)
    vote_weight: Decimal | None = None


class TermsPatch(Payload):
    own_goals: str | None = Field(None, max_length=MAX_TEXT)
    interests: str | None = Field(None, max_length=MAX_TEXT)
    roles: str | None = Field(None, max_length=MAX_TEXT)
    vote_weight: Decimal | None = Field(None, description="null clears it")


class CommitmentIn(Payload):
    organisation_id: int
    kind: ResourceKind
    description: str = Field(..., min_length=1, max_length=500)
    amount: Decimal | None = Field(None, description="For cash: the amount in `currency`")
    currency: str = Field("", max_length=10, description="ISO 4217, e.g. EUR, KES")
    estimated_value: Decimal | None = Field(
        None, description="In the agreement's valuation currency")


class CommitmentPatch(Payload):
    kind: ResourceKind | None = None
    description: str | None = Field(None, min_length=1, max_length=500)
    amount: Decimal | None = None
    currency: str | None = Field(None, max_length=10)
    estimated_value: Decimal | None = None


class AgreementWithdrawIn(Payload):
    reason: str = Field(..., min_length=1, max_length=MAX_TEXT)


class SignIn(Payload):
    organisation_id: int = Field(..., description="The member organisation you sign for")
