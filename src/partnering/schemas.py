"""Schemas and helpers shared by every app's API."""

import re
import types
import typing
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination
from ninja.pagination import paginate
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


_WHOLE = re.compile(r"[+-]?[0-9]+")


def _takes_int(annotation) -> bool:
    """An int field, optional or not (bool is an int to Python, not here)."""
    if annotation is int:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(arg is int for arg in typing.get_args(annotation))
    return False


class Filters(Schema):
    """A query string's parameters: a whole-number parameter takes digits only, so "12.0" or
    "1e3" answer 422 instead of passing as 12 (pydantic's lax parsing of strings)."""

    @model_validator(mode="before")
    @classmethod
    def _whole_numbers(cls, value: Any) -> Any:
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict):
            return value
        for name, field in cls.model_fields.items():
            given = raw.get(field.alias or name)
            if (isinstance(given, str) and _takes_int(field.annotation)
                    and not _WHOLE.fullmatch(given.strip())):
                raise PydanticCustomError(
                    "int_parsing", _("{name} must be a whole number, e.g. 12."),
                    {"name": field.alias or name})
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

    class Input(Filters, NinjaLimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def paginate_rows(row: type[BaseModel]) -> Callable:
    """`@paginate(LimitOffsetPagination)` for a list read as plain rows (rows.py) whose
    columns are typed as `row` declares: the answer, `{items, count}` as ninja documents it,
    is encoded straight from the rows, each cut to `row`'s fields, without pydantic
    validating and dumping again what the database's typed columns gave (a tenth of a
    50-item list's CPU). Items that are not dicts go through ninja's validation as before."""
    fields = tuple(row.model_fields)

    def decorate(view: Callable) -> Callable:
        paged = paginate(LimitOffsetPagination)(view)

        @wraps(paged)
        def answer(request, **kwargs):
            result = paged(request, **kwargs)
            items = result.get("items") if isinstance(result, dict) else None
            if not items or type(items[0]) is not dict:
                return result
            from partnering.api import api

            body = {"items": [{name: item[name] for name in fields} for item in items],
                    "count": result["count"]}
            return api.create_response(request, body, status=200)

        return answer

    return decorate
