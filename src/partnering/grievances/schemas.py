"""Request and answer schemas of /api/v1/grievances (see grievances/api.py)."""

import datetime as dt

from ninja import Field
from pydantic import BaseModel

from partnering.grievances.vocabulary import (
    Category,
    Channel,
    EscalatedTo,
    Outcome,
    Severity,
    State,
)
from partnering.limits import MAX_TEXT
from partnering.schemas import Payload, Row

Text = Field(min_length=1, max_length=MAX_TEXT)
SecretField = Field(None, max_length=64, description="The case's secret, if not sent in the "
                                                    "X-Grievance-Secret header")


class GrievanceIn(Payload):
    """A grievance from the public: no account needed."""

    partnership_id: int | None = Field(None, description="A partnership anyone may see "
                                                         "(or give `platform_id` or "
                                                         "`intake_key`: exactly one)")
    platform_id: int | None = Field(None, description="A platform anyone may see, when the "
                                                      "grievance is about a platform")
    intake_key: str | None = Field(None, max_length=32, description="The partnership's "
                                   "(or platform's) intake link key: files with a private "
                                   "one too")
    category: Category
    severity: Severity = Severity.STANDARD
    description: str = Text
    language: str | None = Field(None, max_length=8)
    about_organisation_id: int | None = None
    anonymous: bool = False
    complainant_name: str = Field("", max_length=200)
    complainant_contact: str = Field("", max_length=300)


class GrievanceEntryIn(GrievanceIn):
    """A grievance received in person, by phone, SMS or e-mail, entered by a handler."""

    channel: Channel
    restricted: bool = False


class GrievanceFiledOut(BaseModel):
    code: str
    secret: str = Field(description="Shown once: only a hash is kept")
    state: State
    acknowledge_due: dt.datetime
    respond_due: dt.datetime
    resolve_due: dt.datetime


class GrievanceClockOut(Row):
    clock: str
    due: dt.datetime | None
    stopped: dt.datetime | None
    status: str | None = Field(description="on_track, at_risk, breached, met or missed")


class GrievanceMessageOut(Row):
    author: str
    text: str
    is_question: bool
    at: dt.datetime


class GrievanceOut(Row):
    """A case. For the complainant (with the secret) the handlers' fields are null."""

    code: str
    partnership_id: int | None
    platform_id: int | None
    category: str
    severity: str
    state: str
    description: str
    received_at: dt.datetime
    outcome: str
    remedy: str
    closure: str
    escalated_to: str
    appeal_of: str | None
    appeals: list[str]
    clocks: list[GrievanceClockOut]
    messages: list[GrievanceMessageOut]
    id: int | None = None
    channel: str | None = None
    restricted: bool | None = None
    anonymous: bool | None = None
    about_organisation_id: int | None = None
    complainant_name: str | None = None
    complainant_contact: str | None = None
    assigned_to_id: int | None = None
    escalated_at: dt.datetime | None = None


class GrievanceListOut(Row):
    id: int
    code: str
    partnership_id: int | None
    platform_id: int | None
    category: str
    severity: str
    state: str
    restricted: bool
    received_at: dt.datetime
    urgency: str | None = Field(description="The most urgent running clock: breached, "
                                            "at_risk or on_track")
    assigned_to_id: int | None


class GrievanceSecretIn(Payload):
    secret: str | None = SecretField


class GrievanceReplyIn(Payload):
    text: str = Text
    secret: str | None = SecretField


class GrievanceAppealIn(Payload):
    reason: str = Text
    secret: str | None = SecretField


class GrievanceAppealOut(BaseModel):
    code: str = Field(description="The appeal's own code; follow it with the same secret")


class GrievanceNoteIn(Payload):
    note: str = Field("", max_length=500)


class GrievanceMessageIn(Payload):
    text: str = Text
    is_question: bool = True


class GrievanceResolveIn(Payload):
    outcome: Outcome
    remedy: str = Field("", max_length=MAX_TEXT)


class GrievanceAttemptIn(Payload):
    channel: Channel
    note: str = Field("", max_length=500)


class GrievanceEscalateIn(Payload):
    to: EscalatedTo
    reason: str = Text


class GrievanceAssignIn(Payload):
    user_id: int


class GrievanceFileOut(Row):
    """A file kept with a case. For the complainant (with the secret) the handlers' fields
    are null."""

    id: int
    name: str = Field(description="The file's name as given")
    size: int = Field(description="In bytes")
    at: dt.datetime
    download: str = Field(description="Where to download it (with your session or token; "
                                      "the complainant with the secret header)")
    from_complainant: bool | None = None
    uploaded_by_id: int | None = None
