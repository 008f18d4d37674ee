"""Sign-in throttling keyed by the account, however its name or e-mail address is written.

django-axes counts failures per "username" and per address (settings.AXES_*). Axes records
the name as typed; `account_key` turns every spelling of one account (its username or its
e-mail address, in any case) into the same key, so five failures lock the account whichever
way it was named. An unknown name counts under its lower case.

A successful sign-in forgets only that account's own failures (`forget_account_failures`),
never the failures other accounts collected from the same address: axes' own
AXES_RESET_ON_SUCCESS would reset everything counted from the address.
"""

from axes.models import AccessAttempt
from django.conf import settings

from partnering.accounts.backends import find_account


def account_key(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the account's username, or the unknown name in lower case."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        name = credentials.get(field)
    else:
        name = getattr(request, "POST", {}).get(field) if request is not None else None
    if not name:
        return None
    name = str(name).strip()
    user = find_account(name)
    return user.get_username() if user is not None else name.lower()


def forget_account_failures(sender, request, user, **kwargs) -> None:
    """On sign-in, drop the failures counted against this account only."""
    AccessAttempt.objects.filter(username=user.get_username()).delete()
