"""Platforms, their levels and forums: one function per thing a user does, each in a
transaction with its audit record. Pages, the API, the CLI, the demo and tests call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.guards import require
from partnering.partnerships.access import visible_partnerships
from partnering.platforms import access
from partnering.platforms.models import (
    Forum,
    ForumLevel,
    ForumMeeting,
    ForumMembership,
    Platform,
)
from partnering.platforms.vocabulary import ForumRole, PlatformVisibility

PLATFORM_FIELDS = ["title", "slug", "description", "time_zone", "visibility",
                   "default_answer_days", "secretariat_organisations", "secretariat_people"]
FORUM_FIELDS = ["title", "description", "level", "parent", "visibility", "chair",
                "chair_is_independent", "partnerships"]
MEETING_FIELDS = ["date", "purpose", "location", "minutes", "outcomes", "follow_ups"]


def _require_manager(actor, platform) -> None:
    require(access.platform_access(actor, platform).can_manage,
            _("Only the platform's secretariat may do this."))


def _unique_slug(title: str, slug: str = "") -> str:
    base = slugify(slug or title)[:70] or "platform"
    candidate, n = base, 2
    while Platform.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@transaction.atomic
def create_platform(actor, *, title: str, slug: str = "", description: str = "",
                    time_zone: str = "", visibility: str = PlatformVisibility.PRIVATE,
                    default_answer_days: int = 30, secretariat_organisations=(),
                    secretariat_people=()) -> Platform:
    """A new platform. A creator who is not a platform admin is its secretariat, with
    their organisation."""
    require(access.may_create_platform(actor),
            _("Only platform admins and organisation admins may create a platform."))
    organisations, people = list(secretariat_organisations), list(secretariat_people)
    person = getattr(actor, "person", None)
    if not actor.is_superuser and person is not None:
        organisations = [*organisations, person.organisation]
        people = [*people, person]
    platform = Platform(created_by=actor)
    if time_zone:
        platform.time_zone = time_zone
    data = {"title": (title or "").strip(), "slug": _unique_slug(title, slug),
            "description": description or "", "visibility": visibility,
            "default_answer_days": default_answer_days}
    if not data["title"]:
        raise ValidationError({"title": _("Give the platform a title.")})
    return save_audited(actor, platform, data, fields=PLATFORM_FIELDS,
                        m2m={"secretariat_organisations": organisations,
                             "secretariat_people": people})


@transaction.atomic
def add_level(actor, platform: Platform, *, name: str, rank: int) -> ForumLevel:
    """A level of forums ("Parish development committee"); a higher rank is nearer the top."""
    _require_manager(actor, platform)
    level = ForumLevel(platform=platform)
    return save_audited(actor, level, {"name": (name or "").strip(), "rank": rank},
                        fields=["name", "rank"], summary=f"{platform}: level {name}")


@transaction.atomic
def create_forum(actor, platform: Platform, *, level: ForumLevel, title: str,
                 parent: Forum | None = None, description: str = "",
                 visibility: str = PlatformVisibility.PRIVATE, chair=None,
                 chair_is_independent: bool = False, partnerships=()) -> Forum:
    """A forum on one of the platform's levels, under the forum above (`parent`)."""
    _require_manager(actor, platform)
    data = {"level": level, "parent": parent, "title": (title or "").strip(),
            "description": description or "", "visibility": visibility, "chair": chair,
            "chair_is_independent": chair_is_independent}
    forum = save_audited(actor, Forum(platform=platform, created_by=actor), data,
                         fields=FORUM_FIELDS, m2m={"partnerships": list(partnerships)},
                         summary=f"{platform}: {data['title']}")
    if chair is not None:
        ForumMembership.objects.get_or_create(forum=forum, person=chair,
                                              defaults={"role": ForumRole.FACILITATOR,
                                                        "organisation": chair.organisation})
    return forum


@transaction.atomic
def add_forum_member(actor, forum: Forum, *, organisation=None, person=None,
                     role: str = ForumRole.MEMBER) -> ForumMembership:
    """An organisation or a person joins the forum as member, facilitator or secretariat."""
    require(access.forum_access(actor, forum).can_manage,
            _("Only the platform's secretariat may add members to a forum."))
    if organisation is None and person is None:
        raise ValidationError(_("Name an organisation or a person."))
    if person is not None and organisation is None:
        organisation = person.organisation
    membership = ForumMembership(forum=forum, organisation=organisation, person=person,
                                 role=role)
    membership.full_clean()
    membership.save()
    record(actor, "forum.member_added", forum,
           changes={"member": [None, str(person or organisation)], "role": [None, role]},
           summary=f"{person or organisation} joined {forum} as {role}")
    return membership


def _require_forum_manager(actor, forum) -> None:
    require(access.forum_access(actor, forum).can_manage,
            _("Only the platform's secretariat may do this."))


@transaction.atomic
def remove_forum_member(actor, membership: ForumMembership) -> None:
    """A member leaves the forum (the secretariat removes them)."""
    forum = membership.forum
    _require_forum_manager(actor, forum)
    who = str(membership.person or membership.organisation)
    record(actor, "forum.member_removed", forum,
           changes={"member": [who, None], "role": [membership.role, None]},
           summary=f"{who} left {forum}")
    membership.delete()


@transaction.atomic
def change_forum_role(actor, membership: ForumMembership, *, role: str) -> ForumMembership:
    """A member becomes member, facilitator or secretariat of the forum."""
    forum = membership.forum
    _require_forum_manager(actor, forum)
    if role not in ForumRole.values:
        raise ValidationError({"role": _("Choose a role of the list.")})
    before, membership.role = membership.role, role
    membership.save(update_fields=["role"])
    who = str(membership.person or membership.organisation)
    record(actor, "forum.role_changed", forum, changes={"role": [before, role]},
           summary=f"{who} in {forum}: {before} → {role}")
    return membership


def _partnership_titles(forum) -> list[str]:
    return sorted(forum.partnerships.values_list("title", flat=True))


@transaction.atomic
def link_partnership(actor, forum: Forum, partnership) -> Forum:
    """A partnership works under this forum: only one the actor may see."""
    _require_forum_manager(actor, forum)
    if not visible_partnerships(actor).filter(pk=partnership.pk).exists():
        raise ValidationError({"partnership": _("Unknown partnership.")})
    if forum.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"partnership": _("This partnership already works under the "
                                                "forum.")})
    before = _partnership_titles(forum)
    forum.partnerships.add(partnership)
    record(actor, "forum.partnership_linked", forum,
           changes={"partnerships": [before, _partnership_titles(forum)]},
           summary=f"{partnership} under {forum}")
    return forum


@transaction.atomic
def unlink_partnership(actor, forum: Forum, partnership) -> Forum:
    """The partnership no longer works under this forum."""
    _require_forum_manager(actor, forum)
    if not forum.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"partnership": _("This partnership does not work under the "
                                                "forum.")})
    before = _partnership_titles(forum)
    forum.partnerships.remove(partnership)
    record(actor, "forum.partnership_unlinked", forum,
           changes={"partnerships": [before, _partnership_titles(forum)]},
           summary=f"{partnership} no longer under {forum}")
    return forum


@transaction.atomic
def record_forum_meeting(actor, forum: Forum, *, date, purpose: str, location: str = "",
                         minutes: str = "", outcomes: str = "", follow_ups: str = "",
                         organisations=(), attendees=()) -> ForumMeeting:
    """The forum met: its facilitator or secretariat records it; attendees are the forum's
    members."""
    require(access.forum_access(actor, forum).can_facilitate,
            _("Only the forum's facilitator or the secretariat may record its meetings."))
    _require_members(forum, organisations, attendees)
    data = {"date": date, "purpose": (purpose or "").strip(), "location": location,
            "minutes": minutes, "outcomes": outcomes, "follow_ups": follow_ups}
    return save_audited(actor, ForumMeeting(forum=forum, created_by=actor), data,
                        fields=MEETING_FIELDS,
                        m2m={"organisations": list(organisations),
                             "attendees": list(attendees)},
                        summary=f"{forum}: {data['purpose']}")


def _require_members(forum, organisations, attendees) -> None:
    people = {p.pk for p in access.forum_people(forum)}
    if any(person.pk not in people for person in attendees):
        raise ValidationError({"attendees": _("Attendees must be members of the forum.")})
    members = {o.pk for o in access.forum_organisations(forum)}
    if any(organisation.pk not in members for organisation in organisations):
        raise ValidationError({"organisations": _("Attending organisations must be members "
                                                  "of the forum.")})
