"""The meetings a partnership records."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from partnering.limits import MAX_TEXT
from partnering.partnerships import services
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.api.base import (
    Text,
    router,
    values,
)
from partnering.partnerships.models import MAX_SPEAKING_TURNS, Partnership
from partnering.registry.models import Organisation, Person
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)


class MeetingOut(Schema):
    id: int
    date: dt.date
    purpose: str
    location: str
    organisations: list[int]
    attendees: list[int]
    minutes: str
    follow_ups: list[str]
    speaking_turns: dict[int, int] = Field(
        description="Organisation id → items it spoke to, counted from the minutes; "
                    "empty when not recorded.")

    @staticmethod
    def resolve_organisations(obj) -> list[int]:
        return [org.pk for org in obj.organisations.all()]

    @staticmethod
    def resolve_attendees(obj) -> list[int]:
        return [person.pk for person in obj.attendees.all()]

    @staticmethod
    def resolve_follow_ups(obj) -> list[str]:
        return obj.follow_up_list


# Items an organisation spoke to in one meeting, counted from the minutes.
SpeakingTurns = Annotated[int, Field(ge=0, le=MAX_SPEAKING_TURNS)]


class MeetingIn(Payload):
    date: dt.date
    purpose: str = Field(..., min_length=1, max_length=300)
    location: str = Field("", max_length=200)
    organisations: list[int] = Field(default_factory=list, max_length=200)
    attendees: list[int] = Field(default_factory=list, max_length=500)
    minutes: str = Text
    follow_ups: list[str] = Field(default_factory=list, max_length=100)
    speaking_turns: dict[int, SpeakingTurns] = Field(default_factory=dict, max_length=200)


class MeetingPatch(Payload):
    date: dt.date | None = None
    purpose: str | None = Field(None, min_length=1, max_length=300)
    location: str | None = Field(None, max_length=200)
    organisations: list[int] | None = Field(None, max_length=200)
    attendees: list[int] | None = Field(None, max_length=500)
    minutes: str | None = Field(None, max_length=MAX_TEXT)
    follow_ups: list[str] | None = Field(None, max_length=100)
    speaking_turns: dict[int, SpeakingTurns] | None = Field(None, max_length=200)


def _meeting_data(request, payload: Schema, partial: bool) -> dict:
    data = values(payload, partial)
    if "organisations" in data:
        ids = set(data["organisations"])
        found = list(Organisation.objects.filter(pk__in=ids))
        if len(found) != len(ids):
            raise ValidationError({"organisations": gettext("Unknown organisation id.")})
        data["organisations"] = found
    if "attendees" in data:
        ids = set(data["attendees"])
        found = list(Person.objects.visible_to(request.user).filter(pk__in=ids))
        if len(found) != len(ids):
            raise ValidationError({"attendees": gettext("Unknown person id.")})
        data["attendees"] = found
    if "follow_ups" in data:
        data["follow_ups"] = "\n".join(line.strip() for line in data["follow_ups"]
                                       if line.strip())
    return data


def _meetings(partnership: Partnership):
    return partnership.meetings.prefetch_related("organisations", "attendees")


@router.get("/{partnership_id}/meetings", response={200: list[MeetingOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_meetings(request, partnership_id: int):
    return _meetings(partnership_or_404(request, partnership_id))


@router.post("/{partnership_id}/meetings", response={201: MeetingOut, **WRITE_ERRORS})
def record_meeting(request, partnership_id: int, payload: MeetingIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    return Status(201, services.record_meeting(request.user, partnership,
                                               **_meeting_data(request, payload, False)))


@router.get("/{partnership_id}/meetings/{meeting_id}",
            response={200: MeetingOut, **READ_ERRORS})
def get_meeting(request, partnership_id: int, meeting_id: int):
    return get_object_or_404(_meetings(partnership_or_404(request, partnership_id)), pk=meeting_id)


@router.patch("/{partnership_id}/meetings/{meeting_id}",
              response={200: MeetingOut, **WRITE_ERRORS})
def update_meeting(request, partnership_id: int, meeting_id: int, payload: MeetingPatch):
    require_user(request)
    meeting = get_object_or_404(partnership_or_404(request, partnership_id).meetings, pk=meeting_id)
    return services.update_meeting(request.user, meeting,
                                   **_meeting_data(request, payload, True))


@router.delete("/{partnership_id}/meetings/{meeting_id}", response={204: None, **WRITE_ERRORS})
def delete_meeting(request, partnership_id: int, meeting_id: int):
    require_user(request)
    meeting = get_object_or_404(partnership_or_404(request, partnership_id).meetings, pk=meeting_id)
    services.delete_meeting(request.user, meeting)
    return Status(204, None)
