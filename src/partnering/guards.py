"""The checks every service makes before it writes, in one place.

`require` refuses an actor (PermissionDenied, 403); `require_active` refuses a change to a
closed partnership (ValidationError, shown on the form). Services raise, views and API turn
the exception into a page or a JSON error."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def require(condition: bool, message: str = "") -> None:
    """PermissionDenied (with `message`, when given) unless `condition` holds."""
    if not condition:
        raise PermissionDenied(message) if message else PermissionDenied


def require_active(partnership, message: str = "") -> None:
    """ValidationError unless the partnership is still running (not closed)."""
    if not partnership.is_active:
        raise ValidationError(message or _("This partnership is closed; it can no longer "
                                           "change."))


def require_platform_admin(user) -> None:
    require(bool(user.is_authenticated and user.is_superuser),
            _("Only platform administrators may do this."))
