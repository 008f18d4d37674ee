"""/api/v1/responses/{token}: the anonymous form, opened by a personal link (no sign-in)."""

from typing import Any

from ninja import Field, Query
from ninja.errors import HttpError

from partnering.assessments import ratelimit, services
from partnering.assessments.api.base import LANG_PATTERN, TOKEN_ERRORS, router
from partnering.assessments.api.instruments import form_of
from partnering.schemas import (
    READ_ERRORS,
    Error,
    Payload,
)


def _limited(request, token: str) -> None:
    try:
        ratelimit.check(request, token)
    except ratelimit.RateLimited as error:
        raise HttpError(429, str(error)) from error


def answers_of(response) -> list[dict]:
    if response is None:
        return []
    return [{"question": a.question.code, "value": a.value, "dont_know": a.dont_know,
             "choices": a.choices, "text": a.text}
            for a in response.answers.select_related("question")]


@router.get("/responses/{token}", auth=None, response={200: dict[str, Any], 429: Error,
                                                      **READ_ERRORS})
def get_form(request, token: str, lang: str = Query("en", pattern=LANG_PATTERN)):
    """The form and the answers given so far, for the holder of a personal link."""
    _limited(request, token)
    invitation = services.invitation_for(token)
    round_ = invitation.round
    response = services.response_for(invitation, token)
    return {"round": {"title": round_.title, "about": str(round_.subject),
                      "opens_at": round_.opens_at, "closes_at": round_.closes_at,
                      "is_open": round_.is_open},
            "group": invitation.group.name, "submitted": bool(response and response.submitted),
            "form": form_of(round_.instrument, lang), "answers": answers_of(response)}


class AnswerIn(Payload):
    question: str = Field(..., max_length=60)
    value: float | None = None
    dont_know: bool = False
    choices: list[str] = Field(default_factory=list, max_length=50)
    text: str = Field("", max_length=10000)


class AnswersIn(Payload):
    answers: list[AnswerIn] = Field(default_factory=list, max_length=500)
    submit: bool = False
    language: str = Field("en", pattern=LANG_PATTERN)


@router.put("/responses/{token}", auth=None, response={200: dict[str, Any], **TOKEN_ERRORS})
def put_answers(request, token: str, payload: AnswersIn):
    """Save answers part-way (`submit: false`) or submit them; editable until the round
    closes. Any bad answer refuses the request and changes nothing."""
    _limited(request, token)
    raw = [a.model_dump() for a in payload.answers]
    for item in raw:
        if item["value"] is not None and float(item["value"]).is_integer():
            item["value"] = int(item["value"])
    response = services.save_answers(token, raw, submit=payload.submit,
                                     language=payload.language)
    return {"submitted": response.submitted, "answers": answers_of(response)}
