"""Telling the broker that their assignment ended, through the notifications ledger. The
ledger's own rules (notifications.rules) send news only to those who may see the
partnership, which the broker no longer may once their seat is gone: the news is about
their own assignment, so it is written without a partnership (the broker always sees their
own roster page) and names the partnership in its words."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnering.audit.signals import event_recorded, events_recorded
from partnering.jobs.queue import background_task

ENDED = "broker.assignment_ended"


@receiver(event_recorded, dispatch_uid="brokers.assignment_ended")
def follow(sender, event, **kwargs):
    if event.action == ENDED:
        from partnering.jobs.queue import enqueue

        transaction.on_commit(partial(enqueue, tell_broker, event.pk))


@receiver(events_recorded, dispatch_uid="brokers.assignment_ended_bulk")
def follow_each(sender, events, **kwargs):
    """The events of a bulk write, each as it comes alone."""
    for event in events:
        follow(sender, event)


def news_of(event):
    """The News for the broker of the ended assignment (None when there is nobody to tell)."""
    from partnering.brokers.assignments.models import Assignment
    from partnering.notifications.rules import News

    assignment = Assignment.objects.filter(pk=event.object_id).select_related(
        "broker__person", "partnership").first()
    if assignment is None or not assignment.broker.person.user_id:
        return None
    title = assignment.partnership.title
    return News("added", {assignment.broker.person.user_id},
                lambda: _("Your assignment as broker of %(title)s has ended") % {"title": title},
                reverse("broker_profile", args=[assignment.broker_id]),
                summary=lambda: _("The partners are asked, anonymously, to rate your "
                                  "fairness and support."))


@background_task(label=gettext_lazy("Tell a broker their assignment ended"), attempts=3,
                 backoff=30)
def tell_broker(event_id: int) -> dict:
    from partnering.audit.models import AuditEvent
    from partnering.notifications import ledger
    from partnering.notifications.tasks import send_emails

    event = AuditEvent.objects.filter(pk=event_id).first()
    news = news_of(event) if event else None
    if news is None:
        return {"notified": 0}
    emails = ledger.write(news, f"event:{event.pk}", partnership_id=None, event=event,
                          actor_id=event.actor_id)
    if emails:
        from partnering.jobs.queue import enqueue

        enqueue(send_emails, emails)
    return {"emails": len(emails)}
