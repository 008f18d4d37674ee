"""A forum's records: meetings, the partnerships working under it, its invitation links and
its members' roles. Private forums answer 404 (platforms/access.py)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.partnerships.access import visible_partnerships
from partnering.platforms import access
from partnering.platforms.api.base import objects, one, router
from partnering.platforms.api.forums import ForumDetailOut, ForumMemberOut, _forum_detail
from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums import services
from partnering.platforms.vocabulary import ForumRole
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)
from partnering.visitors import people_visible

TEXT = 20_000


class ForumMeetingOut(Schema):
    id: int
    forum_id: int
    date: dt.date
    title: str = Field(..., alias="purpose")
    location: str
    notes: str = Field(..., alias="minutes")
    outcomes: str
    follow_ups: str
    organisation_ids: list[int]
    attendee_ids: list[int]

    @staticmethod
    def resolve_organisation_ids(obj) -> list[int]:
        return [o.pk for o in obj.organisations.all()]

    @staticmethod
    def resolve_attendee_ids(obj) -> list[int]:
        return [p.pk for p in obj.attendees.all()] if people_visible() else []


class ForumMeetingIn(Payload):
    date: dt.date
    title: str = Field(..., min_length=1, max_length=300)
    location: str = Field("", max_length=200)
    notes: str = Field("", max_length=TEXT, description="the agenda and notes")
    outcomes: str = Field("", max_length=TEXT, description="decisions and outcomes")
    follow_ups: str = Field("", max_length=TEXT)
    organisation_ids: list[int] = Field(default_factory=list, max_length=200)
    attendee_ids: list[int] = Field(default_factory=list, max_length=500)


class PartnershipLinkIn(Payload):
    partnership_id: int


class ForumInvitationOut(Schema):
    id: int
    consultation_id: int
    forum_id: int
    label: str
    used_count: int
    created: dt.datetime
    revoked_at: dt.datetime | None


class RoleIn(Payload):
    role: ForumRole


@router.get("/forums/{forum_id}/meetings", response={200: list[ForumMeetingOut],
                                                     **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_forum_meetings(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id)
    return forum.meetings.prefetch_related("organisations", "attendees").order_by(
        "-date", "-id")


@router.get("/forums/{forum_id}/meetings/{forum_meeting_id}",
            response={200: ForumMeetingOut, **READ_ERRORS})
def get_forum_meeting(request, forum_id: int, forum_meeting_id: int):
    forum = access.forum_or_404(request, forum_id)
    return get_object_or_404(forum.meetings, pk=forum_meeting_id)


@router.post("/forums/{forum_id}/meetings", response={201: ForumMeetingOut, **WRITE_ERRORS})
def record_forum_meeting(request, forum_id: int, payload: ForumMeetingIn):
    require_user(request)
    forum = access.forum_or_404(request, forum_id, "facilitate")
    unknown = gettext("Not a member of the forum.")
    meeting = services.record_forum_meeting(
        request.user, forum, date=payload.date, purpose=payload.title,
        location=payload.location, minutes=payload.notes, outcomes=payload.outcomes,
        follow_ups=payload.follow_ups,
        organisations=objects(access.forum_organisations(forum), payload.organisation_ids,
                              "organisation_ids", unknown),
        attendees=objects(access.forum_people(forum), payload.attendee_ids, "attendee_ids",
                          unknown))
    return Status(201, meeting)


@router.post("/forums/{forum_id}/partnerships", response={201: ForumDetailOut,
                                                          **WRITE_ERRORS})
def link_partnership(request, forum_id: int, payload: PartnershipLinkIn):
    require_user(request)
    forum = access.forum_or_404(request, forum_id, "manage")
    partnership = one(visible_partnerships(request.user), payload.partnership_id,
                      "partnership_id", gettext("Unknown partnership id."))
    return Status(201, _forum_detail(request, services.link_partnership(
        request.user, forum, partnership)))


@router.delete("/forums/{forum_id}/partnerships/{partnership_id}",
               response={204: None, **WRITE_ERRORS})
def unlink_partnership(request, forum_id: int, partnership_id: int):
    require_user(request)
    forum = access.forum_or_404(request, forum_id)
    partnership = get_object_or_404(visible_partnerships(request.user).filter(forums=forum),
                                    pk=partnership_id)
    services.unlink_partnership(request.user, forum, partnership)
    return Status(204, None)


@router.get("/forums/{forum_id}/invitations", response={200: list[ForumInvitationOut],
                                                        **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_forum_invitations(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    return forum.invitations.order_by("-created", "-id")


@router.post("/forums/{forum_id}/invitations/{consultation_invitation_id}/revoke",
             response={200: ForumInvitationOut, **WRITE_ERRORS})
def revoke_invitation(request, forum_id: int, consultation_invitation_id: int):
    require_user(request)
    forum = access.forum_or_404(request, forum_id)
    invitation = get_object_or_404(forum.invitations, pk=consultation_invitation_id)
    return consultations.revoke_invitation(request.user, invitation)


def _membership(request, forum_id, forum_membership_id):
    forum = access.forum_or_404(request, forum_id)
    return get_object_or_404(forum.memberships.select_related("forum"),
                             pk=forum_membership_id)


@router.patch("/forums/{forum_id}/members/{forum_membership_id}",
              response={200: ForumMemberOut, **WRITE_ERRORS})
def change_member_role(request, forum_id: int, forum_membership_id: int, payload: RoleIn):
    require_user(request)
    membership = _membership(request, forum_id, forum_membership_id)
    return services.change_forum_role(request.user, membership, role=payload.role.value)


@router.delete("/forums/{forum_id}/members/{forum_membership_id}",
               response={204: None, **WRITE_ERRORS})
def remove_forum_member(request, forum_id: int, forum_membership_id: int):
    require_user(request)
    services.remove_forum_member(request.user, _membership(request, forum_id,
                                                           forum_membership_id))
    return Status(204, None)
