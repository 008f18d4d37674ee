"""Answering a round through a personal link: the invitation a token opens, the response
it continues, and saving answers (part-way, or submitted). Answers are not written to the
audit trail: the trail names its actor and time, which would tie a respondent to a
response."""

import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.assessments import aggregates
from partnering.assessments.models import (
    Answer,
    Invitation,
    QuestionKind,
    Response,
    token_hash,
)
from partnering.limits import MAX_TEXT

MAX_ANSWERS = 500


def invitation_for(token: str) -> Invitation:
    if not isinstance(token, str) or not (20 <= len(token) <= 100):
        raise Http404
    invitation = (Invitation.objects.select_related("round__instrument", "group",
                                                    "round__partnership",
                                                    "round__organisation")
                  .filter(token_hash=token_hash(token)).first())
    if invitation is None:
        raise Http404
    return invitation


def response_for(invitation: Invitation, token: str) -> Response | None:
    if invitation.submitted:
        return Response.objects.filter(key_hash=token_hash(token, "response")).first()
    return Response.objects.filter(invitation=invitation).first()


def _is_number(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float)


def _likert(question, raw: dict, where: str, out: dict) -> None:
    if raw.get("dont_know"):
        out["dont_know"] = True
        return
    value = raw.get("value")
    if not _is_number(value) or value not in (1, 2, 3, 4, 5):
        raise ValidationError({where: _("Answer 1 to 5, or “don't know”.")})
    out["value"] = float(value)
    if question.dimension_id:
        out["score"] = float(6 - value if question.reverse_scored else value)


def _number(question, raw: dict, where: str, out: dict) -> None:
    value = raw.get("value")
    if not _is_number(value) or not math.isfinite(value):
        raise ValidationError({where: _("Give a number.")})
    if (question.min_value is not None and value < question.min_value) or (
            question.max_value is not None and value > question.max_value):
        raise ValidationError({where: _("Give a number from %(low)s to %(high)s.") % {
            "low": _bound(question.min_value, "−∞"), "high": _bound(question.max_value, "∞")}})
    out["value"] = float(value)


def _bound(value, otherwise: str) -> str:
    return otherwise if value is None else f"{value:g}"


def _choices(question, raw: dict, where: str, out: dict) -> None:
    choices = raw.get("choices")
    if isinstance(choices, str):
        choices = [choices]
    allowed = question.choice_values()
    if (not isinstance(choices, list) or not choices
            or any(not isinstance(c, str) or c not in allowed for c in choices)
            or len(set(choices)) != len(choices)
            or (question.kind == QuestionKind.SINGLE and len(choices) != 1)):
        message = (_("Choose one of: %(choices)s.") if question.kind == QuestionKind.SINGLE
                   else _("Choose any of: %(choices)s."))
        raise ValidationError({where: message % {"choices": ", ".join(allowed)}})
    out["choices"] = choices


def _text(question, raw: dict, where: str, out: dict) -> None:
    text = raw.get("text")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise ValidationError(
            {where: _("Write at most %(limit)s characters.") % {"limit": MAX_TEXT}})
    out["text"] = text.strip()


CLEANERS = {QuestionKind.LIKERT: _likert, QuestionKind.NUMBER: _number,
            QuestionKind.SINGLE: _choices, QuestionKind.MULTIPLE: _choices}


def _clean_answer(question, raw: dict) -> dict:
    """The stored fields of one answer, or a ValidationError naming the question."""
    out = {"value": None, "score": None, "dont_know": False, "choices": [], "text": ""}
    CLEANERS.get(question.kind, _text)(question, raw, f"answers.{question.code}", out)
    return out


def _shown(question, answers_by_code: dict) -> bool:
    rule = question.show_if or {}
    if not rule:
        return True
    earlier = answers_by_code.get(rule.get("question"))
    if earlier is None:
        return False
    given = earlier["choices"] or ([f"{earlier['value']:g}"] if earlier["value"] is not None
                                   else [])
    return any(str(v) in [str(x) for x in rule.get("in", [])] for v in given)


def _require_open(round_) -> None:
    now = timezone.now()
    if now < round_.opens_at:
        raise ValidationError({"round": _("The round has not opened yet.")})
    if now >= round_.closes_at:
        raise ValidationError({"round": _("The round has closed; answers can no longer change.")})


def _cleaned(questions: dict, answers) -> dict:
    """{question code: stored fields} of the answers sent, or a ValidationError."""
    if not isinstance(answers, list) or len(answers) > MAX_ANSWERS:
        raise ValidationError({"answers": _("Send a list of answers.")})
    cleaned = {}
    for raw in answers:
        code = raw.get("question") if isinstance(raw, dict) else None
        if code not in questions:
            raise ValidationError({"answers": _(
                "There is no question “%(code)s” in this instrument.") % {"code": str(code)[:60]}})
        if code in cleaned:
            raise ValidationError(
                {"answers": _("Question “%(code)s” is answered twice.") % {"code": code}})
        cleaned[code] = _clean_answer(questions[code], raw)
    return cleaned


def _submit(response: Response, invitation: Invitation, token: str, questions: dict,
            hidden: list, merged: dict) -> None:
    """Count the response, once every shown required question is answered; from now on
    only the response's own key (not the invitation) opens it."""
    missing = [q.code for q in questions.values()
               if q.required and q.pk not in hidden and q.code not in merged]
    if missing:
        raise ValidationError(
            {"answers": _("Please answer: %(questions)s.") % {"questions": ", ".join(missing)}})
    if response.submitted:
        return
    response.submitted = True
    response.invitation = None
    response.key_hash = token_hash(token, "response")
    invitation.submitted = True
    invitation.save(update_fields=["submitted"])
    response.answers.update(counted=True)


STORED = ("value", "score", "dont_know", "choices", "text", "round", "group", "dimension",
          "counted")


def _store(response: Response, round_, questions: dict, cleaned: dict, counted: bool) -> None:
    """Insert or update the answers sent, in one statement (one answer per question)."""
    Answer.objects.bulk_create([
        Answer(response=response, question=questions[code], round=round_,
               group_id=response.group_id, dimension_id=questions[code].dimension_id,
               counted=counted, **data) for code, data in cleaned.items()],
        update_conflicts=True, unique_fields=["response", "question"], update_fields=STORED)


@transaction.atomic
def save_answers(token: str, answers: list, *, submit: bool = False,
                 language: str = "en") -> Response:
    """Save some or all answers (part-way is fine); `submit` counts the response. Editable
    until the round closes. Any bad answer refuses the whole request: nothing is changed."""
    invitation = invitation_for(token)
    round_ = invitation.round
    _require_open(round_)
    questions = {q.code: q for q in round_.instrument.questions.all()}
    cleaned = _cleaned(questions, answers)
    Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    response = response_for(invitation, token) or Response.objects.create(
        round=round_, group=invitation.group, invitation=invitation, language=language[:10])
    existing = {a.question.code: a for a in response.answers.select_related("question")}
    merged = {code: {"value": a.value, "choices": a.choices} for code, a in existing.items()}
    merged.update(cleaned)
    before = aggregates.response_totals(response) if response.submitted else {}
    _store(response, round_, questions, cleaned, counted=response.submitted or submit)
    # Skip logic: answers to questions that are no longer shown are dropped.
    hidden = [q.pk for q in questions.values() if not _shown(q, merged)]
    response.answers.filter(question_id__in=hidden).delete()
    if submit:
        _submit(response, invitation, token, questions, hidden, merged)
    response.language = language[:10] or "en"
    response.save()
    if response.submitted:
        aggregates.record_change(response, before, aggregates.response_totals(response))
    return response
