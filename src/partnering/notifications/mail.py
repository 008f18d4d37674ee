"""E-mail done properly: a text and an HTML part, absolute links from SITE_URL, the
recipient's language, and a one-click unsubscribe per category (RFC 8058). Failures are
recorded on the delivery."""

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partnering.links import absolute
from partnering.notifications import tokens
from partnering.notifications.ledger import mail_language
from partnering.notifications.models import Delivery


def unsubscribe_url(user_id: int, category: str) -> str:
    return absolute(reverse("notifications_unsubscribe", args=[tokens.make(user_id, category)]))


def message(user, subject: str, text: str, html: str, category: str,
            connection=None) -> EmailMultiAlternatives:
    """A message to `user` with the headers every notification carries."""
    unsubscribe = unsubscribe_url(user.pk, category)
    language = mail_language(user)
    with translation.override(language):
        footer = _("Stop these e-mails: %(link)s") % {"link": unsubscribe}
    mail = EmailMultiAlternatives(
        subject, f"{text}\n\n-- \n{footer}\n", to=[user.email], connection=connection,
        headers={"List-Unsubscribe": f"<{unsubscribe}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Content-Language": language, "Auto-Submitted": "auto-generated"})
    mail.attach_alternative(html, "text/html")
    return mail


def notification_message(notification, connection=None) -> EmailMultiAlternatives:
    user = notification.recipient
    language = mail_language(user)
    with translation.override(language):
        link = absolute(notification.url or reverse("notifications"))
        text = "\n\n".join(part for part in [
            notification.partnership_title, notification.title, notification.summary,
            _("Open in Partnering: %(link)s") % {"link": link}] if part)
        html = render_to_string("notifications/email.html", {
            "notification": notification, "link": link, "lang": language,
            "unsubscribe": unsubscribe_url(user.pk, notification.category),
            "settings_link": absolute(reverse("notification_settings"))})
        subject = f"[Partnering] {notification.title}"
        return message(user, subject, text, html, notification.category, connection)


def send_deliveries(delivery_ids: list[int]) -> dict:
    """Send the queued immediate e-mails among `delivery_ids`; one connection, a fixed
    number of queries (a failure costs one more, with its reason)."""
    deliveries = list(Delivery.objects.filter(
        pk__in=delivery_ids, status=Delivery.Status.QUEUED).select_related(
        "notification__recipient__notification_settings"))
    sent, failed = [], []
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the server is unreachable: all fail
        _failed(deliveries, error)
        return {"sent": 0, "failed": len(deliveries)}
    try:
        for delivery in deliveries:
            try:
                notification_message(delivery.notification, connection).send()
            except Exception as error:  # noqa: BLE001 - any failure is recorded, not raised
                failed.append(delivery)
                _failed([delivery], error)
            else:
                sent.append(delivery.pk)
    finally:
        connection.close()
    Delivery.objects.filter(pk__in=sent).update(status=Delivery.Status.SENT,
                                                sent_at=timezone.now(), attempts=F("attempts") + 1)
    return {"sent": len(sent), "failed": len(failed)}


def _failed(deliveries, error) -> None:
    """Recorded on the deliveries, with the reason; the hourly scan tries them again
    (retry_failed) until MAX_ATTEMPTS."""
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
        status=Delivery.Status.FAILED, reason=f"{type(error).__name__}: {error}"[:500],
        attempts=F("attempts") + 1)


MAX_ATTEMPTS = 3


def retry_failed() -> list[int]:
    """Immediate e-mails that failed fewer than MAX_ATTEMPTS times, queued again."""
    failed = Delivery.objects.filter(channel=Delivery.Channel.EMAIL, frequency="immediately",
                                     status=Delivery.Status.FAILED,
                                     attempts__lt=MAX_ATTEMPTS)
    ids = list(failed.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.QUEUED)
    return ids
