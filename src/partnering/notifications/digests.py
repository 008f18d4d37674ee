"""Daily and weekly digests: at each person's hour in their time zone, the e-mails they chose
to receive together, grouped by partnership, newest first, with "Needs your action" at the
top. One Digest row per person and period (unique), so a period never gets two."""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db.models import F, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnering.links import absolute
from partnering.notifications import mail, tokens
from partnering.notifications.categories import DAILY, WEEKLY
from partnering.notifications.ledger import mail_language, settings_of
from partnering.notifications.models import Delivery, Digest, Notification

SENT, FAILED = Delivery.Status.SENT, Delivery.Status.FAILED


@dataclass
class Due:
    user: object
    period: str
    key: str
    count: int = 0


def pending():
    return Delivery.objects.filter(channel=Delivery.Channel.EMAIL,
                                   status=Delivery.Status.QUEUED,
                                   frequency__in=[DAILY, WEEKLY])


def due_now(now) -> list[Due]:
    """Who gets which digest now: people with something waiting, past their hour today
    (weekly: on Mondays), without a digest for this period yet."""
    waiting = defaultdict(int)
    for user_id, frequency in pending().values_list("notification__recipient_id", "frequency"):
        waiting[user_id, frequency] += 1
    users = get_user_model().objects.filter(
        pk__in={user_id for user_id, _f in waiting}).select_related("notification_settings")
    due = []
    for user in users:
        for period, key in _periods(settings_of(user), now):
            if waiting[user.pk, period]:
                due.append(Due(user, period, key, waiting[user.pk, period]))
    done = set(Digest.objects.filter(user__in=[d.user for d in due],
                                     period_key__in={d.key for d in due}).values_list(
        "user_id", "period", "period_key"))
    return [d for d in due if (d.user.pk, d.period, d.key) not in done]


def _periods(settings, now) -> list[tuple[str, str]]:
    try:
        zone = zoneinfo.ZoneInfo(settings.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    local = now.astimezone(zone)
    if local.hour < settings.digest_hour:
        return []
    periods = [(DAILY, local.date().isoformat())]
    if local.weekday() == 0:
        year, week, _day = local.isocalendar()
        periods.append((WEEKLY, f"{year}-W{week:02d}"))
    return periods


def run(now=None, *, dry_run: bool = False) -> dict:
    now = now or timezone.now()
    due = due_now(now)
    if dry_run:
        return {"due": due, "previews": previews(due)}
    Digest.objects.bulk_create([Digest(user=d.user, period=d.period, period_key=d.key)
                                for d in due], ignore_conflicts=True)
    digests = {(row.user_id, row.period): row for row in Digest.objects.filter(
        user__in=[d.user for d in due], period_key__in={d.key for d in due},
        status=Delivery.Status.QUEUED)}
    items = defaultdict(list)
    for delivery in pending().filter(notification__recipient__in=[d.user for d in due]
                                     ).select_related("notification"):
        items[delivery.notification.recipient_id, delivery.frequency].append(delivery)
    sent = _send_all(due, digests, items, now)
    return {"digests": len(digests), "sent": sent}


def previews(due) -> list[str]:
    """The text of each digest that would go out, as its recipient would read it."""
    items = defaultdict(list)
    for delivery in pending().filter(notification__recipient__in=[d.user for d in due]
                                     ).select_related("notification"):
        items[delivery.notification.recipient_id, delivery.frequency].append(
            delivery.notification)
    texts = []
    for entry in due:
        email = message(entry.user, entry.period, items[entry.user.pk, entry.period])
        texts.append(f"Subject: {email.subject}\n\n{email.body}")
    return texts


def _send_all(due, digests, items, now) -> int:
    """Send each digest on one connection; a failed one keeps its deliveries queued. The
    bookkeeping of what was sent takes a fixed number of queries, whatever the number of
    people (a batch of UPDATEs per SENT_BATCH deliveries)."""
    sent = defaultdict(list)  # number of items → digests
    delivered = []
    with get_connection() as connection:
        for entry in due:
            digest = digests.get((entry.user.pk, entry.period))
            deliveries = items[entry.user.pk, entry.period]
            if digest is None or not deliveries:
                continue
            try:
                message(entry.user, entry.period, [d.notification for d in deliveries],
                        connection).send()
            except Exception as error:  # noqa: BLE001 - recorded on the digest
                Digest.objects.filter(pk=digest.pk).update(
                    status=FAILED, reason=str(error)[:500], items=len(deliveries))
                continue
            sent[len(deliveries)].append(digest.pk)
            delivered += [d.pk for d in deliveries]
    _mark_sent(delivered, {entry.key for entry in due}, now)
    for count, pks in sent.items():
        Digest.objects.filter(pk__in=pks).update(status=SENT, items=count)
    return sum(len(pks) for pks in sent.values())


SENT_BATCH = 5000


def _mark_sent(delivery_ids: list[int], period_keys: set[str], now) -> None:
    """Each delivered item: sent now, linked to the digest that carried it (the one digest
    of its recipient, period and this run's period key: unique, and indexed), in one UPDATE
    per batch."""
    recipient = Notification.objects.filter(
        pk=OuterRef(OuterRef("notification_id"))).values("recipient_id")[:1]
    carried_by = Digest.objects.filter(
        user_id=Subquery(recipient), period=OuterRef("frequency"),
        period_key__in=sorted(period_keys)).values("pk")[:1]
    for start in range(0, len(delivery_ids), SENT_BATCH):
        Delivery.objects.filter(pk__in=delivery_ids[start:start + SENT_BATCH]).update(
            status=SENT, sent_at=now, digest=Subquery(carried_by),
            attempts=F("attempts") + 1)


def grouped(notifications) -> dict:
    """"Needs your action" first, then by partnership; newest first in each group."""
    ordered = sorted(notifications, key=lambda n: n.created, reverse=True)
    action = [n for n in ordered if n.needs_action]
    by_partnership = defaultdict(list)
    for n in ordered:
        if not n.needs_action:
            by_partnership[n.partnership_title or _("The platform")].append(n)
    return {"action": action, "partnerships": dict(by_partnership)}


def message(user, period: str, notifications, connection=None):
    language = mail_language(user)
    with translation.override(language):
        groups = grouped(notifications)
        count = len(notifications)
        subject = (ngettext("Your daily digest: %(n)s update", "Your daily digest: %(n)s "
                            "updates", count) if period == DAILY else
                   ngettext("Your weekly digest: %(n)s update", "Your weekly digest: %(n)s "
                            "updates", count)) % {"n": count}
        context = {"groups": groups, "lang": language, "subject": subject,
                   "link": lambda n: absolute(n.url or reverse("notifications")),
                   "inbox": absolute(reverse("notifications")),
                   "settings_link": absolute(reverse("notification_settings")),
                   "unsubscribe": mail.unsubscribe_url(user.pk, tokens.DIGEST)}
        html = render_to_string("notifications/digest.html", context)
        return mail.message(user, f"[Partnering] {subject}", _text(groups, context), html,
                            tokens.DIGEST, connection)


def _text(groups, context) -> str:
    lines = []
    if groups["action"]:
        lines += [_("Needs your action"), ""]
        lines += [f"- {n.title}\n  {context['link'](n)}" for n in groups["action"]]
        lines.append("")
    for title, notifications in groups["partnerships"].items():
        lines += [title, ""]
        lines += [f"- {n.title}\n  {context['link'](n)}" for n in notifications]
        lines.append("")
    lines.append(_("All notifications: %(link)s") % {"link": context["inbox"]})
    return "\n".join(lines)
