"""Platforms, their levels and forums."""

from django.utils.translation import gettext
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.partnerships.access import visible_partnerships
from partnering.platforms import access
from partnering.platforms.api.base import objects, one, organisation, person, router
from partnering.platforms.forums import services
from partnering.platforms.vocabulary import ForumRole, PlatformVisibility
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)
from partnering.visitors import people_visible


class ForumLevelOut(Schema):
    id: int
    name: str
    rank: int


class PlatformOut(Schema):
    id: int
    title: str
    slug: str
    description: str
    time_zone: str
    visibility: str
    default_answer_days: int
    levels: list[ForumLevelOut]

    @staticmethod
    def resolve_levels(obj) -> list:
        return list(obj.levels.all())


class PlatformIn(Payload):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=20_000)
    time_zone: str = Field("", max_length=64, description="an IANA time zone, e.g. "
                                                            "America/Jamaica")
    visibility: PlatformVisibility = PlatformVisibility.PRIVATE
    default_answer_days: int = Field(30, ge=1, le=365)


class ForumLevelIn(Payload):
    name: str = Field(..., min_length=1, max_length=200)
    rank: int = Field(..., ge=1, le=50)


class ForumMemberOut(Schema):
    id: int
    organisation_id: int | None
    person_id: int | None
    role: str

    @staticmethod
    def resolve_person_id(obj) -> int | None:
        return obj.person_id if people_visible() else None


class ForumOut(Schema):
    id: int
    platform_id: int
    level_id: int
    parent_id: int | None
    title: str
    description: str
    visibility: str
    chair_is_independent: bool


class ForumDetailOut(ForumOut):
    members: list[ForumMemberOut]
    partnership_ids: list[int]


class ForumIn(Payload):
    platform_id: int
    level_id: int
    parent_id: int | None = None
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=20_000)
    visibility: PlatformVisibility = PlatformVisibility.PRIVATE
    chair_id: int | None = None
    chair_is_independent: bool = False
    partnership_ids: list[int] = Field(default_factory=list, max_length=200)


class ForumMemberIn(Payload):
    organisation_id: int | None = None
    person_id: int | None = None
    role: ForumRole = ForumRole.MEMBER


@router.get("/platforms", response={200: list[PlatformOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_platforms(request):
    return access.visible_platforms(request.user).prefetch_related("levels").order_by(
        "title", "id")


@router.post("/platforms", response={201: PlatformOut, **WRITE_ERRORS})
def create_platform(request, payload: PlatformIn):
    require_user(request)
    data = payload.dict()
    data["visibility"] = data["visibility"].value
    return Status(201, services.create_platform(request.user, **data))


@router.get("/platforms/{platform_id}", response={200: PlatformOut, **READ_ERRORS})
def get_platform(request, platform_id: int):
    return access.platform_or_404(request, platform_id)


@router.post("/platforms/{platform_id}/levels", response={201: ForumLevelOut, **WRITE_ERRORS})
def add_level(request, platform_id: int, payload: ForumLevelIn):
    require_user(request)
    platform = access.platform_or_404(request, platform_id)
    return Status(201, services.add_level(request.user, platform, **payload.dict()))


@router.get("/forums", response={200: list[ForumOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_forums(request, platform_id: int | None = None):
    forums = access.visible_forums(request.user).order_by("platform_id", "id")
    return forums.filter(platform_id=platform_id) if platform_id else forums


def _forum_detail(request, forum):
    forum.members = list(forum.memberships.all())
    forum.partnership_ids = list(visible_partnerships(request.user).filter(
        forums=forum).values_list("pk", flat=True))
    return forum


@router.get("/forums/{forum_id}", response={200: ForumDetailOut, **READ_ERRORS})
def get_forum(request, forum_id: int):
    return _forum_detail(request, access.forum_or_404(request, forum_id))


@router.post("/forums", response={201: ForumDetailOut, **WRITE_ERRORS})
def create_forum(request, payload: ForumIn):
    require_user(request)
    platform = access.platform_or_404(request, payload.platform_id)
    forums = access.visible_forums(request.user).filter(platform=platform)
    forum = services.create_forum(
        request.user, platform, title=payload.title, description=payload.description,
        visibility=payload.visibility.value, chair_is_independent=payload.chair_is_independent,
        level=one(platform.levels.all(), payload.level_id, "level_id",
                  gettext("Unknown level id.")),
        parent=one(forums, payload.parent_id, "parent_id", gettext("Unknown forum id.")),
        chair=person(request, payload.chair_id),
        partnerships=objects(visible_partnerships(request.user), payload.partnership_ids,
                             "partnership_ids", gettext("Unknown partnership id.")))
    return Status(201, _forum_detail(request, forum))


@router.post("/forums/{forum_id}/members", response={201: ForumMemberOut, **WRITE_ERRORS})
def add_forum_member(request, forum_id: int, payload: ForumMemberIn):
    require_user(request)
    forum = access.forum_or_404(request, forum_id)
    return Status(201, services.add_forum_member(
        request.user, forum, organisation=organisation(payload.organisation_id),
        person=person(request, payload.person_id), role=payload.role.value))
