"""Who may see and do what on platforms: the one place for it. Every page, API endpoint,
export, count and notice of platforms reads these functions.

The rules are those of partnerships (partnerships/access.py): a public platform or forum is
read by everyone, anonymous visitors included; a private one only by its members, its
platform's secretariat and platform admins; anyone else gets 404, never 403.

- Platform admins: superusers.
- The secretariat of a platform: its secretariat people, the people of its secretariat
  organisations, and people with the secretariat role in one of its forums.
- Members of a forum: people named members (any role), the chair, and the organisation
  admins of member organisations (as a partnership's members are).
- A private platform is seen by its secretariat and the members of any of its forums.
- A forum is seen by its members and the secretariat; a public forum also by whoever sees
  its platform.
- Consultations and items are read with their platform and their forum."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from partnering.platforms.models import (
    Consultation,
    Forum,
    ForumMembership,
    Platform,
    Submission,
)
from partnering.platforms.vocabulary import ForumRole, PlatformVisibility
from partnering.registry.models import Organisation, Person


def _member_forum_ids(user):
    """Ids of the forums the user is a member of (a subquery)."""
    named = ForumMembership.objects.filter(
        Q(person__user=user) | Q(person__isnull=True, organisation__people__user=user,
                                 organisation__people__is_organisation_admin=True))
    chaired = Forum.objects.filter(chair__user=user).values("pk")
    return Forum.objects.filter(Q(pk__in=named.values("forum_id")) | Q(pk__in=chaired)
                                ).values("pk")


def _secretariat_platform_ids(user):
    """Ids of the platforms whose secretariat the user belongs to (a subquery)."""
    in_forum = ForumMembership.objects.filter(role=ForumRole.SECRETARIAT, person__user=user)
    return Platform.objects.filter(
        Q(pk__in=Platform.secretariat_people.through.objects.filter(
            person__user=user).values("platform_id"))
        | Q(pk__in=Platform.secretariat_organisations.through.objects.filter(
            organisation__people__user=user).values("platform_id"))
        | Q(pk__in=in_forum.values("forum__platform_id"))).values("pk")


def visible_platforms(user):
    """Every platform this user may see."""
    platforms = Platform.objects.all()
    if not user.is_authenticated:
        return platforms.filter(visibility=PlatformVisibility.PUBLIC)
    if user.is_superuser:
        return platforms
    member_of = Forum.objects.filter(pk__in=_member_forum_ids(user)).values("platform_id")
    return platforms.filter(Q(visibility=PlatformVisibility.PUBLIC)
                            | Q(pk__in=_secretariat_platform_ids(user)) | Q(pk__in=member_of))


def visible_forums(user):
    """Every forum this user may see."""
    forums = Forum.objects.all()
    if not user.is_authenticated:
        return forums.filter(visibility=PlatformVisibility.PUBLIC,
                             platform__visibility=PlatformVisibility.PUBLIC)
    if user.is_superuser:
        return forums
    return forums.filter(
        Q(visibility=PlatformVisibility.PUBLIC, platform__in=visible_platforms(user).values("pk"))
        | Q(pk__in=_member_forum_ids(user))
        | Q(platform__in=_secretariat_platform_ids(user)))


def visible_consultations(user):
    return Consultation.objects.filter(platform__in=visible_platforms(user).values("pk"))


def visible_submissions(user):
    """Submissions whose origin forum the user may see."""
    return Submission.objects.filter(forum__in=visible_forums(user).values("pk"))


def restrict_to_forums(queryset, user, *, via: str = "forum"):
    """`queryset` narrowed to the objects whose forum this user may see."""
    return queryset.filter(**{f"{via}__in": visible_forums(user).values("pk")})


# --- What one user may do -------------------------------------------------------------

@dataclass(frozen=True)
class PlatformAccess:
    is_admin: bool = False
    is_secretariat: bool = False

    @property
    def can_manage(self) -> bool:
        """Create levels, forums and consultations; answer items."""
        return self.is_admin or self.is_secretariat


@dataclass(frozen=True)
class ForumAccess:
    is_admin: bool = False
    is_secretariat: bool = False
    is_facilitator: bool = False
    is_member: bool = False

    @property
    def can_submit(self) -> bool:
        return self.is_member or self.is_facilitator

    @property
    def can_facilitate(self) -> bool:
        """Forward, merge, add a synthesis, share invitation links."""
        return self.is_facilitator or self.is_secretariat or self.is_admin

    @property
    def can_manage(self) -> bool:
        """Add members, link partnerships: the secretariat and admins."""
        return self.is_secretariat or self.is_admin


def platform_access(user, platform) -> PlatformAccess:
    if not user.is_authenticated:
        return PlatformAccess()
    if user.is_superuser:
        return PlatformAccess(is_admin=True)
    return PlatformAccess(is_secretariat=_secretariat_platform_ids(user).filter(
        pk=platform.pk).exists())


def forum_access(user, forum) -> ForumAccess:
    if not user.is_authenticated:
        return ForumAccess()
    if user.is_superuser:
        return ForumAccess(is_admin=True)
    roles = set(ForumMembership.objects.filter(forum=forum).filter(
        Q(person__user=user) | Q(person__isnull=True, organisation__people__user=user,
                                 organisation__people__is_organisation_admin=True)
    ).values_list("role", flat=True))
    chair = forum.chair_id is not None and forum.chair.user_id == user.pk
    return ForumAccess(
        is_secretariat=ForumRole.SECRETARIAT in roles or platform_access(
            user, forum.platform).is_secretariat,
        is_facilitator=chair or ForumRole.FACILITATOR in roles,
        is_member=bool(roles) or chair)


def may_create_platform(user) -> bool:
    """Platform admins, and organisation admins (whose organisation becomes the
    secretariat of the platform they create)."""
    if not user.is_authenticated:
        return False
    person = getattr(user, "person", None)
    return user.is_superuser or bool(person and person.is_organisation_admin
                                     and person.organisation_id)


# --- The one way in for pages and endpoints -------------------------------------------

def platform_or_404(request, platform_id: int, need: str = "view"):
    """The platform with its `access`: 404 for whoever may not see it, 403 for whoever
    sees it but may not manage it when `need="manage"`."""
    platform = visible_platforms(request.user).filter(pk=platform_id).first()
    if platform is None:
        raise Http404
    platform.access = platform_access(request.user, platform)
    if need == "manage" and not platform.access.can_manage:
        raise PermissionDenied
    return platform


FORUM_NEEDS = {"view": None, "submit": "can_submit", "facilitate": "can_facilitate",
               "manage": "can_manage"}


def forum_or_404(request, forum_id: int, need: str = "view"):
    """The forum with its `access`: 404 for whoever may not see it, 403 for whoever sees it
    but lacks `need` ("submit", "facilitate", "manage")."""
    forum = visible_forums(request.user).select_related(
        "platform", "level", "parent", "chair").filter(pk=forum_id).first()
    if forum is None:
        raise Http404
    forum.access = forum_access(request.user, forum)
    attribute = FORUM_NEEDS[need]
    if attribute and not getattr(forum.access, attribute):
        raise PermissionDenied
    return forum


def consultation_or_404(request, consultation_id: int, need: str = "view"):
    consultation = visible_consultations(request.user).select_related("platform").filter(
        pk=consultation_id).first()
    if consultation is None:
        raise Http404
    consultation.access = platform_access(request.user, consultation.platform)
    if need == "manage" and not consultation.access.can_manage:
        raise PermissionDenied
    return consultation


def submission_or_404(request, submission_id: int):
    submission = visible_submissions(request.user).select_related(
        "consultation", "forum", "level", "section", "as_organisation").filter(
        pk=submission_id).first()
    if submission is None:
        raise Http404
    return submission


def forum_organisations(forum):
    """The organisations that are members of the forum."""
    return Organisation.objects.filter(forum_memberships__forum=forum).distinct().order_by(
        "name", "pk")


def forum_people(forum):
    """The people of the forum: named members, the chair, and the people of member
    organisations (who may attend its meetings)."""
    return Person.objects.filter(
        Q(forum_memberships__forum=forum) | Q(chaired_forums=forum)
        | Q(organisation__forum_memberships__forum=forum)).distinct().order_by("name", "pk")


def submitting_forums(user, consultation):
    """The forums the user may submit to this consultation from: those they are a member
    of, on a level that may submit."""
    if not user.is_authenticated:
        return Forum.objects.none()
    return Forum.objects.filter(
        platform_id=consultation.platform_id, pk__in=_member_forum_ids(user),
        level__in=consultation.levels.values("pk")).select_related("level")
