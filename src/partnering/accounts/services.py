"""Account actions: API tokens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnering.accounts.models import ApiToken, hash_token
from partnering.audit.services import record

MAX_TOKENS_PER_USER = 20


@transaction.atomic
def create_token(user, name: str) -> tuple[ApiToken, str]:
    """Make a token; returns it with the raw key, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give the token a name, so you can recognise it later.")
    if len(name) > 100:
        raise ValidationError("A token name has at most 100 characters.")
    if user.api_tokens.count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(f"You already have {MAX_TOKENS_PER_USER} tokens; revoke one first.")
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10],
                                    key_hash=hash_token(raw))
    record(user, "create", token, summary=f"API token “{name}” created")
    return token, raw


@transaction.atomic
def revoke_token(user, token: ApiToken) -> None:
    record(user, "delete", token, summary=f"API token “{token.name}” revoked")
    token.delete()


def touch_token(token: ApiToken) -> None:
    now = timezone.now()
    # Write at most once a minute per token: a busy script should not write on every call.
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
