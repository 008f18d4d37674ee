"""Realistic inboxes for the demo personas, from the demo's own history: every audit event a
rule knows becomes the notifications it would have caused (dated when it happened), the scan
adds what falls due today, news older than a week is read (and out of the digests), and
the daily digests of the last week wait for their hour
(`partnering send-digests --dry-run` shows them). Nothing is mailed while loading: immediate
e-mails are marked skipped. Idempotent (the ledger's causes are unique): the fan-out jobs the
loader's own events queued find nothing left to do.

Call it at the end of the demo loader, after its transaction: `load(accounts)`."""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from partnering.audit.models import AuditEvent
from partnering.notifications import ledger, scan
from partnering.notifications.models import Delivery, Notification
from partnering.notifications.rules import RULES

READ_AFTER = timedelta(days=7)


def load(accounts=None) -> dict[str, int]:
    """Fill the ledger; returns the number of notifications of each persona (by username)
    among `accounts` (demo Account rows, or every user without)."""
    for event in AuditEvent.objects.filter(action__in=RULES).order_by("created", "id"):
        news = RULES[event.action](event)
        if news is not None:
            ledger.write(news, f"event:{event.pk}", partnership_id=event.partnership_id,
                         event=event, actor_id=event.actor_id)
    _backdate()
    now = timezone.now()
    for finder in (scan.closing_proposals, scan.due_actions, scan.due_values,
                   scan.due_reports):
        for news, cause, partnership_id in finder(now, now.date()):
            ledger.write(news, cause, partnership_id=partnership_id)
    Delivery.objects.filter(channel=Delivery.Channel.EMAIL, status=Delivery.Status.QUEUED,
                            frequency="immediately").update(
        status=Delivery.Status.SKIPPED, reason="demo data: not mailed")
    Delivery.objects.filter(channel=Delivery.Channel.EMAIL, status=Delivery.Status.QUEUED,
                            notification__created__lt=now - READ_AFTER).update(
        status=Delivery.Status.SKIPPED, reason="demo data: older than the digest")
    Notification.objects.filter(read_at__isnull=True, created__lt=now - READ_AFTER).update(
        read_at=now - READ_AFTER)
    return _counts(accounts)


def _backdate() -> None:
    """A notification is dated when its event happened, not when the demo loaded."""
    Notification.objects.filter(event__isnull=False).update(created=Subquery(
        AuditEvent.objects.filter(pk=OuterRef("event_id")).values("created")[:1]))


def _counts(accounts) -> dict[str, int]:
    rows = Notification.objects.all()
    if accounts is not None:
        rows = rows.filter(recipient__username__in=[a.username for a in accounts])
    counts = {}
    for username in rows.values_list("recipient__username", flat=True):
        counts[username] = counts.get(username, 0) + 1
    return counts
