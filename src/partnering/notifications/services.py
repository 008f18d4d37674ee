"""Reading one's own notifications and changing one's settings (pages and API)."""

import functools
import zoneinfo

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.notifications.categories import CATEGORIES, FREQUENCY_CODES, OFF
from partnering.notifications.ledger import settings_of
from partnering.notifications.models import Notification, NotificationSettings
from partnering.prepared import Prepared


def inbox(user, *, partnership_id: int | None = None, unread: bool = False):
    notifications = Notification.objects.filter(recipient=user)
    if partnership_id:
        notifications = notifications.filter(partnership_id=partnership_id)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def unread_count(user) -> int:
    """The bell's count, asked on every signed-in page: one COUNT over the (recipient,
    read_at) index, its SQL written once (through the ORM, building it cost more than
    running it)."""
    with connection.cursor() as cursor:
        cursor.execute(_unread_sql(), [user.pk])
        return cursor.fetchone()[0]


@functools.cache
def _unread_sql() -> str:
    meta, quote = Notification._meta, connection.ops.quote_name
    column = {name: quote(meta.get_field(name).column) for name in ("recipient", "read_at")}
    return (f"SELECT COUNT(*) FROM {quote(meta.db_table)} "  # noqa: S608 - names, not input
            f"WHERE {column['recipient']} = %s AND {column['read_at']} IS NULL")
_NEEDS_ACTION = Prepared(lambda _key, user_id: Notification.objects.filter(
    recipient_id=user_id, read_at__isnull=True, needs_action=True)[:10], int)


def needs_action_list(user) -> list[Notification]:
    """`needs_action(user)` as a list, SQL written once (the dashboard asks it each time)."""
    return _NEEDS_ACTION("needs action", user.pk)


def partnerships_in_inbox(user) -> list[tuple[int, str]]:
    return list(Notification.objects.filter(recipient=user, partnership_id__isnull=False)
                .order_by("partnership_title").values_list("partnership_id",
                                                           "partnership_title").distinct())


def needs_action(user, limit: int = 10):
    """Unread notifications that ask something of the user (the dashboard's block)."""
    return inbox(user, unread=True).filter(needs_action=True)[:limit]


def mark_read(user, notification_id: int) -> int:
    return Notification.objects.filter(recipient=user, pk=notification_id,
                                       read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(user, *, partnership_id: int | None = None) -> int:
    return inbox(user, partnership_id=partnership_id, unread=True).update(
        read_at=timezone.now())


def languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in django_settings.LANGUAGES]


def clean_settings(data: dict) -> dict:
    """Checked settings: every category's frequency, the time zone, digest hour and
    language. A mandatory category cannot be turned off."""
    errors = {}
    frequencies = {}
    for code, frequency in (data.get("frequencies") or {}).items():
        category = CATEGORIES.get(code)
        if category is None:
            errors["frequencies"] = _("Unknown category “%(code)s”.") % {"code": code}
        elif frequency not in FREQUENCY_CODES:
            errors[code] = _("Choose one of %(choices)s.") % {
                "choices": ", ".join(FREQUENCY_CODES)}
        elif frequency == OFF and category.mandatory:
            errors[code] = _("“%(label)s” cannot be turned off.") % {"label": category.label}
        else:
            frequencies[code] = frequency
    if data.get("time_zone") not in zoneinfo.available_timezones():
        errors["time_zone"] = _("Unknown time zone.")
    hour = data.get("digest_hour")
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        errors["digest_hour"] = _("Give an hour from 0 to 23.")
    if data.get("language") not in dict(django_settings.LANGUAGES):
        errors["language"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)
    return {"frequencies": frequencies, "time_zone": data["time_zone"],
            "digest_hour": hour, "language": data["language"]}


@transaction.atomic
def update_settings(user, data: dict) -> NotificationSettings:
    clean = clean_settings(data)
    current = settings_of(user)
    current.frequencies = {**current.frequencies, **clean.pop("frequencies")}
    for name, value in clean.items():
        setattr(current, name, value)
    current.save()
    return current


def as_dict(current: NotificationSettings) -> dict:
    return {"frequencies": {code: current.frequency(code) for code in CATEGORIES},
            "time_zone": current.time_zone, "digest_hour": current.digest_hour,
            "language": current.language}


@transaction.atomic
def unsubscribe(user_id: int, category: str) -> bool:
    """Turn a category off by e-mail (the digest token: every category it collects).
    False when there is nothing to turn off (a mandatory notice)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    current = settings_of(user)
    if category == "digest":
        codes = [code for code in CATEGORIES if current.frequency(code) in ("daily", "weekly")
                 and not CATEGORIES[code].mandatory]
    elif category in CATEGORIES and not CATEGORIES[category].mandatory:
        codes = [category]
    else:
        return False
    current.frequencies = {**current.frequencies, **dict.fromkeys(codes, OFF)}
    current.save()
    return True
