"""Schemas and helpers shared by every app's API."""

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination
from ninja.schema import DjangoGetter
from pydantic import AliasChoices, BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError


class Error(Schema):
    detail: Any


class Payload(Schema):
    """A request body: a JSON object with only the fields documented; anything else (an
    unknown field, an array, a bare value) answers 422 naming what was wrong."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        # ninja's Schema reads attributes from any object: without this, [null, null] passes
        # as an empty PATCH. Ninja validates the raw body, then again through a DjangoGetter.
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict | BaseModel):
            raise PydanticCustomError("object_expected", _("Send a JSON object."))
        return value


def also(name: str, *older: str) -> AliasChoices:
    """An input field read by the name its answer uses, and by the older names clients may
    still send (documented under `name`)."""
    return AliasChoices(name, *older)


class Row(BaseModel):
    """An output schema read from plain dicts (see rows.py): pydantic validates dicts natively,
    while ninja's Schema wraps every attribute access, which tripled the cost of a list."""


# The error answers every endpoint may give, documented so conformance checks pass.
READ_ERRORS = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def download(media_type: str, description: str = "The file") -> dict:
    """`openapi_extra` for an operation that answers a file instead of JSON."""
    return {"responses": {200: {"description": description,
                                "content": {media_type: {"schema": {"type": "string",
                                                                    "format": "binary"}}}}}}


def require_user(request) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, _("Sign in, or send Authorization: Bearer <token>."))


# An offset no database column type can hold makes SQLite and PostgreSQL fail (a 500);
# no list here comes near this.
MAX_OFFSET = 1_000_000_000


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """`?limit=&offset=` (limit at most NINJA_PAGINATION_MAX_LIMIT), offset bounded."""

    class Input(NinjaLimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
