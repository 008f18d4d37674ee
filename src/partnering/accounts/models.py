import functools
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from partnering.accounts.lookups import PreparedRows

TOKEN_PREFIX = "pt_"  # noqa: S105 - a label, not a secret


class User(AbstractUser):
    """A person who signs in. Their registry entry (organisation, role) is a Person."""

    # The interface's language (a code of settings.LANGUAGES); blank: as the browser asks.
    # On the user row itself, so that every signed-in page reads it with no query of its own.
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="unique_user_email_ci",
                violation_error_message=_("Another account already uses this e-mail address."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def user_for(self, raw: str):
        """The token and its user, or (None, None): one query, its SQL written once
        (accounts/lookups.py; every API call signed in with a token runs it, and building
        it through the ORM cost more than running it). Read afresh on every call, so a
        revoked token or a deactivated user is refused at once."""
        token = _token_with_user().get(hash_token(raw), self.db)
        if token is None or not token.user.is_active:
            return None, None
        return token, token.user


@functools.cache
def _token_with_user() -> PreparedRows:
    return PreparedRows(ApiToken, "key_hash", joins=("user",))


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the user sees it once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
