"""Telling raters they are asked to rate someone (needs their action) and the person that a
campaign closed with results, through the notifications ledger. The news is about a
person's private record, not a partnership, so it is written without one; each goes to one
person only: the rater named in the request (who knows they were asked), or the person
rated (who may always see their own record). Nothing in it says who answered or what."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnering.audit.signals import event_recorded, events_recorded
from partnering.jobs.queue import background_task

REQUESTED, CLOSED = "rating.requested", "rating.campaign_closed"


@receiver(event_recorded, dispatch_uid="capabilities.ratings")
def follow(sender, event, **kwargs):
    if event.action in (REQUESTED, CLOSED):
        from partnering.jobs.queue import enqueue

        transaction.on_commit(partial(enqueue, tell, event.pk))


@receiver(events_recorded, dispatch_uid="capabilities.ratings_bulk")
def follow_each(sender, events, **kwargs):
    """The events of a bulk write, each as it comes alone."""
    for event in events:
        follow(sender, event)


def _requested(event):
    from partnering.capabilities.ratings.models import RatingRequest
    from partnering.notifications.rules import News

    request = RatingRequest.objects.filter(pk=event.object_id).select_related(
        "subject", "rater", "campaign").first()
    if request is None or not request.rater.user_id or request.campaign is None:
        return None
    name, closes_on = request.subject.name, request.campaign.closes_on
    return News("rating_requested", {request.rater.user_id},
                lambda: _("%(name)s asks you to rate their partnering competencies")
                % {"name": name}, reverse("rating_answer", args=[request.pk]),
                summary=lambda: _("Your answer is kept without your name. The campaign "
                                  "closes on %(date)s.") % {"date": closes_on.isoformat()})


def _closed(event):
    from partnering.capabilities.ratings.models import RatingCampaign
    from partnering.capabilities.ratings.services import campaign_results
    from partnering.notifications.rules import News

    campaign = RatingCampaign.objects.filter(pk=event.object_id).select_related(
        "subject").first()
    if campaign is None or not campaign.subject.user_id:
        return None
    results = campaign_results(campaign)
    if not results["shown"]:
        return None
    count = results["answered"]
    return News("ratings_ready", {campaign.subject.user_id},
                lambda: _("The ratings of your competencies are ready"),
                reverse("capability_profile", args=[campaign.subject_id]) + "#profile",
                summary=lambda: _("%(n)s people answered.") % {"n": count})


def news_of(event):
    """The News of a rating event (None when there is nobody to tell)."""
    return _requested(event) if event.action == REQUESTED else _closed(event)


@background_task(label=gettext_lazy("Tell raters and the person rated"), attempts=3,
                 backoff=30)
def tell(event_id: int) -> dict:
    from partnering.audit.models import AuditEvent
    from partnering.notifications import ledger
    from partnering.notifications.tasks import send_emails

    event = AuditEvent.objects.filter(pk=event_id).first()
    news = news_of(event) if event else None
    if news is None:
        return {"notified": 0}
    # The person closing their own campaign is told too: the results are news to them.
    emails = ledger.write(news, f"event:{event.pk}", partnership_id=None, event=event,
                          actor_id=None if event.action == CLOSED else event.actor_id)
    if emails:
        from partnering.jobs.queue import enqueue

        enqueue(send_emails, emails)
    return {"emails": len(emails)}


@background_task(label=gettext_lazy("Close rating campaigns past their date"), attempts=3,
                 backoff=60)
def close_due_campaigns() -> dict:
    from partnering.capabilities.ratings.services import close_due

    return {"closed": close_due()}
