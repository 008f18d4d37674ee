"""/api/v1/partnerships and everything inside one: members, brokers, phase, meetings."""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import VisitorEvents, visitor_types
from partnering.limits import MAX_TEXT
from partnering.partnerships import services
from partnering.partnerships.access import access_for
from partnering.partnerships.models import MAX_SPEAKING_TURNS, Partnership
from partnering.partnerships.queries import (
    checklist_by_phase,
    members_of,
    partnership_list,
    partnership_rows,
)
from partnering.partnerships.vocabulary import (
    BrokerKind,
    Duration,
    Formality,
    Funding,
    IatiRole,
    ItemStatus,
    Level,
    MemberRole,
    StakeholderMix,
    Visibility,
)
from partnering.registry.models import Organisation, Person
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    Row,
    require_user,
)

router = Router(tags=["partnerships"])

Text = Field("", max_length=MAX_TEXT)


def _visible(request, partnership_id: int) -> Partnership:
    return get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_id)


def _organisation(organisation_id: int) -> Organisation:
    return get_object_or_404(Organisation, pk=organisation_id)


def _person(request, person_id: int) -> Person:
    return get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)


class PartnershipOut(Row):
    id: int
    title: str
    problem_statement: str
    scope: str
    countries: list[str]
    geography: str
    sdg_goals: list[int]
    sdg_targets: list[str]
    formality: str
    funding: str
    duration: str
    stakeholder_mix: str
    level: str
    visibility: str
    path: str
    phase: str
    phase_name: str
    status: str
    status_reason: str
    start_date: dt.date | None
    end_date: dt.date | None
    member_count: int
    created: dt.datetime
    updated: dt.datetime


def _row(partnership: Partnership) -> dict:
    return partnership_rows(Partnership.objects.filter(pk=partnership.pk))[0:1][0]


class PartnershipIn(Payload):
    title: str = Field(..., min_length=1, max_length=200)
    problem_statement: str = Field(..., min_length=1, max_length=MAX_TEXT)
    lead_organisation_id: int
    path: Literal["generic", "innovation"] = "generic"
    scope: str = Text
    countries: list[str] = Field(default_factory=list, max_length=60)
    geography: str = Field("", max_length=300)
    sdg_goals: list[int] = Field(default_factory=list, max_length=17,
                                 description="Goal numbers, e.g. 4")
    sdg_targets: list[str] = Field(default_factory=list, max_length=60,
                                   description="Target codes, e.g. \"4.1\" (a target "
                                               "implies its goal)")
    sdg_codes: list[str] = Field(default_factory=list, max_length=60,
                                 description="Older form: goals (\"4\") and targets (\"4.1\") "
                                             "in one list, added to the two above")
    formality: Formality = Formality.INFORMAL
    funding: Funding = Funding.UNFUNDED
    duration: Duration = Duration.LONG
    stakeholder_mix: StakeholderMix = StakeholderMix.MULTI
    level: Level = Level.COMMUNICATION
    visibility: Visibility = Visibility.PRIVATE
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PartnershipPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=200)
    problem_statement: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    scope: str | None = Field(None, max_length=MAX_TEXT)
    countries: list[str] | None = Field(None, max_length=60)
    geography: str | None = Field(None, max_length=300)
    sdg_goals: list[int] | None = Field(None, max_length=17,
                                        description="Replaces the goals; targets are kept")
    sdg_targets: list[str] | None = Field(None, max_length=60,
                                          description="Replaces the targets; goals are kept")
    sdg_codes: list[str] | None = Field(None, max_length=60,
                                        description="Older form: replaces goals and targets")
    formality: Formality | None = None
    funding: Funding | None = None
    duration: Duration | None = None
    stakeholder_mix: StakeholderMix | None = None
    level: Level | None = None
    visibility: Visibility | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PartnershipFilters(Schema):
    q: str = Field("", max_length=200)
    phase: str = Field("", max_length=20)
    sdg: int | None = Field(None, ge=1, le=17)
    status: str = Field("", max_length=10)
    mine: bool = False


def _values(payload: Schema, partial: bool, partnership: Partnership | None = None) -> dict:
    data = payload.dict(exclude_unset=partial)
    if partial:
        nullable = {"start_date", "end_date"}
        data = {k: v for k, v in data.items() if v is not None or k in nullable}
    _sdg_codes(data, partnership)
    return {k: (v.value if hasattr(v, "value") else v) for k, v in data.items()}


def _sdg_codes(data: dict, partnership: Partnership | None) -> None:
    """`sdg_goals` and `sdg_targets`, the names the answer uses, into the services'
    `sdg_codes`; a PATCH of one of them keeps the other."""
    goals, targets = data.pop("sdg_goals", None), data.pop("sdg_targets", None)
    if goals is None and targets is None:
        return
    if partnership is not None and goals is None:
        goals = list(partnership.sdg_goals.values_list("number", flat=True))
    if partnership is not None and targets is None:
        targets = list(partnership.sdg_targets.values_list("code", flat=True))
    data["sdg_codes"] = ([str(goal) for goal in goals or []] + list(targets or [])
                         + list(data.get("sdg_codes") or []))


@router.get("", response=list[PartnershipOut], summary="Partnerships you may see")
@paginate(LimitOffsetPagination)
def list_partnerships(request, filters: Query[PartnershipFilters]):
    return partnership_rows(partnership_list(
        request.user, q=filters.q, phase=filters.phase, sdg=filters.sdg, status=filters.status,
        mine=filters.mine))


@router.post("", response={201: PartnershipOut, **WRITE_ERRORS},
             summary="Start a partnership")
def create_partnership(request, payload: PartnershipIn):
    require_user(request)
    data = _values(payload, False)
    lead = _organisation(data.pop("lead_organisation_id"))
    partnership = services.create_partnership(request.user, lead_organisation=lead, **data)
    return Status(201, _row(partnership))


@router.get("/{partnership_id}", response={200: PartnershipOut, **READ_ERRORS})
def get_partnership(request, partnership_id: int):
    return _row(_visible(request, partnership_id))


@router.patch("/{partnership_id}", response={200: PartnershipOut, **WRITE_ERRORS})
def update_partnership(request, partnership_id: int, payload: PartnershipPatch):
    require_user(request)
    partnership = _visible(request, partnership_id)
    services.update_partnership(request.user, partnership,
                                **_values(payload, True, partnership))
    return _row(partnership)


class RepresentativeOut(Schema):
    id: int
    person_id: int
    name: str
    has_mandate: bool

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


class MemberOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    sector: str
    role: str
    iati_role: str
    joined: dt.date | None
    representatives: list[RepresentativeOut]

    @staticmethod
    def resolve_organisation_name(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_sector(obj) -> str:
        return obj.organisation.sector

    @staticmethod
    def resolve_representatives(obj):
        return list(obj.representatives.all())


class MemberIn(Payload):
    organisation_id: int
    role: MemberRole = MemberRole.CORE
    iati_role: IatiRole | Literal[""] = ""
    joined: dt.date | None = None


class MemberPatch(Payload):
    role: MemberRole | None = None
    iati_role: IatiRole | Literal[""] | None = None
    joined: dt.date | None = None


class RepresentativeIn(Payload):
    person_id: int
    has_mandate: bool = False


class MandateIn(Payload):
    has_mandate: bool


@router.get("/{partnership_id}/members", response={200: list[MemberOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_members(request, partnership_id: int):
    return members_of(_visible(request, partnership_id))


@router.post("/{partnership_id}/members", response={201: MemberOut, **WRITE_ERRORS})
def add_member(request, partnership_id: int, payload: MemberIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    data = _values(payload, False)
    organisation = _organisation(data.pop("organisation_id"))
    return Status(201, services.add_member(request.user, partnership, organisation=organisation,
                                           **data))


def _membership(request, partnership_id, member_id):
    return get_object_or_404(_visible(request, partnership_id).memberships, pk=member_id)


@router.get("/{partnership_id}/members/{member_id}", response={200: MemberOut, **READ_ERRORS})
def get_member(request, partnership_id: int, member_id: int):
    return _membership(request, partnership_id, member_id)


@router.patch("/{partnership_id}/members/{member_id}",
              response={200: MemberOut, **WRITE_ERRORS})
def update_member(request, partnership_id: int, member_id: int, payload: MemberPatch):
    require_user(request)
    membership = _membership(request, partnership_id, member_id)
    return services.update_member(request.user, membership, **_values(payload, True))


@router.delete("/{partnership_id}/members/{member_id}", response={204: None, **WRITE_ERRORS})
def remove_member(request, partnership_id: int, member_id: int):
    require_user(request)
    services.remove_member(request.user, _membership(request, partnership_id, member_id))
    return Status(204, None)


@router.post("/{partnership_id}/members/{member_id}/representatives",
             response={201: RepresentativeOut, **WRITE_ERRORS})
def add_representative(request, partnership_id: int, member_id: int,
                       payload: RepresentativeIn):
    require_user(request)
    membership = _membership(request, partnership_id, member_id)
    return Status(201, services.add_representative(request.user, membership,
                                                   person=_person(request, payload.person_id),
                                                   has_mandate=payload.has_mandate))


def _representative(request, partnership_id, member_id, representative_id):
    membership = _membership(request, partnership_id, member_id)
    return get_object_or_404(membership.representatives.select_related("person"),
                             pk=representative_id)


@router.patch("/{partnership_id}/members/{member_id}/representatives/{representative_id}",
              response={200: RepresentativeOut, **WRITE_ERRORS})
def set_mandate(request, partnership_id: int, member_id: int, representative_id: int,
                payload: MandateIn):
    require_user(request)
    rep = _representative(request, partnership_id, member_id, representative_id)
    return services.set_mandate(request.user, rep, payload.has_mandate)


@router.delete("/{partnership_id}/members/{member_id}/representatives/{representative_id}",
               response={204: None, **WRITE_ERRORS})
def remove_representative(request, partnership_id: int, member_id: int,
                          representative_id: int):
    require_user(request)
    services.remove_representative(
        request.user, _representative(request, partnership_id, member_id, representative_id))
    return Status(204, None)


class BrokerOut(Schema):
    id: int
    person_id: int
    name: str
    kind: str
    note: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


class BrokerIn(Payload):
    person_id: int
    kind: BrokerKind = BrokerKind.EXTERNAL
    note: str = Field("", max_length=300)


@router.get("/{partnership_id}/brokers", response={200: list[BrokerOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_brokers(request, partnership_id: int):
    return _visible(request, partnership_id).brokers.select_related("person")


@router.post("/{partnership_id}/brokers", response={201: BrokerOut, **WRITE_ERRORS})
def add_broker(request, partnership_id: int, payload: BrokerIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    return Status(201, services.add_broker(request.user, partnership,
                                           person=_person(request, payload.person_id),
                                           kind=payload.kind.value, note=payload.note))


@router.delete("/{partnership_id}/brokers/{broker_id}", response={204: None, **WRITE_ERRORS})
def remove_broker(request, partnership_id: int, broker_id: int):
    require_user(request)
    partnership = _visible(request, partnership_id)
    services.remove_broker(request.user, get_object_or_404(partnership.brokers, pk=broker_id))
    return Status(204, None)


class ChecklistItemOut(Schema):
    id: int
    phase: str
    text: str
    status: str
    note: str
    is_custom: bool


class PhaseOut(Schema):
    code: str
    number: int
    name: str
    purpose: str
    is_current: bool
    checklist: list[ChecklistItemOut]


class LifecycleOut(Schema):
    path: str
    path_name: str
    phase: str
    phase_name: str
    status: str
    open_items: list[str]
    next_phase: str | None
    phases: list[PhaseOut]


class TransitionIn(Payload):
    to_phase: str = Field(..., max_length=20)
    reason: str = Field(..., min_length=1, max_length=MAX_TEXT)
    confirm_open_items: bool = Field(
        False, description="Move even though checklist items of the current phase are open")


class TransitionOut(Schema):
    id: int
    from_phase: str
    to_phase: str
    from_status: str
    to_status: str
    actor_name: str
    reason: str
    open_items: list[str]
    created: dt.datetime


class PartnershipCloseIn(Payload):
    outcome: Literal["closed", "moved_on"]
    reason: str = Field(..., min_length=1, max_length=MAX_TEXT)


class PartnershipReopenIn(Payload):
    reason: str = Field(..., min_length=1, max_length=MAX_TEXT)


class ChecklistItemIn(Payload):
    phase: str = Field(..., max_length=20)
    text: str = Field(..., min_length=1, max_length=300)


class ChecklistItemPatch(Payload):
    status: ItemStatus
    note: str = Field("", max_length=500)


def _lifecycle(partnership: Partnership) -> LifecycleOut:
    by_phase = checklist_by_phase(partnership)
    path = partnership.lifecycle_path
    next_phase = path.next_phase(partnership.phase)
    return LifecycleOut(
        path=path.code, path_name=path.name, phase=partnership.phase,
        phase_name=partnership.current_phase.name, status=partnership.status,
        open_items=[i.text for i in by_phase[partnership.phase] if i.status == ItemStatus.OPEN],
        next_phase=next_phase.code if next_phase else None,
        phases=[PhaseOut(code=p.code, number=p.number, name=p.name, purpose=p.purpose,
                         is_current=p.code == partnership.phase,
                         checklist=by_phase[p.code]) for p in path.phases],
    )


@router.get("/{partnership_id}/phase", response={200: LifecycleOut, **READ_ERRORS},
            summary="Current phase and the checklists of the path")
def get_phase(request, partnership_id: int):
    return _lifecycle(_visible(request, partnership_id))


@router.post("/{partnership_id}/phase", response={201: TransitionOut, **WRITE_ERRORS},
             summary="Move to another phase",
             description="Answers 409 with `open_items` when checklist items of the current "
                         "phase are open and `confirm_open_items` is false.")
def move_phase(request, partnership_id: int, payload: TransitionIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    return Status(201, services.move_to_phase(request.user, partnership, to_phase=payload.to_phase,
                                              reason=payload.reason,
                                              confirm_open_items=payload.confirm_open_items))


@router.get("/{partnership_id}/transitions", response={200: list[TransitionOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_transitions(request, partnership_id: int):
    return _visible(request, partnership_id).transitions.all()


@router.post("/{partnership_id}/close", response={201: TransitionOut, **WRITE_ERRORS},
             summary="Close the partnership, or record that it moved on")
def close_partnership(request, partnership_id: int, payload: PartnershipCloseIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    return Status(201, services.close_partnership(request.user, partnership,
                                                  outcome=payload.outcome, reason=payload.reason))


@router.post("/{partnership_id}/reopen", response={201: TransitionOut, **WRITE_ERRORS})
def reopen_partnership(request, partnership_id: int, payload: PartnershipReopenIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    return Status(201, services.reopen_partnership(request.user, partnership,
                                                   reason=payload.reason))


@router.post("/{partnership_id}/checklist", response={201: ChecklistItemOut, **WRITE_ERRORS},
             summary="Add an item to a phase's checklist")
def add_checklist_item(request, partnership_id: int, payload: ChecklistItemIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    return Status(201, services.add_checklist_item(request.user, partnership, phase=payload.phase,
                                                   text=payload.text))


@router.patch("/{partnership_id}/checklist/{item_id}",
              response={200: ChecklistItemOut, **WRITE_ERRORS},
              summary="Tick an item, reopen it, or mark it not applicable (with a reason)")
def update_checklist_item(request, partnership_id: int, item_id: int,
                          payload: ChecklistItemPatch):
    require_user(request)
    partnership = _visible(request, partnership_id)
    item = get_object_or_404(partnership.checklist, pk=item_id)
    item.partnership = partnership
    return services.update_checklist_item(request.user, item, status=payload.status.value,
                                          note=payload.note)


class MeetingOut(Schema):
    id: int
    date: dt.date
    purpose: str
    location: str
    organisations: list[int]
    attendees: list[int]
    minutes: str
    follow_ups: list[str]
    speaking_turns: dict[int, int] = Field(
        description="Organisation id → items it spoke to, counted from the minutes; "
                    "empty when not recorded.")

    @staticmethod
    def resolve_organisations(obj) -> list[int]:
        return [org.pk for org in obj.organisations.all()]

    @staticmethod
    def resolve_attendees(obj) -> list[int]:
        return [person.pk for person in obj.attendees.all()]

    @staticmethod
    def resolve_follow_ups(obj) -> list[str]:
        return obj.follow_up_list


# Items an organisation spoke to in one meeting, counted from the minutes.
SpeakingTurns = Annotated[int, Field(ge=0, le=MAX_SPEAKING_TURNS)]


class MeetingIn(Payload):
    date: dt.date
    purpose: str = Field(..., min_length=1, max_length=300)
    location: str = Field("", max_length=200)
    organisations: list[int] = Field(default_factory=list, max_length=200)
    attendees: list[int] = Field(default_factory=list, max_length=500)
    minutes: str = Text
    follow_ups: list[str] = Field(default_factory=list, max_length=100)
    speaking_turns: dict[int, SpeakingTurns] = Field(default_factory=dict, max_length=200)


class MeetingPatch(Payload):
    date: dt.date | None = None
    purpose: str | None = Field(None, min_length=1, max_length=300)
    location: str | None = Field(None, max_length=200)
    organisations: list[int] | None = Field(None, max_length=200)
    attendees: list[int] | None = Field(None, max_length=500)
    minutes: str | None = Field(None, max_length=MAX_TEXT)
    follow_ups: list[str] | None = Field(None, max_length=100)
    speaking_turns: dict[int, SpeakingTurns] | None = Field(None, max_length=200)


def _meeting_data(request, payload: Schema, partial: bool) -> dict:
    data = _values(payload, partial)
    if "organisations" in data:
        ids = set(data["organisations"])
        found = list(Organisation.objects.filter(pk__in=ids))
        if len(found) != len(ids):
            raise ValidationError({"organisations": "Unknown organisation id."})
        data["organisations"] = found
    if "attendees" in data:
        ids = set(data["attendees"])
        found = list(Person.objects.visible_to(request.user).filter(pk__in=ids))
        if len(found) != len(ids):
            raise ValidationError({"attendees": "Unknown person id."})
        data["attendees"] = found
    if "follow_ups" in data:
        data["follow_ups"] = "\n".join(line.strip() for line in data["follow_ups"]
                                       if line.strip())
    return data


def _meetings(partnership: Partnership):
    return partnership.meetings.prefetch_related("organisations", "attendees")


@router.get("/{partnership_id}/meetings", response={200: list[MeetingOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_meetings(request, partnership_id: int):
    return _meetings(_visible(request, partnership_id))


@router.post("/{partnership_id}/meetings", response={201: MeetingOut, **WRITE_ERRORS})
def record_meeting(request, partnership_id: int, payload: MeetingIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    return Status(201, services.record_meeting(request.user, partnership,
                                               **_meeting_data(request, payload, False)))


@router.get("/{partnership_id}/meetings/{meeting_id}",
            response={200: MeetingOut, **READ_ERRORS})
def get_meeting(request, partnership_id: int, meeting_id: int):
    return get_object_or_404(_meetings(_visible(request, partnership_id)), pk=meeting_id)


@router.patch("/{partnership_id}/meetings/{meeting_id}",
              response={200: MeetingOut, **WRITE_ERRORS})
def update_meeting(request, partnership_id: int, meeting_id: int, payload: MeetingPatch):
    require_user(request)
    meeting = get_object_or_404(_visible(request, partnership_id).meetings, pk=meeting_id)
    return services.update_meeting(request.user, meeting,
                                   **_meeting_data(request, payload, True))


@router.delete("/{partnership_id}/meetings/{meeting_id}", response={204: None, **WRITE_ERRORS})
def delete_meeting(request, partnership_id: int, meeting_id: int):
    require_user(request)
    meeting = get_object_or_404(_visible(request, partnership_id).meetings, pk=meeting_id)
    services.delete_meeting(request.user, meeting)
    return Status(204, None)


class HistoryOut(Schema):
    created: dt.datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    summary: str
    changes: dict


@router.get("/{partnership_id}/history", response={200: list[HistoryOut], **READ_ERRORS},
            summary="The audit trail of everything in the partnership")
@paginate(LimitOffsetPagination)
def history(request, partnership_id: int):
    partnership = _visible(request, partnership_id)
    member = access_for(request.user, partnership).can_contribute
    return VisitorEvents(visitor_types(AuditEvent.objects.filter(partnership_id=partnership.pk),
                                       member=member), member)

