"""/api/v1/grievances: filing (anyone, no account), the handlers' list, cases and actions,
and `/api/v1/grievances/{code}` for the complainant with the case's secret (header
X-Grievance-Secret, or `secret` in a body), rate-limited per code and per address. Who sees
what is `grievances.access`; a case that is not yours answers 404 like one that does not
exist."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Header, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from partnering.grievances import access, clocks, codes, services
from partnering.grievances.models import Grievance, GrievanceSettings
from partnering.grievances.schemas import (
    GrievanceEntryIn,
    GrievanceFiledOut,
    GrievanceIn,
    GrievanceListOut,
    GrievanceOut,
)
from partnering.grievances.views.shared import with_clocks
from partnering.grievances.vocabulary import Channel, State
from partnering.registry.models import Organisation
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, Error, LimitOffsetPagination, require_user

router = Router(tags=["grievances"])
LIMITED = {429: Error}
SECRET_HEADER = Header(None, alias="X-Grievance-Secret", max_length=64,
                       description="The case's secret, for the complainant")
HANDLER_FIELDS = ("id", "channel", "restricted", "anonymous", "about_organisation_id",
                  "complainant_name", "complainant_contact", "assigned_to_id", "escalated_at")


def _limited(call, *args):
    try:
        return call(*args)
    except codes.RateLimited as error:
        raise HttpError(429, str(error)) from error


def _owner(request, payload: GrievanceIn) -> dict:
    """What the grievance is about: {"partnership": …} or {"platform": …} (exactly one of
    `partnership_id`, `platform_id` and `intake_key`)."""
    given = [name for name in ("partnership_id", "platform_id", "intake_key")
             if getattr(payload, name)]
    if len(given) > 1:
        raise ValidationError({given[1]: _("Give only one of partnership_id, platform_id "
                                           "and intake_key.")})
    if payload.intake_key:
        settings = get_object_or_404(GrievanceSettings.objects.select_related(
            "partnership", "platform"), intake_key=payload.intake_key)
        return ({"platform": settings.platform} if settings.platform_id
                else {"partnership": settings.partnership})
    if payload.platform_id is not None:
        return {"platform": access.platform_or_404(request, payload.platform_id)}
    if payload.partnership_id is None:
        raise ValidationError({"partnership_id": _("Say which partnership it is about.")})
    return {"partnership": access.partnership_or_404(request, payload.partnership_id)}


def _about(owner: dict, organisation_id: int):
    if "platform" in owner:
        return access.platform_organisations(owner["platform"]).filter(
            pk=organisation_id).first()
    return Organisation.objects.filter(
        pk=organisation_id, memberships__partnership=owner["partnership"]).first()


def _fields(owner: dict, payload: GrievanceIn) -> dict:
    data = payload.model_dump(exclude={"partnership_id", "platform_id", "intake_key",
                                       "about_organisation_id", "channel", "language"})
    if payload.language:
        data["language"] = payload.language
    if payload.about_organisation_id is not None:
        data["about_organisation"] = _about(owner, payload.about_organisation_id)
        if data["about_organisation"] is None:
            raise ValidationError({"about_organisation_id": _(
                "Not a member of this platform's forums or secretariat.")
                if "platform" in owner else _("Not a member of this partnership.")})
    return {**owner, **data}


def _filed(filed) -> dict:
    case = filed.grievance
    return {"code": case.code, "secret": filed.secret, "state": case.state,
            "acknowledge_due": case.acknowledge_due, "respond_due": case.respond_due,
            "resolve_due": case.resolve_due}


def _case(grievance: Grievance, *, handler: bool) -> dict:
    calendar = clocks.calendar_of(grievance)
    row = {name: getattr(grievance, name) for name in (
        "code", "partnership_id", "platform_id", "category", "severity", "state", "description",
        "received_at", "outcome", "remedy", "closure", "escalated_to")}
    row["appeal_of"] = grievance.appeal_of.code if grievance.appeal_of_id else None
    row["appeals"] = list(grievance.appeals.values_list("code", flat=True))
    row["clocks"] = [{"clock": c.clock, "due": c.due, "stopped": c.stopped,
                      "status": c.status} for c in clocks.clocks_of(grievance, calendar)]
    row["messages"] = list(grievance.messages.values("author", "text", "is_question", "at"))
    if handler:
        row.update({name: getattr(grievance, name) for name in HANDLER_FIELDS})
    return row


def _handled(request, code: str) -> Grievance:
    require_user(request)
    grievance = access.handled_grievances(request.user).filter(
        code=codes.normalise_code(code)).first()
    if grievance is None:
        raise Http404
    return grievance


def _complainant(request, code: str, secret: str | None) -> Grievance:
    _limited(codes.check_rate, request, codes.normalise_code(code) or code[:20])
    grievance = services.find_case(code, secret or "")
    if grievance is None:
        raise Http404
    return grievance


@router.get("", response={200: list[GrievanceListOut], **READ_ERRORS},
            summary="The cases you may see (handlers, stewards, admins)")
@paginate(LimitOffsetPagination)
def list_grievances(request, partnership_id: int | None = None,
                    platform_id: int | None = None, state: State | None = None):
    require_user(request)
    rows = access.visible_grievances(request.user).order_by("-received_at", "-id")
    if partnership_id is not None:
        rows = rows.filter(partnership_id=partnership_id)
    if platform_id is not None:
        rows = rows.filter(platform_id=platform_id)
    if state is not None:
        rows = rows.filter(state=state)
    return [{"id": g.pk, "code": g.code, "partnership_id": g.partnership_id,
             "platform_id": g.platform_id,
             "category": g.category, "severity": g.severity, "state": g.state,
             "restricted": g.restricted, "received_at": g.received_at, "urgency": g.urgency,
             "assigned_to_id": g.assigned_to_id} for g in with_clocks(rows[:500])]


@router.post("", auth=None, response={201: GrievanceFiledOut, **WRITE_ERRORS, **LIMITED},
             summary="File a grievance (no account needed)",
             description="Answers the case code and the secret, once. An anonymous grievance "
                         "keeps no name or contact. A private partnership takes grievances "
                         "by its `intake_key`.")
def file_grievance(request, payload: GrievanceIn):
    _limited(codes.check_filing_rate, request)
    owner = _owner(request, payload)
    filed = services.file_grievance(**_fields(owner, payload))
    return Status(201, _filed(filed))


@router.post("/entries", response={201: GrievanceFiledOut, **WRITE_ERRORS},
             summary="Enter a grievance received in person, by phone, SMS or e-mail")
def enter_grievance(request, payload: GrievanceEntryIn):
    require_user(request)
    owner = _owner(request, payload)
    if payload.channel == Channel.WEB:
        raise ValidationError({"channel": _("Entries are for grievances received offline.")})
    filed = services.file_grievance(actor=request.user, channel=payload.channel,
                                    **_fields(owner, payload))
    return Status(201, _filed(filed))


@router.get("/{code}", response={200: GrievanceOut, **READ_ERRORS, **LIMITED},
            summary="A case: for its complainant with the secret, or for its handlers")
def get_grievance(request, code: str, secret: str | None = SECRET_HEADER):
    if secret:
        return _case(_complainant(request, code, secret), handler=False)
    grievance = access.visible_grievances(request.user).filter(
        code=codes.normalise_code(code)).first()
    if grievance is None:
        raise Http404
    return _case(grievance, handler=True)
