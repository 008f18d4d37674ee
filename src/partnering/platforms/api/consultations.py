"""Consultations, submissions, and items travelling upward (forward, merge, synthesis)."""

import datetime as dt

from django.utils.translation import gettext
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.platforms import access
from partnering.platforms.api.base import objects, one, router
from partnering.platforms.consultations import items as escalation
from partnering.platforms.consultations import services
from partnering.platforms.models import Item
from partnering.platforms.vocabulary import Voice
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)
from partnering.visitors import people_visible

Text = Field(..., min_length=1, max_length=20_000)


class ConsultationSectionOut(Schema):
    id: int
    number: str
    title: str
    text: str


class ConsultationOut(Schema):
    id: int
    platform_id: int
    title: str
    document: str
    description: str
    language: str
    opens_on: dt.date
    closes_on: dt.date
    answer_deadline: dt.date
    status: str
    level_ids: list[int]
    sections: list[ConsultationSectionOut]

    @staticmethod
    def resolve_level_ids(obj) -> list[int]:
        return [level.pk for level in obj.levels.all()]

    @staticmethod
    def resolve_sections(obj) -> list:
        return list(obj.sections.all())


class ConsultationSectionIn(Payload):
    number: str = Field(..., min_length=1, max_length=20)
    title: str = Field(..., min_length=1, max_length=300)
    text: str = Field("", max_length=20_000)


class ConsultationIn(Payload):
    platform_id: int
    title: str = Field(..., min_length=1, max_length=200)
    document: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=20_000)
    language: str = Field("", max_length=8)
    opens_on: dt.date
    closes_on: dt.date
    answer_deadline: dt.date | None = None
    level_ids: list[int] = Field(..., min_length=1, max_length=50)
    sections: list[ConsultationSectionIn] = Field(..., min_length=1, max_length=100)


class SubmissionOut(Schema):
    id: int
    consultation_id: int
    section_id: int | None
    forum_id: int
    level_id: int
    text: str
    language: str
    voice: str
    organisation_id: int | None
    name: str
    sector: str
    created_at: dt.datetime

    @staticmethod
    def resolve_organisation_id(obj) -> int | None:
        return obj.as_organisation_id

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.name if people_visible() else ""


class SubmissionIn(Payload):
    consultation_id: int
    forum_id: int
    section_id: int | None = None
    text: str = Text
    language: str = Field("", max_length=8)
    voice: Voice = Field(Voice.ORGANISATION, description="organisation or forum")


class PlatformItemOut(Schema):
    id: int
    consultation_id: int
    section_id: int | None
    forum_id: int
    level_id: int
    title: str
    text: str
    kind: str
    parent_id: int | None
    forwarded_at: dt.datetime | None
    path: list[str] = Field(description="The forums the item passed through, in order.")

    @staticmethod
    def resolve_path(obj, context) -> list[str]:
        known = getattr(obj, "path_names", None)  # set for a whole page by ItemPagination
        return known if known is not None else escalation.path_names(
            [obj], context["request"].user)[0]


class ItemPagination(LimitOffsetPagination):
    """A page of items, every item's path computed for the page at once (a fixed number
    of queries, however many items the page holds)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        for item, names in zip(items, escalation.path_names(items, request.user),
                               strict=True):
            item.path_names = names
        return {**page, self.items_attribute: items}


class ItemForwardIn(Payload):
    item_id: int


class ItemMergeIn(Payload):
    item_ids: list[int] = Field(..., min_length=2, max_length=200)
    title: str = Field(..., min_length=1, max_length=300)
    text: str = Text
    section_id: int | None = None


class SynthesisIn(Payload):
    consultation_id: int
    title: str = Field(..., min_length=1, max_length=300)
    text: str = Text
    section_id: int | None = None
    item_ids: list[int] = Field(default_factory=list, max_length=200)


def _consultations(request):
    return access.visible_consultations(request.user).prefetch_related("levels", "sections")


@router.get("/consultations", response={200: list[ConsultationOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_consultations(request, platform_id: int | None = None):
    consultations = _consultations(request).order_by("-opens_on", "-id")
    return consultations.filter(platform_id=platform_id) if platform_id else consultations


@router.get("/consultations/{consultation_id}", response={200: ConsultationOut, **READ_ERRORS})
def get_consultation(request, consultation_id: int):
    access.consultation_or_404(request, consultation_id)
    return _consultations(request).get(pk=consultation_id)


@router.post("/consultations", response={201: ConsultationOut, **WRITE_ERRORS})
def open_consultation(request, payload: ConsultationIn):
    require_user(request)
    platform = access.platform_or_404(request, payload.platform_id)
    data = payload.dict(exclude={"platform_id", "level_ids", "sections"})
    consultation = services.open_consultation(
        request.user, platform, **data,
        levels=objects(platform.levels.all(), payload.level_ids, "level_ids",
                       gettext("Unknown level id.")),
        sections=[(s.number, s.title, s.text) for s in payload.sections])
    return Status(201, consultation)


@router.get("/consultations/{consultation_id}/items",
            response={200: list[PlatformItemOut], **READ_ERRORS})
@paginate(ItemPagination)
def list_items(request, consultation_id: int):
    consultation = access.consultation_or_404(request, consultation_id)
    return access.restrict_to_forums(Item.objects.filter(consultation=consultation),
                                     request.user).order_by("id")


@router.get("/submissions", response={200: list[SubmissionOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_submissions(request, consultation_id: int | None = None):
    submissions = access.visible_submissions(request.user).order_by("id")
    return submissions.filter(consultation_id=consultation_id) if consultation_id \
        else submissions


@router.get("/submissions/{submission_id}", response={200: SubmissionOut, **READ_ERRORS})
def get_submission(request, submission_id: int):
    return access.submission_or_404(request, submission_id)


@router.post("/submissions", response={201: SubmissionOut, **WRITE_ERRORS})
def make_submission(request, payload: SubmissionIn):
    require_user(request)
    consultation = access.consultation_or_404(request, payload.consultation_id)
    forum = access.forum_or_404(request, payload.forum_id)
    section = one(consultation.sections.all(), payload.section_id, "section_id",
                  gettext("Unknown section id."))
    return Status(201, services.submit(request.user, consultation, forum, text=payload.text,
                                       section=section, language=payload.language,
                                       voice=payload.voice.value))


def _waiting(forum, ids, field):
    return objects(escalation.waiting_items(forum), ids, field,
                   gettext("Only items waiting at this forum can be moved."))


@router.post("/forums/{forum_id}/forward", response={200: PlatformItemOut, **WRITE_ERRORS})
def forward_item(request, forum_id: int, payload: ItemForwardIn):
    require_user(request)
    forum = access.forum_or_404(request, forum_id, "facilitate")
    item = escalation.forward_item(request.user, _waiting(forum, [payload.item_id],
                                                          "item_id")[0])
    return item


@router.post("/forums/{forum_id}/merge", response={201: PlatformItemOut, **WRITE_ERRORS})
def merge_items(request, forum_id: int, payload: ItemMergeIn):
    require_user(request)
    forum = access.forum_or_404(request, forum_id, "facilitate")
    items = _waiting(forum, payload.item_ids, "item_ids")
    section = one(items[0].consultation.sections.all(), payload.section_id, "section_id",
                  gettext("Unknown section id.")) if items else None
    merged = escalation.merge_items(request.user, forum, items, title=payload.title,
                                    text=payload.text, section=section)
    return Status(201, merged)


@router.post("/forums/{forum_id}/synthesis", response={201: PlatformItemOut, **WRITE_ERRORS})
def add_synthesis(request, forum_id: int, payload: SynthesisIn):
    require_user(request)
    forum = access.forum_or_404(request, forum_id, "facilitate")
    consultation = access.consultation_or_404(request, payload.consultation_id)
    synthesis = escalation.add_synthesis(
        request.user, forum, consultation, title=payload.title, text=payload.text,
        section=one(consultation.sections.all(), payload.section_id, "section_id",
                    gettext("Unknown section id.")),
        items=_waiting(forum, payload.item_ids, "item_ids"))
    return Status(201, synthesis)
