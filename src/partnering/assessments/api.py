"""/api/v1/instruments, /rounds (invitations, reminders, results, responses.csv, actions),
/responses/{token} (the anonymous form: no sign-in) and an organisation's portfolio."""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from partnering.assessments import ratelimit, services
from partnering.assessments.models import (
    Dimension,
    Instrument,
    Perspective,
    RespondentGroup,
    Round,
    label,
)
from partnering.assessments.results import overall_scores, round_results, trend
from partnering.assessments.xlsform import export_xlsform, import_xlsform, responses_csv
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation, Person
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Error,
    LimitOffsetPagination,
    Payload,
    Row,
    download,
)

router = Router(tags=["assessments"])
TOKEN_ERRORS = {**WRITE_ERRORS, 429: Error}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LANG_PATTERN = r"^[a-z]{2,3}$"


class InstrumentOut(Row):
    id: int
    key: str
    kind: str
    title: str
    description: str
    languages: list[str]
    built_in: bool
    questions: int


def _instrument_row(i: Instrument, lang: str) -> dict:
    return {"id": i.pk, "key": i.key, "kind": i.kind, "title": label(i.title, lang),
            "description": label(i.description, lang) if i.description else "",
            "languages": i.languages, "built_in": i.built_in,
            "questions": getattr(i, "n_questions", 0)}


@router.get("/instruments", response={200: list[InstrumentOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_instruments(request, lang: str = Query("en", pattern=LANG_PATTERN)):
    qs = Instrument.objects.annotate(n_questions=Count("questions"))
    return [_instrument_row(i, lang) for i in qs]


def form_of(instrument: Instrument, lang: str) -> dict:
    """The instrument as a form: sections, questions, choices, skip logic, in one language."""
    from partnering.assessments.models import DONT_KNOW, LIKERT_LABELS

    questions = list(instrument.questions.select_related("dimension"))
    return {
        **_instrument_row(instrument, lang), "questions": len(questions),
        "dimensions": [{"code": d.code, "label": label(d.label, lang)}
                       for d in instrument.dimensions.all()],
        "likert": [{"value": v, "label": label(t, lang)} for v, t in LIKERT_LABELS.items()]
        + [{"value": "dont_know", "label": label(DONT_KNOW, lang)}],
        "sections": [{
            "code": s.code, "title": label(s.title, lang),
            "questions": [{
                "code": q.code, "kind": q.kind, "label": label(q.label, lang),
                "dimension": q.dimension.code if q.dimension_id else None,
                "required": q.required, "show_if": q.show_if or None,
                "min": q.min_value, "max": q.max_value,
                "choices": [{"value": c["value"], "label": label(c.get("label", {}), lang)}
                            for c in q.choices],
            } for q in questions if q.section_id == s.pk],
        } for s in instrument.sections.all()],
    }


@router.post("/instruments/xlsform", response={201: InstrumentOut, **WRITE_ERRORS})
def import_instrument(request, file: File[UploadedFile],
                      key: str = Query(..., pattern=r"^[a-z0-9-]{2,60}$")):
    if not request.user.is_superuser:
        raise PermissionDenied("Only platform admins add instruments.")
    if file.size > 5 * 1024 * 1024:
        raise HttpError(413, "The workbook is larger than 5 MB.")
    instrument = import_xlsform(request.user, file.read(), key=key)
    instrument.n_questions = instrument.questions.count()
    return Status(201, _instrument_row(instrument, "en"))


@router.get("/instruments/{instrument_id}", response={200: dict[str, Any], **READ_ERRORS})
def get_instrument(request, instrument_id: int, lang: str = Query("en", pattern=LANG_PATTERN)):
    return form_of(get_object_or_404(Instrument, pk=instrument_id), lang)


@router.get("/instruments/{instrument_id}/xlsform", response={200: None, **READ_ERRORS},
            openapi_extra=download(XLSX, "The instrument as an XLSForm"))
def instrument_xlsform(request, instrument_id: int):
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    response = HttpResponse(
        export_xlsform(instrument),
        content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{instrument.key}.xlsx"'
    return response


# --- rounds ----------------------------------------------------------------------------

class RoundOut(Row):
    id: int
    title: str
    instrument_id: int
    instrument: str
    partnership_id: int | None
    organisation_id: int | None
    opens_at: dt.datetime
    closes_at: dt.datetime
    is_open: bool
    groups: list[dict]


def _round_row(r: Round) -> dict:
    return {"id": r.pk, "title": r.title, "instrument_id": r.instrument_id,
            "instrument": str(r.instrument), "partnership_id": r.partnership_id,
            "organisation_id": r.organisation_id, "opens_at": r.opens_at,
            "closes_at": r.closes_at, "is_open": r.is_open,
            "groups": [{"id": g.pk, "name": g.name, "perspective": g.perspective}
                       for g in r.groups.all()]}


def visible_round(request, round_id: int) -> Round:
    round_ = get_object_or_404(
        Round.objects.visible_to(request.user).select_related("instrument", "partnership",
                                                              "organisation"), pk=round_id)
    round_.access = services.round_access(request.user, round_)
    if not round_.access.can_view:
        # Visible partnerships whose members may not see results are still not theirs.
        raise HttpError(404, "Not found.")
    return round_


def managed_round(request, round_id: int) -> Round:
    round_ = visible_round(request, round_id)
    if not round_.access.can_manage:
        raise PermissionDenied
    return round_


@router.get("/rounds", response={200: list[RoundOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_rounds(request, partnership_id: int | None = None,
                organisation_id: int | None = None):
    qs = Round.objects.visible_to(request.user).select_related("instrument").prefetch_related(
        "groups")
    if partnership_id is not None:
        qs = qs.filter(partnership_id=partnership_id)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return [_round_row(r) for r in qs]


class RoundIn(Payload):
    instrument_id: int
    title: str = Field(..., min_length=1, max_length=200)
    opens_at: dt.datetime
    closes_at: dt.datetime
    partnership_id: int | None = None
    organisation_id: int | None = None
    grouping: Literal["organisation", "sector"] = "organisation"


@router.post("/rounds", response={201: RoundOut, **WRITE_ERRORS})
def create_round(request, payload: RoundIn):
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in, or send Authorization: Bearer <token>.")
    if (payload.partnership_id is None) == (payload.organisation_id is None):
        raise HttpError(422, "Give either partnership_id or organisation_id.")
    instrument = get_object_or_404(Instrument, pk=payload.instrument_id)
    partnership = organisation = None
    if payload.partnership_id is not None:
        partnership = get_object_or_404(Partnership.objects.visible_to(request.user),
                                        pk=payload.partnership_id)
    else:
        organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    round_ = services.create_round(
        request.user, instrument, title=payload.title, opens_at=payload.opens_at,
        closes_at=payload.closes_at, partnership=partnership, organisation=organisation,
        grouping=payload.grouping)
    return Status(201, _round_row(round_))


@router.get("/rounds/{round_id}", response={200: RoundOut, **READ_ERRORS})
def get_round(request, round_id: int):
    return _round_row(visible_round(request, round_id))


class GroupIn(Payload):
    name: str = Field(..., min_length=1, max_length=200)
    perspective: Perspective = Perspective.MEMBER


@router.post("/rounds/{round_id}/groups", response={201: dict[str, Any], **WRITE_ERRORS})
def add_group(request, round_id: int, payload: GroupIn):
    round_ = managed_round(request, round_id)
    group = services.add_group(request.user, round_, name=payload.name,
                               perspective=payload.perspective)
    return Status(201, {"id": group.pk, "name": group.name, "perspective": group.perspective})


class InvitationOut(Row):
    """Who was invited; never whether they answered (see the results' response_rate)."""

    id: int
    group_id: int
    group: str
    name: str
    email: str
    sent_at: dt.datetime | None


def _invitation_row(i) -> dict:
    return {"id": i.pk, "group_id": i.group_id, "group": i.group.name, "name": i.name,
            "email": i.email, "sent_at": i.sent_at}


@router.get("/rounds/{round_id}/invitations", response={200: list[InvitationOut],
                                                        **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_invitations(request, round_id: int):
    """Who was invited. Whether one person answered is never shown: reminders go to those
    who have not, and the results give the response rate."""
    round_ = managed_round(request, round_id)
    return [_invitation_row(i) for i in round_.invitations.select_related("group")]


class InvitationIn(Payload):
    group_id: int
    email: str = Field(..., max_length=254)
    name: str = Field("", max_length=200)
    send: bool = True


class NewInvitationOut(InvitationOut):
    token: str
    link: str


@router.post("/rounds/{round_id}/invitations", response={201: NewInvitationOut,
                                                         **WRITE_ERRORS})
def create_invitation(request, round_id: int, payload: InvitationIn):
    """The personal token is in this answer only: it is stored hashed."""
    round_ = managed_round(request, round_id)
    group = get_object_or_404(RespondentGroup, round=round_, pk=payload.group_id)
    invitation, token = services.invite(request.user, round_, group=group, email=payload.email,
                                        name=payload.name, send=payload.send)
    return Status(201, {**_invitation_row(invitation), "token": token,
                        "link": services.response_link(token)})


@router.post("/rounds/{round_id}/reminders", response={200: dict[str, int], **WRITE_ERRORS})
def send_reminders(request, round_id: int):
    round_ = managed_round(request, round_id)
    return {"reminded": services.send_reminders(request.user, round_)}


@router.get("/rounds/{round_id}/results", response={200: dict[str, Any], **READ_ERRORS})
def results(request, round_id: int, group_id: int | None = None,
            perspective: Perspective | None = None, lang: str = Query("en", pattern=LANG_PATTERN)):
    """Scores per dimension and group, perception gaps, change since the previous round and
    free text, under the anonymity rules: nothing about fewer than `min_group` people, and
    nothing at all until the round closes (`visible`); `response_rate` counts who answered."""
    round_ = visible_round(request, round_id)
    data = round_results(round_, group_id=group_id, perspective=perspective, lang=lang)
    data["trend"] = trend(round_, lang)
    return data


@router.get("/rounds/{round_id}/responses.csv", response={200: None, **READ_ERRORS},
            openapi_extra=download("text/csv", "One row per submitted response"))
def export_responses(request, round_id: int):
    """The anonymised responses, once the round has closed (422 before)."""
    round_ = managed_round(request, round_id)
    response = HttpResponse(responses_csv(round_), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}.csv"'
    return response


class PlanItemOut(Row):
    id: int
    title: str
    owner: str = Field(description="The same as owner_name (kept for older clients)")
    owner_name: str
    due_date: dt.date
    status: str
    dimension: str | None
    action_id: int | None


def _plan_row(item) -> dict:
    return {"id": item.pk, "title": item.title, "owner": item.owner_name,
            "owner_name": item.owner_name,
            "due_date": item.due_date,
            "status": item.action.status if item.action_id else item.status,
            "dimension": item.dimension.code if item.dimension_id else None,
            "action_id": item.action_id}


@router.get("/rounds/{round_id}/actions", response={200: list[PlanItemOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_plan(request, round_id: int):
    round_ = visible_round(request, round_id)
    return [_plan_row(i) for i in round_.plan_items.select_related("action", "dimension")]


class PlanItemIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    due_date: dt.date
    dimension: str | None = Field(None, max_length=60)
    owner_organisation_id: int | None = None
    owner_person_id: int | None = None
    owner_name: str = Field("", max_length=200)


@router.post("/rounds/{round_id}/actions", response={201: PlanItemOut, **WRITE_ERRORS})
def add_plan_item(request, round_id: int, payload: PlanItemIn):
    round_ = managed_round(request, round_id)
    dimension = None
    if payload.dimension:
        dimension = get_object_or_404(Dimension, instrument_id=round_.instrument_id,
                                      code=payload.dimension)
    owner_org = (get_object_or_404(Organisation, pk=payload.owner_organisation_id)
                 if payload.owner_organisation_id else None)
    owner_person = (get_object_or_404(Person.objects.visible_to(request.user),
                                      pk=payload.owner_person_id)
                    if payload.owner_person_id else None)
    item = services.add_plan_item(
        request.user, round_, title=payload.title, due_date=payload.due_date,
        dimension=dimension, owner_organisation=owner_org, owner_person=owner_person,
        owner_name=payload.owner_name)
    return Status(201, _plan_row(item))


# --- the anonymous form ----------------------------------------------------------------

def _limited(request, token: str) -> None:
    try:
        ratelimit.check(request, token)
    except ratelimit.RateLimited as error:
        raise HttpError(429, str(error)) from error


def answers_of(response) -> list[dict]:
    if response is None:
        return []
    return [{"question": a.question.code, "value": a.value, "dont_know": a.dont_know,
             "choices": a.choices, "text": a.text}
            for a in response.answers.select_related("question")]


@router.get("/responses/{token}", auth=None, response={200: dict[str, Any], 429: Error,
                                                      **READ_ERRORS})
def get_form(request, token: str, lang: str = Query("en", pattern=LANG_PATTERN)):
    """The form and the answers given so far, for the holder of a personal link."""
    _limited(request, token)
    invitation = services.invitation_for(token)
    round_ = invitation.round
    response = services.response_for(invitation, token)
    return {"round": {"title": round_.title, "about": str(round_.subject),
                      "opens_at": round_.opens_at, "closes_at": round_.closes_at,
                      "is_open": round_.is_open},
            "group": invitation.group.name, "submitted": bool(response and response.submitted),
            "form": form_of(round_.instrument, lang), "answers": answers_of(response)}


class AnswerIn(Payload):
    question: str = Field(..., max_length=60)
    value: float | None = None
    dont_know: bool = False
    choices: list[str] = Field(default_factory=list, max_length=50)
    text: str = Field("", max_length=10000)


class AnswersIn(Payload):
    answers: list[AnswerIn] = Field(default_factory=list, max_length=500)
    submit: bool = False
    language: str = Field("en", pattern=LANG_PATTERN)


@router.put("/responses/{token}", auth=None, response={200: dict[str, Any], **TOKEN_ERRORS})
def put_answers(request, token: str, payload: AnswersIn):
    """Save answers part-way (`submit: false`) or submit them; editable until the round
    closes. Any bad answer refuses the request and changes nothing."""
    _limited(request, token)
    raw = [a.model_dump() for a in payload.answers]
    for item in raw:
        if item["value"] is not None and float(item["value"]).is_integer():
            item["value"] = int(item["value"])
    response = services.save_answers(token, raw, submit=payload.submit,
                                     language=payload.language)
    return {"submitted": response.submitted, "answers": answers_of(response)}


# --- portfolio -------------------------------------------------------------------------

@router.get("/organisations/{organisation_id}/assessments",
            response={200: list[dict[str, Any]], **READ_ERRORS})
def portfolio(request, organisation_id: int):
    """Scores over time across an organisation's own rounds and its partnerships' rounds
    that the user may see (overall mean of scored answers; hidden under the threshold)."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return portfolio_rows(request.user, organisation)


def portfolio_rows(user, organisation) -> list[dict]:
    rounds = list(Round.objects.visible_to(user).filter(
        Q(organisation=organisation) | Q(partnership__memberships__organisation=organisation))
        .distinct().select_related("instrument", "partnership").order_by("opens_at", "id"))
    scores = overall_scores(rounds)
    return [{"round_id": r.pk, "round": r.title, "instrument": str(r.instrument),
             "partnership": r.partnership.title if r.partnership_id else None,
             "opens_at": r.opens_at, "score": scores.get(r.pk, (0, None))[1]}
            for r in rounds]
