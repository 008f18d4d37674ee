"""Delivering an answer back down: to every origin along the path. People with an account
hear of it in their notifications (if they may still see the forum the input came from);
people without one read it on their forum's "answers to your input" page and through their
receipt link. Each origin's delivery is stamped when it is sent."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from partnering.audit.services import record
from partnering.platforms import access
from partnering.platforms.loops import facts
from partnering.platforms.models import Answer, Forum, Item, ItemStep
from partnering.platforms.vocabulary import Channel


def item_family(item_id: int) -> set[int]:
    """The item and every item merged into it, at any depth."""
    family, frontier = {item_id}, {item_id}
    while frontier:
        frontier = set(Item.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= family
        family |= frontier
    return family


def path_forum_ids(item_id: int) -> set[int]:
    """Every forum the item (or an item merged into it) passed through."""
    return set(ItemStep.objects.filter(item_id__in=item_family(item_id)).values_list(
        "forum_id", flat=True))


def _who_may_see(pairs) -> set[int]:
    """The users of (user id, forum id) pairs who may see that forum."""
    users = {u.pk: u for u in get_user_model().objects.filter(
        pk__in={u for u, _f in pairs}, is_active=True)}
    allowed = set()
    for user_id, forum_id in pairs:
        user = users.get(user_id)
        if user and access.visible_forums(user).filter(pk=forum_id).exists():
            allowed.add(user_id)
    return allowed


def _facilitators(forum_ids) -> set[tuple[int, int]]:
    """(user, forum) of the chairs of the forums on the path: the forums hear it too."""
    return {(user_id, pk) for pk, user_id in Forum.objects.filter(
        pk__in=forum_ids, chair__user__isnull=False).values_list("pk", "chair__user_id")}


def _news(answer: Answer, recipients: set[int]):
    from partnering.notifications.rules import News

    title = answer.item.title

    def words():
        return gettext("Your input was answered: %(title)s") % {"title": title[:200]}

    def summary():
        return str(answer.get_outcome_display())
    return News(category="answer_given", recipients=recipients, title=words, summary=summary,
                url=reverse("answer", args=[answer.pk]))


def deliver(answer_id: int) -> dict:
    """Send the answer to the origins it has not reached yet; returns how many."""
    from partnering.jobs.queue import enqueue
    from partnering.notifications import ledger
    from partnering.notifications.tasks import send_emails

    answer = Answer.objects.select_related("item").filter(pk=answer_id).first()
    if answer is None:
        return {"delivered": 0}
    pending = list(answer.deliveries.filter(delivered_at__isnull=True).select_related(
        "submission"))
    if not pending:
        return {"delivered": 0}
    pairs = {(d.submission.submitted_by_id, d.submission.forum_id) for d in pending
             if d.channel == Channel.LEDGER and d.submission.submitted_by_id}
    pairs |= _facilitators(path_forum_ids(answer.item_id))
    recipients = _who_may_see(pairs)
    emails = ledger.write(_news(answer, recipients), f"answer:{answer.pk}",
                          partnership_id=None) if recipients else []
    if emails:
        enqueue(send_emails, emails)
    answer.deliveries.filter(pk__in=[d.pk for d in pending]).update(
        delivered_at=timezone.now())
    facts.refresh([d.submission_id for d in pending])
    record(None, "answer.delivered", answer,
           summary=f"{len(pending)} origins, {len(recipients)} notified")
    return {"delivered": len(pending), "notified": len(recipients)}
