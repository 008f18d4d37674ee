"""Writing the ledger: news for a set of people becomes one notification each (unique per
person and cause, so a job that runs again tells nobody twice) with its deliveries: in the
app at once, by e-mail at once, in a digest or not at all, as each person chose. A fixed
number of queries whatever the number of recipients."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from partnering.accounts.languages import language_of
from partnering.notifications.categories import CATEGORIES, IMMEDIATELY, OFF
from partnering.notifications.models import Delivery, Notification, NotificationSettings
from partnering.notifications.visibility import may_see
from partnering.partnerships.models import Partnership


def settings_of(user) -> NotificationSettings:
    """The user's settings (the defaults, unsaved, when they never changed any)."""
    try:
        return user.notification_settings
    except NotificationSettings.DoesNotExist:
        return NotificationSettings(user=user)


def mail_language(user) -> str:
    """The language to write to the user in: their own (the interface's), else the one
    chosen for e-mails in these settings, else the site's (accounts.languages)."""
    return language_of(user, settings_of(user).language)


def email_frequency(settings: NotificationSettings, category: str) -> str:
    frequency = settings.frequency(category)
    if frequency == OFF and CATEGORIES[category].mandatory:
        return IMMEDIATELY
    return frequency


def write(news, cause: str, *, partnership_id: int | None, event=None,
          actor_id: int | None = None) -> list[int]:
    """Record `news` (rules.News) for every recipient who may see it; returns the ids of the
    e-mail deliveries to send now."""
    allowed = may_see(set(news.recipients) - {actor_id}, partnership_id,
                      invitees=news.invitees)
    if not allowed:
        return []
    users = list(get_user_model().objects.filter(pk__in=allowed).select_related(
        "notification_settings"))
    title = _partnership_title(partnership_id)
    category = CATEGORIES[news.category]
    rows = []
    for language, group in _by_language(users).items():
        with translation.override(language):
            words = (str(news.title())[:300], str(news.summary() or "")[:500])
        rows += [Notification(recipient=user, category=category.code, cause=cause,
                              event=event, partnership_id=partnership_id,
                              partnership_title=title, needs_action=category.needs_action,
                              title=words[0], summary=words[1], url=news.url)
                 for user in group]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return _deliveries(cause, {user.pk: user for user in users})


def _partnership_title(partnership_id: int | None) -> str:
    if partnership_id is None:
        return ""
    return Partnership.objects.filter(pk=partnership_id).values_list(
        "title", flat=True).first() or ""


def _by_language(users) -> dict[str, list]:
    groups = defaultdict(list)
    for user in users:
        groups[mail_language(user)].append(user)
    return groups


def _deliveries(cause: str, users: dict) -> list[int]:
    """Deliveries for the notifications of this cause that have none yet (all of them,
    unless a run stopped half-way)."""
    now = timezone.now()
    fresh = Notification.objects.filter(cause=cause, recipient_id__in=users,
                                        deliveries__isnull=True).values_list(
        "pk", "recipient_id", "category")
    rows = []
    for pk, recipient_id, category in fresh:
        user = users[recipient_id]
        rows.append(Delivery(notification_id=pk, channel=Delivery.Channel.IN_APP,
                             status=Delivery.Status.SENT, sent_at=now))
        rows.append(_email(pk, user, email_frequency(settings_of(user), category)))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Delivery.objects.filter(
        notification__cause=cause, notification__recipient_id__in=users,
        channel=Delivery.Channel.EMAIL, status=Delivery.Status.QUEUED,
        frequency=IMMEDIATELY).values_list("pk", flat=True))


def _email(notification_id: int, user, frequency: str) -> Delivery:
    delivery = Delivery(notification_id=notification_id, channel=Delivery.Channel.EMAIL,
                        frequency=frequency)
    if frequency == OFF:
        delivery.status, delivery.reason = Delivery.Status.SKIPPED, "turned off"
    elif not user.email:
        delivery.status, delivery.reason = Delivery.Status.SKIPPED, "no e-mail address"
    return delivery
