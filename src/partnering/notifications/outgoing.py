"""Mail to an address that may have no account (survey invitations and reminders), sent by a
job like a mail spool: queued in the request's transaction, sent after it commits. The body
holds a personal link, so it stays at rest only until it is sent (or superseded)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partnering.formats import local_date
from partnering.jobs.queue import enqueue
from partnering.notifications.models import Delivery, OutgoingMail

SENT_NOTE = "sent; the personal link is not kept"
SUPERSEDED = "superseded by a newer link"
MAX_ATTEMPTS = 3
UNSENT = [Delivery.Status.QUEUED, Delivery.Status.FAILED]


def queue_survey_mail(invitation, link: str, *, kind: str) -> OutgoingMail:
    """The invitation's mail with its personal `link`, queued; any unsent older mail of the
    invitation is superseded (its link no longer works). Sent once the transaction commits."""
    supersede(invitation)
    language = address_language(invitation.email)
    with translation.override(language):
        subject, text, html = _render(invitation, link, kind)
    mail = OutgoingMail.objects.create(to_email=invitation.email, kind=kind,
                                       invitation=invitation, language=language,
                                       subject=subject, text=text, html=html)
    transaction.on_commit(lambda: _send_later([mail.pk]))
    return mail


def address_language(email: str) -> str:
    """The language of the account with this address (its own setting, else its e-mails'),
    or the site's for an address with no account (a round has no language of its own)."""
    from django.contrib.auth import get_user_model

    from partnering.notifications.ledger import mail_language

    user = (get_user_model().objects.filter(email__iexact=email, is_active=True)
            .select_related("notification_settings").first())
    return mail_language(user) if user is not None else settings.LANGUAGE_CODE


def supersede(invitation) -> int:
    return OutgoingMail.objects.filter(invitation=invitation, status__in=UNSENT).update(
        status=Delivery.Status.SKIPPED, reason=SUPERSEDED, text="", html="")


def _render(invitation, link: str, kind: str) -> tuple[str, str, str]:
    from partnering.assessments.models import label

    round_ = invitation.round
    title = label(round_.instrument.title, translation.get_language())
    subject = (_("Reminder: %(title)s") if kind != OutgoingMail.Kind.INVITATION
               else _("Your view, please: %(title)s")) % {"title": round_.title}
    context = {"invitation": invitation, "round": round_, "instrument": title, "link": link,
               "closes": local_date(round_.closes_at, "long"),
               "min_group": settings.ASSESSMENT_MIN_GROUP, "lang": translation.get_language(),
               "replaces": kind != OutgoingMail.Kind.INVITATION}
    text = _text(context)
    html = render_to_string("notifications/survey_mail.html", context)
    return subject[:300], text, html


def _text(c: dict) -> str:
    """The plain part (autoescaped templates are for HTML only)."""
    lines = [
        _("Hello %(name)s,") % {"name": c["invitation"].name or ""}, "",
        _("You are invited to answer “%(instrument)s” about %(subject)s until %(closes)s.")
        % {"instrument": c["instrument"], "subject": c["round"].subject, "closes": c["closes"]},
        _("Your answers are anonymous: they are shown only as part of groups of at least "
          "%(n)s people and never next to your name.") % {"n": c["min_group"]}, "",
        _("Your personal link (do not share it): %(link)s") % {"link": c["link"]}]
    if c["replaces"]:
        lines.append(_("This link replaces any earlier one."))
    return "\n".join(lines) + "\n"


def _send_later(ids: list[int]) -> None:
    from partnering.notifications.tasks import send_outgoing

    enqueue(send_outgoing, ids)


def send(ids: list[int]) -> dict:
    """Send the queued mails among `ids` over one connection. On success the body is
    cleared; a failure is recorded with its reason and kept for retry_failed."""
    mails = list(OutgoingMail.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED))
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the server is unreachable: all fail
        for mail in mails:
            _failed(mail, error)
        return {"sent": 0, "failed": len(mails)}
    try:
        sent = sum(_send_one(mail, connection) for mail in mails)
    finally:
        connection.close()
    return {"sent": sent, "failed": len(mails) - sent}


def _send_one(mail: OutgoingMail, connection) -> bool:
    try:
        _message(mail, connection).send()
    except Exception as error:  # noqa: BLE001 - recorded on the mail, not raised
        _failed(mail, error)
        return False
    _record(mail, status=Delivery.Status.SENT, reason="", sent_at=timezone.now(), text="",
            html="", note=SENT_NOTE)
    return True


def _failed(mail: OutgoingMail, error: Exception) -> None:
    _record(mail, status=Delivery.Status.FAILED, reason=f"{type(error).__name__}: {error}"[:500])


def _message(mail: OutgoingMail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        mail.subject, mail.text, to=[mail.to_email], connection=connection,
        headers={"Content-Language": mail.language, "Auto-Submitted": "auto-generated"})
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def _record(mail: OutgoingMail, **fields) -> None:
    """Only if still queued: a mail superseded while it was being sent stays superseded."""
    OutgoingMail.objects.filter(pk=mail.pk, status=Delivery.Status.QUEUED).update(
        attempts=F("attempts") + 1, **fields)


def retry_failed() -> list[int]:
    """Failed mails (fewer than MAX_ATTEMPTS tries) queued again, for the hourly scan."""
    ids = list(OutgoingMail.objects.filter(status=Delivery.Status.FAILED,
                                           attempts__lt=MAX_ATTEMPTS).values_list("pk",
                                                                                  flat=True))
    OutgoingMail.objects.filter(pk__in=ids).update(status=Delivery.Status.QUEUED)
    return ids


def resend_failed() -> int:
    """The hourly scan's retry: failed mails queued again and a job to send them."""
    ids = retry_failed()
    if ids:
        _send_later(ids)
    return len(ids)


def with_mail_status(invitations):
    """Invitations annotated with the status and reason of their latest mail (one query)."""
    latest = OutgoingMail.objects.filter(invitation=OuterRef("pk")).order_by("-created", "-id")
    return invitations.annotate(mail_status=Subquery(latest.values("status")[:1]),
                                mail_reason=Subquery(latest.values("reason")[:1]))


def status_label(status: str | None) -> str:
    return str(Delivery.Status(status).label) if status else ""
