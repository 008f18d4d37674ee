"""Shared set-up for the assessments tests: rounds filled through the services."""

from datetime import timedelta

from django.utils import timezone

from partnering.assessments import services
from partnering.assessments.models import Instrument


def health_check():
    return Instrument.objects.get(key="partnership-health-check")


def fit():
    return Instrument.objects.get(key="fit-for-partnering")


def open_round(actor, *, partnership=None, organisation=None, instrument=None, days=14,
               title="Annual health check 2026"):
    now = timezone.now()
    instrument = instrument or (health_check() if partnership else fit())
    return services.create_round(actor, instrument, title=title,
                                 opens_at=now - timedelta(days=1),
                                 closes_at=now + timedelta(days=days),
                                 partnership=partnership, organisation=organisation)


def answer(actor, round_, group, scores: dict, *, count: int, submit=True, start=0,
           text: str = ""):
    """`count` people of `group` answer the Likert items with `scores` ({code: value})."""
    tokens = []
    for n in range(start, start + count):
        _, token = services.invite(actor, round_, group=group,
                                   email=f"{group.pk}-{n}@example.org", send=False)
        answers = [{"question": code, "value": value} for code, value in scores.items()]
        if text:
            answers.append({"question": "say_trust", "text": f"{text} {n}"})
        services.save_answers(token, answers, submit=submit)
        tokens.append(token)
    return tokens


def close(round_):
    """Close the round now (its results appear once it has closed)."""
    from partnering.assessments.models import Round

    round_.closes_at = timezone.now() - timedelta(seconds=1)
    Round.objects.filter(pk=round_.pk).update(closes_at=round_.closes_at)
    return round_
