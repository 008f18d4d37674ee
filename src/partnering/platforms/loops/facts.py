"""Keeping the loop facts (models.LoopFact) up to date: `refresh(submission_ids)` rewrites
the facts of those origins from the records (the services call it after they submit,
merge, answer, deliver or record "heard"); `rebuild(consultation)` rewrites a whole
consultation's (or, without one, every) fact in batches, for existing data and for bulk
loads. Both go through `_facts`, so rebuilt facts equal maintained ones.

An origin is a submission on an item that is not merged into another (its own, or the
merged item that carries it now). Its row joins that item's answer, the submission's
deliveries and its heard response, as the metrics always counted them; the answer's first
origin (lowest submission id) also says whether any delivery of the answer is still to be
sent, so `refresh` rewrites every origin of the items it touches."""

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery

from partnering.platforms.models import (
    AnswerDelivery,
    Consultation,
    ItemOrigin,
    LoopFact,
    Submission,
)

BATCH = 5_000
SOURCE = {
    "submission_id": "submission_id", "consultation_id": "item__consultation_id",
    "forum_id": "submission__forum_id", "level_id": "submission__level_id",
    "sector": "submission__sector", "language": "submission__language",
    "submitted_at": "submission__created_at", "item_id": "item_id",
    "answer_id": "item__answer__id", "answered_at": "item__answer__answered_at",
    "outcome": "item__answer__outcome", "delivery_id": "submission__deliveries__id",
    "delivered_at": "submission__deliveries__delivered_at",
    "feeling": "submission__heard__feeling", "first_origin": "first_origin",
    "pending": "pending",
}


def _fact(row: dict) -> LoopFact:
    answered, submitted = row["answered_at"], row["submitted_at"]
    days = None if answered is None else (answered - submitted).total_seconds() / 86400
    delivery = row.pop("delivery_id") is not None
    first_origin, pending = row.pop("first_origin"), row.pop("pending")
    first = row["answer_id"] is not None and first_origin == row["submission_id"]
    row["outcome"], row["feeling"] = row["outcome"] or "", row["feeling"] or ""
    return LoopFact(**row, days_to_answer=days, delivery=delivery, answer_first=first,
                    answer_pending=first and pending)


def _facts(origins) -> list[LoopFact]:
    rows = origins.filter(item__parent__isnull=True).annotate(
        first_origin=Subquery(ItemOrigin.objects.filter(item_id=OuterRef("item_id")).order_by(
            "submission_id").values("submission_id")[:1]),
        pending=Exists(AnswerDelivery.objects.filter(answer__item_id=OuterRef("item_id"),
                                                     delivered_at__isnull=True)),
    ).values_list(*SOURCE.values())
    return [_fact(dict(zip(SOURCE, row, strict=True))) for row in rows.order_by()]


@transaction.atomic
def refresh(submission_ids) -> int:
    """Rewrite the facts of these submissions and of the other origins of the items that
    carry them now; returns how many rows those origins have now."""
    ids = sorted(set(submission_ids))
    items = ItemOrigin.objects.filter(submission_id__in=ids, item__parent__isnull=True)
    touched = Q(submission_id__in=ids) | Q(item_id__in=items.values("item_id"))
    LoopFact.objects.filter(touched).delete()
    facts = _facts(ItemOrigin.objects.filter(touched))
    LoopFact.objects.bulk_create(facts, batch_size=BATCH)
    _moved(Consultation.objects.filter(
        pk__in=Submission.objects.filter(pk__in=ids).values("consultation_id")))
    return len(facts)


def _moved(consultations) -> None:
    """The kept loop metrics of these consultations are out of date (loops/kept.py): once
    the change is committed, the job worker counts them again, so that the next readers
    get them kept instead of waiting for the count."""
    consultations.update(loop_version=F("loop_version") + 1)
    transaction.on_commit(lambda: _count_again(consultations))


def _count_again(consultations) -> None:
    from partnering.jobs.queue import enqueue
    from partnering.platforms.loops.tasks import count_loop_metrics

    for consultation_id in consultations.values_list("pk", flat=True):
        enqueue(count_loop_metrics, consultation_id)


@transaction.atomic
def rebuild(consultation=None) -> int:
    """Rewrite every fact of a consultation (of all of them without one) from scratch."""
    submissions = Submission.objects.order_by("pk")
    existing = LoopFact.objects.all()
    if consultation is not None:
        submissions = submissions.filter(consultation=consultation)
        existing = existing.filter(consultation=consultation)
    existing.delete()
    ids, written = list(submissions.values_list("pk", flat=True)), 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        facts = _facts(ItemOrigin.objects.filter(submission_id__in=chunk))
        written += len(LoopFact.objects.bulk_create(facts, batch_size=BATCH))
    _moved(Consultation.objects.filter(pk=consultation.pk) if consultation is not None
           else Consultation.objects.all())
    return written
