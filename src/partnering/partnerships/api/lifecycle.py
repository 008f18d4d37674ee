"""A partnership's phase on its lifecycle path, its checklists, closing and reopening."""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.limits import MAX_TEXT
from partnering.partnerships import services
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.api.base import (
    router,
)
from partnering.partnerships.models import Partnership
from partnering.partnerships.queries import (
    checklist_by_phase,
)
from partnering.partnerships.vocabulary import (
    ItemStatus,
)
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)


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
        path=path.code, path_name=str(path.name), phase=partnership.phase,
        phase_name=str(partnership.current_phase.name), status=partnership.status,
        open_items=[i.text for i in by_phase[partnership.phase] if i.status == ItemStatus.OPEN],
        next_phase=next_phase.code if next_phase else None,
        phases=[PhaseOut(code=p.code, number=p.number, name=str(p.name),
                         purpose=str(p.purpose),
                         is_current=p.code == partnership.phase,
                         checklist=by_phase[p.code]) for p in path.phases],
    )


@router.get("/{partnership_id}/phase", response={200: LifecycleOut, **READ_ERRORS},
            summary="Current phase and the checklists of the path")
def get_phase(request, partnership_id: int):
    return _lifecycle(partnership_or_404(request, partnership_id))


@router.post("/{partnership_id}/phase", response={201: TransitionOut, **WRITE_ERRORS},
             summary="Move to another phase",
             description="Answers 409 with `open_items` when checklist items of the current "
                         "phase are open and `confirm_open_items` is false.")
def move_phase(request, partnership_id: int, payload: TransitionIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.move_to_phase(request.user, partnership, to_phase=payload.to_phase,
                                              reason=payload.reason,
                                              confirm_open_items=payload.confirm_open_items))


@router.get("/{partnership_id}/transitions", response={200: list[TransitionOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_transitions(request, partnership_id: int):
    return partnership_or_404(request, partnership_id).transitions.all()


@router.post("/{partnership_id}/close", response={201: TransitionOut, **WRITE_ERRORS},
             summary="Close the partnership, or record that it moved on")
def close_partnership(request, partnership_id: int, payload: PartnershipCloseIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.close_partnership(request.user, partnership,
                                                  outcome=payload.outcome, reason=payload.reason))


@router.post("/{partnership_id}/reopen", response={201: TransitionOut, **WRITE_ERRORS})
def reopen_partnership(request, partnership_id: int, payload: PartnershipReopenIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.reopen_partnership(request.user, partnership,
                                                   reason=payload.reason))


@router.post("/{partnership_id}/checklist", response={201: ChecklistItemOut, **WRITE_ERRORS},
             summary="Add an item to a phase's checklist")
def add_checklist_item(request, partnership_id: int, payload: ChecklistItemIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.add_checklist_item(request.user, partnership, phase=payload.phase,
                                                   text=payload.text))


@router.patch("/{partnership_id}/checklist/{item_id}",
              response={200: ChecklistItemOut, **WRITE_ERRORS},
              summary="Tick an item, reopen it, or mark it not applicable (with a reason)")
def update_checklist_item(request, partnership_id: int, item_id: int,
                          payload: ChecklistItemPatch):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    item = get_object_or_404(partnership.checklist, pk=item_id)
    item.partnership = partnership
    return services.update_checklist_item(request.user, item, status=payload.status.value,
                                          note=payload.note)
