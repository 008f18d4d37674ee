"""/api/v1/notifications and /api/v1/me/notification-settings: one's own inbox and
settings (never anyone else's)."""

import datetime as dt

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from partnering.api import SIGNED_IN
from partnering.notifications import services
from partnering.notifications.ledger import settings_of
from partnering.notifications.models import Notification
from partnering.schemas import MAX_OFFSET, READ_ERRORS, WRITE_ERRORS, Filters, Payload, require_user

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    category: str
    partnership_id: int | None
    partnership_title: str
    needs_action: bool = Field(..., description="asks something of you")
    title: str
    summary: str
    url: str = Field(..., description="a path of this site")
    created: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    unread: int


class NotificationFilters(Filters):
    partnership: int | None = Field(None, description="only this partnership's")
    unread: bool = Field(False, description="only the unread ones")
    limit: int = Field(50, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ReadOut(Schema):
    marked: int


class SettingsIn(Payload):
    frequencies: dict[str, str] = Field(
        default_factory=dict,
        description="category → immediately, daily, weekly or off (mandatory ones cannot be "
                    "off); categories left out keep their setting")
    time_zone: str = Field(..., description="an IANA time zone, e.g. Africa/Niamey")
    digest_hour: int = Field(..., description="local hour of the digests, 0 to 23")
    language: str = Field(..., description="language of the e-mails, e.g. en or fr")


class SettingsOut(Schema):
    frequencies: dict[str, str]
    time_zone: str
    digest_hour: int
    language: str


@router.get("/notifications", auth=SIGNED_IN, response={200: NotificationPage, **READ_ERRORS},
            summary="Your notifications, newest first")
def list_notifications(request, filters: Query[NotificationFilters]):
    require_user(request)
    rows = services.inbox(request.user, partnership_id=filters.partnership,
                          unread=filters.unread)
    return {"items": list(rows[filters.offset:filters.offset + filters.limit]),
            "count": rows.count(), "unread": services.unread_count(request.user)}


@router.post("/notifications/read-all", auth=SIGNED_IN, response={200: ReadOut, **WRITE_ERRORS},
             summary="Mark all your notifications read")
def read_all_notifications(request):
    require_user(request)
    return {"marked": services.mark_all_read(request.user)}


@router.post("/notifications/{notification_id}/read", auth=SIGNED_IN,
             response={200: NotificationOut, **WRITE_ERRORS}, summary="Mark one read")
def read_notification(request, notification_id: int):
    require_user(request)
    notification = get_object_or_404(Notification, recipient=request.user, pk=notification_id)
    services.mark_read(request.user, notification.pk)
    notification.refresh_from_db()
    return notification


@router.get("/me/notification-settings", auth=SIGNED_IN,
            response={200: SettingsOut, **READ_ERRORS}, summary="Your notification settings")
def get_notification_settings(request):
    require_user(request)
    return services.as_dict(settings_of(request.user))


@router.put("/me/notification-settings", auth=SIGNED_IN,
            response={200: SettingsOut, **WRITE_ERRORS},
            summary="Change your notification settings")
def put_notification_settings(request, payload: SettingsIn):
    require_user(request)
    return services.as_dict(services.update_settings(request.user, payload.dict()))
