"""/api/v1/me and /api/v1/tokens: the signed-in user and their API tokens."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from partnering.accounts import services
from partnering.api import SIGNED_IN
from partnering.prepared import Prepared
from partnering.registry.models import Person
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    require_user,
)

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    username: str
    name: str
    email: str
    is_platform_admin: bool
    person_id: int | None
    organisation_id: int | None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(..., description="Shown once; only its hash is kept.")


class TokenIn(Payload):
    name: str = Field(..., min_length=1, max_length=100)


@router.get("/me", auth=SIGNED_IN, response={200: MeOut, **READ_ERRORS}, summary="Who am I")
def me(request):
    require_user(request)
    user = request.user
    person_id, organisation_id = next(iter(_PERSON("me", user.pk)), (None, None))
    return MeOut(id=user.pk, username=user.username, name=str(user), email=user.email,
                 is_platform_admin=user.is_superuser, person_id=person_id,
                 organisation_id=organisation_id)


# The first call of many scripts: its SQL written once (partnering.prepared).
_PERSON = Prepared(lambda _key, user_id: Person.objects.filter(user_id=user_id)
                   .values_list("pk", "organisation_id")[:1], int)


@router.get("/tokens", auth=SIGNED_IN, response={200: list[TokenOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_tokens(request):
    require_user(request)
    return request.user.api_tokens.all()


@router.post("/tokens", response={201: NewTokenOut, **WRITE_ERRORS})
def create_token(request, payload: TokenIn):
    require_user(request)
    token, raw = services.create_token(request.user, payload.name)
    return Status(201, NewTokenOut(id=token.pk, name=token.name, prefix=token.prefix,
                                   created=token.created, last_used=None, token=raw))


@router.delete("/tokens/{token_id}", response={204: None, **WRITE_ERRORS})
def revoke_token(request, token_id: int):
    require_user(request)
    services.revoke_token(request.user, get_object_or_404(request.user.api_tokens, pk=token_id))
    return Status(204, None)
