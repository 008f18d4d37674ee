"""Answers back down: the secretariat answers an item, the answer is delivered to every
origin along the path (a task: see delivery.py), and each origin says in one click whether
they feel heard. One function per user action, each in a transaction with its audit event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.guards import require
from partnering.jobs.queue import enqueue
from partnering.platforms import access
from partnering.platforms.loops import facts
from partnering.platforms.models import (
    Answer,
    AnswerDelivery,
    HeardResponse,
    Item,
    ItemOrigin,
    Submission,
)
from partnering.platforms.vocabulary import Channel, Feeling, Outcome
from partnering.translations.languages import active_language


def _clean_answer(outcome: str, reason: str, referred_to: str) -> dict:
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose an outcome.")
    if outcome == Outcome.NOT_ACCEPTED and not reason:
        errors["reason"] = _("Give the reason the input was not accepted.")
    if outcome == Outcome.OUTSIDE_SCOPE and not referred_to:
        errors["referred_to"] = _("Say where the input was referred.")
    return errors


def answerable(item: Item) -> bool:
    """An item is answered once, where it stands: not merged into another."""
    return item.parent_id is None and not Answer.objects.filter(item=item).exists()


@transaction.atomic
def answer_item(actor, item: Item, *, outcome: str, reason: str = "", referred_to: str = "",
                change_in_plan: str = "", language: str = "", deliver: bool = True) -> Answer:
    """The secretariat's answer to an item; its deliveries to every origin are queued
    (`deliver=False` leaves them waiting for `queue_deliveries`)."""
    platform = item.consultation.platform
    require(access.platform_access(actor, platform).can_manage,
            _("Only the platform's secretariat may answer items."))
    reason, referred_to = (reason or "").strip(), (referred_to or "").strip()[:300]
    errors = _clean_answer(outcome, reason, referred_to)
    if errors:
        raise ValidationError(errors)
    if not answerable(item):
        raise ValidationError(_("This item is answered already, or was merged into another."))
    answer = Answer.objects.create(
        item=item, consultation_id=item.consultation_id, forum_id=item.forum_id,
        level_id=item.level_id, outcome=outcome, reason=reason, referred_to=referred_to,
        change_in_plan=(change_in_plan or "").strip(), answered_by=actor,
        language=language or active_language(), answered_at=timezone.now())
    deliveries = _plan_deliveries(answer)
    facts.refresh(ItemOrigin.objects.filter(item_id=item.pk).values_list(
        "submission_id", flat=True))
    record(actor, "answer.given", answer,
           summary=f"{answer.get_outcome_display()}: {item.title[:200]} "
                   f"({len(deliveries)} origins)")
    if deliver:
        queue_deliveries(answer)
    return answer


def queue_deliveries(answer: Answer, *, inline: bool = False) -> None:
    """The job that delivers the answer to the origins it has not reached yet."""
    from partnering.platforms.loops.tasks import deliver_answer

    enqueue(deliver_answer, answer.pk, inline=inline)


def _plan_deliveries(answer: Answer) -> list[AnswerDelivery]:
    """One delivery per origin the item carries (merged ones included): through the ledger
    to whoever submitted with an account, through the forum to everyone else."""
    origins = Submission.objects.filter(
        pk__in=ItemOrigin.objects.filter(item_id=answer.item_id).values("submission_id")
    ).values_list("pk", "submitted_by_id", "forum_id")
    rows = [AnswerDelivery(answer=answer, submission_id=pk, forum_id=forum_id,
                           channel=Channel.LEDGER if user_id else Channel.FORUM)
            for pk, user_id, forum_id in origins]
    return AnswerDelivery.objects.bulk_create(rows, ignore_conflicts=True)


def _clean_heard(feeling: str, comment: str) -> str:
    if feeling not in Feeling.values:
        raise ValidationError({"feeling": _("Say yes, partly or no.")})
    return (comment or "").strip()[:5000]


def _answer_to(submission: Submission) -> Answer | None:
    """The answer that reached this submission (through its item, merged or not)."""
    return Answer.objects.filter(item__origins__submission=submission).select_related(
        "item").first()


def _save_heard(actor, submission, feeling, comment) -> HeardResponse:
    comment = _clean_heard(feeling, comment)
    answer = _answer_to(submission)
    if answer is None:
        raise ValidationError(_("Your input has no answer yet."))
    heard, _created = HeardResponse.objects.update_or_create(
        submission=submission, answer=answer,
        defaults={"feeling": feeling, "comment": comment, "at": timezone.now()})
    facts.refresh([submission.pk])
    record(actor, "heard.said", heard, summary=f"{heard.get_feeling_display()}")
    return heard


@transaction.atomic
def say_heard(actor, submission: Submission, *, feeling: str,
              comment: str = "") -> HeardResponse:
    """The origin, signed in, says whether they feel heard (again: the latest counts)."""
    require(actor.is_authenticated and submission.submitted_by_id == actor.pk,
            _("Only whoever made this submission may say whether they feel heard."))
    return _save_heard(actor, submission, feeling, comment)


@transaction.atomic
def say_heard_by_receipt(receipt: str, *, feeling: str, comment: str = "") -> HeardResponse:
    """The origin without an account says it through the receipt link of their input."""
    from partnering.platforms.consultations.services import submission_for_receipt

    submission = submission_for_receipt(receipt)
    if submission is None:
        raise ValidationError(_("This link is not valid."))
    return _save_heard(None, submission, feeling, comment)
