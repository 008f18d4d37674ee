"""Schemas and helpers shared by every app's API."""

from typing import Any

from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination
from pydantic import BaseModel


class Error(Schema):
    detail: Any


class Row(BaseModel):
    """An output schema read from plain dicts (see rows.py): pydantic validates dicts natively,
    while ninja's Schema wraps every attribute access, which tripled the cost of a list."""


# The error answers every endpoint may give, documented so conformance checks pass.
READ_ERRORS = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def require_user(request) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in, or send Authorization: Bearer <token>.")


# An offset no database column type can hold makes SQLite and PostgreSQL fail (a 500);
# no list here comes near this.
MAX_OFFSET = 1_000_000_000


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """`?limit=&offset=` (limit at most NINJA_PAGINATION_MAX_LIMIT), offset bounded."""

    class Input(NinjaLimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
