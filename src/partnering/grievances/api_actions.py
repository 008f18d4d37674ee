"""/api/v1/grievances/{code}/…: what the complainant does with the secret (reply, confirm,
appeal) and what handlers do (acknowledge, write, resolve, log attempts, close, escalate,
assign). Registered on the grievances router (grievances/api.py)."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from ninja import Status

from partnering.grievances import services
from partnering.grievances.api import (
    LIMITED,
    SECRET_HEADER,
    _case,
    _complainant,
    _handled,
    router,
)
from partnering.grievances.schemas import (
    GrievanceAppealIn,
    GrievanceAppealOut,
    GrievanceAssignIn,
    GrievanceAttemptIn,
    GrievanceEscalateIn,
    GrievanceMessageIn,
    GrievanceNoteIn,
    GrievanceOut,
    GrievanceReplyIn,
    GrievanceResolveIn,
    GrievanceSecretIn,
)
from partnering.schemas import WRITE_ERRORS

ANSWER = {200: GrievanceOut, **WRITE_ERRORS}
COMPLAINANT = {**ANSWER, **LIMITED}


@router.post("/{code}/replies", auth=None, response=COMPLAINANT,
             summary="The complainant answers (with the secret)")
def reply(request, code: str, payload: GrievanceReplyIn, secret: str | None = SECRET_HEADER):
    grievance = _complainant(request, code, payload.secret or secret)
    services.complainant_reply(grievance, text=payload.text)
    return _case(grievance, handler=False)


@router.post("/{code}/confirm", auth=None, response=COMPLAINANT,
             summary="The complainant accepts the answer: the case closes")
def confirm(request, code: str, payload: GrievanceSecretIn,
            secret: str | None = SECRET_HEADER):
    grievance = _complainant(request, code, payload.secret or secret)
    return _case(services.confirm_closure(grievance), handler=False)


@router.post("/{code}/appeals", auth=None,
             response={201: GrievanceAppealOut, **WRITE_ERRORS, **LIMITED},
             summary="The complainant appeals: a linked case, handled by someone else")
def appeal(request, code: str, payload: GrievanceAppealIn,
           secret: str | None = SECRET_HEADER):
    grievance = _complainant(request, code, payload.secret or secret)
    return Status(201, {"code": services.appeal(grievance, reason=payload.reason).code})


@router.post("/{code}/acknowledge", response=ANSWER, summary="Acknowledge a case")
def acknowledge(request, code: str, payload: GrievanceNoteIn):
    return _case(services.acknowledge(request.user, _handled(request, code),
                                      note=payload.note), handler=True)


@router.post("/{code}/messages", response=ANSWER,
             summary="Write to the complainant (a question, or news)")
def message(request, code: str, payload: GrievanceMessageIn):
    grievance = _handled(request, code)
    services.ask(request.user, grievance, text=payload.text, is_question=payload.is_question)
    return _case(grievance, handler=True)


@router.post("/{code}/resolve", response=ANSWER,
             summary="Resolve with an outcome and the remedy")
def resolve(request, code: str, payload: GrievanceResolveIn):
    return _case(services.resolve(request.user, _handled(request, code),
                                  outcome=payload.outcome, remedy=payload.remedy),
                 handler=True)


@router.post("/{code}/attempts", response=ANSWER,
             summary="Log an attempt to reach the complainant")
def attempt(request, code: str, payload: GrievanceAttemptIn):
    grievance = _handled(request, code)
    services.log_attempt(request.user, grievance, channel=payload.channel, note=payload.note)
    return _case(grievance, handler=True)


@router.post("/{code}/close", response=ANSWER,
             summary="Close without the complainant's answer, after enough logged attempts")
def close(request, code: str, payload: GrievanceNoteIn):
    return _case(services.close_after_attempts(request.user, _handled(request, code)),
                 handler=True)


@router.post("/{code}/escalate", response=ANSWER,
             summary="Escalate to the governance body or the platform secretariat")
def escalate(request, code: str, payload: GrievanceEscalateIn):
    return _case(services.escalate(request.user, _handled(request, code), to=payload.to,
                                   reason=payload.reason), handler=True)


@router.post("/{code}/assign", response=ANSWER,
             summary="Assign to a handler without a conflict of interest")
def assign(request, code: str, payload: GrievanceAssignIn):
    grievance = _handled(request, code)
    user = get_object_or_404(get_user_model().objects.filter(is_active=True),
                             pk=payload.user_id)
    return _case(services.assign(request.user, grievance, user), handler=True)
