"""Schemas and helpers shared by every app's API."""

from typing import Any

from ninja import Schema
from ninja.errors import HttpError


class Error(Schema):
    detail: Any


# The error answers every endpoint may give, documented so conformance checks pass.
READ_ERRORS = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def require_user(request) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in, or send Authorization: Bearer <token>.")
