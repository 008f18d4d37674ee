"""/api/v1/answers (the secretariat's answers to consultation items, and the origins'
"do you feel heard?") and /api/v1/consultations/{id}/loop-metrics."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from partnering.limits import MAX_TEXT
from partnering.platforms import access
from partnering.platforms.loops import services
from partnering.platforms.loops.metrics import loop_metrics
from partnering.platforms.loops.tables import as_data
from partnering.platforms.models import Answer, AnswerDelivery, Item, Submission
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Filters,
    LimitOffsetPagination,
    Payload,
    Row,
    require_user,
)

router = Router(tags=["platforms"])

OutcomeCode = Literal["accepted", "partly_accepted", "not_accepted", "outside_scope"]


class ItemAnswerIn(Payload):
    item_id: int
    outcome: OutcomeCode
    reason: str = Field("", max_length=MAX_TEXT,
                        description="Required when the outcome is not_accepted")
    referred_to: str = Field("", max_length=300,
                             description="Required when the outcome is outside_scope")
    change_in_plan: str = Field("", max_length=MAX_TEXT)
    language: str = Field("", max_length=8, description="ISO 639-1; empty: the reader's")


class FeelHeardIn(Payload):
    feeling: Literal["yes", "partly", "no"]
    comment: str = Field("", max_length=MAX_TEXT)


class ItemAnswerOut(Row):
    id: int
    item_id: int
    item_title: str
    consultation_id: int
    forum_id: int
    level_id: int
    outcome: str
    reason: str
    referred_to: str
    change_in_plan: str
    language: str
    answered_at: dt.datetime


class FeelHeardOut(Row):
    answer_id: int
    submission_id: int
    feeling: str
    comment: str


class ItemAnswerFilters(Filters):
    consultation_id: int | None = None


class LoopMetricsRowOut(Row):
    label: str
    submissions: int
    answered: int
    answered_share: float | None
    median_days: float | None
    p90_days: float | None
    overdue: int
    overdue_share: float | None
    delivered_share: float | None
    heard_responses: int
    heard_share: float | None = Field(description="None for fewer than 5 responses")
    partly_heard_share: float | None
    accepted: int


class LoopMetricsOut(Row):
    consultation_id: int
    answer_deadline: dt.date
    time_zone: str
    total: LoopMetricsRowOut
    answers: int
    answers_delivered_to_every_origin: int
    answers_delivered_share: float | None
    equity_index: dict[str, float | None]
    by: dict[str, list[LoopMetricsRowOut]]


FIELDS = ["id", "item_id", "item__title", "consultation_id", "forum_id", "level_id",
          "outcome", "reason", "referred_to", "change_in_plan", "language", "answered_at"]


def _rows(queryset):
    return [{**row, "item_title": row.pop("item__title")}
            for row in queryset.values(*FIELDS)]


def visible_answers(user):
    """Answers given at a forum the user sees, or delivered to one."""
    forums = access.visible_forums(user).values("pk")
    return Answer.objects.filter(
        Q(forum__in=forums)
        | Q(pk__in=AnswerDelivery.objects.filter(forum__in=forums).values("answer_id")))


@router.get("/answers", response={200: list[ItemAnswerOut], **READ_ERRORS},
            summary="Answers to consultation items you may see")
@paginate(LimitOffsetPagination)
def list_answers(request, filters: Query[ItemAnswerFilters]):
    answers = visible_answers(request.user).order_by("answered_at", "id")
    if filters.consultation_id is not None:
        answers = answers.filter(consultation_id=filters.consultation_id)
    return _rows(answers)


@router.post("/answers", response={201: ItemAnswerOut, **WRITE_ERRORS},
             summary="Answer an item (the secretariat)",
             description="Delivered by a job to every origin the item carries. `reason` is "
                         "required for not_accepted, `referred_to` for outside_scope (422).")
def create_answer(request, payload: ItemAnswerIn):
    require_user(request)
    item = access.restrict_to_forums(Item.objects, request.user).select_related(
        "consultation__platform").filter(pk=payload.item_id).first()
    if item is None:
        raise ValidationError({"item_id": _("No such item.")})
    answer = services.answer_item(request.user, item, **payload.model_dump(exclude={"item_id"}))
    return Status(201, _rows(Answer.objects.filter(pk=answer.pk))[0])


@router.post("/answers/{platform_answer_id}/heard",
             response={200: FeelHeardOut, **WRITE_ERRORS},
             summary="Say whether you feel heard by an answer to your input")
def answer_heard(request, platform_answer_id: int, payload: FeelHeardIn):
    require_user(request)
    answer = visible_answers(request.user).filter(pk=platform_answer_id).first()
    own = Submission.objects.filter(origins__item__answer=answer,
                                    submitted_by=request.user).first() if answer else None
    if own is None:
        raise Http404
    heard = services.say_heard(request.user, own, feeling=payload.feeling,
                               comment=payload.comment)
    return {"answer_id": heard.answer_id, "submission_id": heard.submission_id,
            "feeling": heard.feeling, "comment": heard.comment}


@router.get("/consultations/{consultation_id}/loop-metrics",
            response={200: LoopMetricsOut, **READ_ERRORS},
            summary="Feedback-loop closure of a consultation",
            description="Shares answered, overdue (the deadline in the platform's time zone), "
                        "delivered to every origin and feeling heard, median and 90th "
                        "percentile days to answer, by forum, level, sector and language, "
                        "and the equity index of who is heard.")
def get_loop_metrics(request, consultation_id: int):
    consultation = access.consultation_or_404(request, consultation_id)
    return as_data(loop_metrics(consultation), request.user)
