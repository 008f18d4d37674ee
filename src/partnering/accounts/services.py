"""Account actions: API tokens, the interface's language."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.accounts.languages import codes
from partnering.accounts.models import ApiToken, hash_token
from partnering.audit.services import record

MAX_TOKENS_PER_USER = 20


@transaction.atomic
def create_token(user, name: str) -> tuple[ApiToken, str]:
    """Make a token; returns it with the raw key, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the token a name, so you can recognise it later."))
    if len(name) > 100:
        raise ValidationError(_("A token name has at most 100 characters."))
    if user.api_tokens.count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(_("You already have %(count)s tokens; revoke one first.")
                              % {"count": MAX_TOKENS_PER_USER})
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


@transaction.atomic
def set_language(user, language: str) -> bool:
    """The user's interface language (a code of settings.LANGUAGES; blank: as their browser
    asks). False when it was already so (nothing written)."""
    language = (language or "").strip()
    if language and language not in codes():
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    if user.language == language:
        return False
    before = user.language
    user.language = language
    user.save(update_fields=["language"])
    record(user, "update", user, changes={"language": [before, language]},
           summary=f"Interface language set to “{language or 'browser'}”")
    return True
