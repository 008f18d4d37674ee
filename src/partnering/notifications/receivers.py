"""Following the platform through its typed audit events: an event a rule knows about
queues a fan-out job once the writing transaction commits (nothing is sent on a request)."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from partnering.audit.signals import event_recorded, events_recorded
from partnering.notifications.rules import RULES


@receiver(event_recorded, dispatch_uid="notifications.fan_out")
def follow(sender, event, **kwargs):
    if event.action in RULES:
        from partnering.jobs.queue import enqueue
        from partnering.notifications.tasks import fan_out

        transaction.on_commit(partial(enqueue, fan_out, event.pk))


@receiver(events_recorded, dispatch_uid="notifications.fan_out_bulk")
def follow_each(sender, events, **kwargs):
    """The events of a bulk write, each as it comes alone."""
    for event in events:
        follow(sender, event)
