"""Who may change what in a partnership's monitoring: the checks every service makes first
(built on partnering.guards.require)."""

from django.utils.translation import gettext as _

from partnering.guards import require
from partnering.partnerships.access import access_for


def require_manage(user, partnership, message: str = ""):
    """Stewards only (the brokers, the lead, admins); returns the user's access."""
    access = access_for(user, partnership)
    require(access.can_manage, message or _(
        "Only the partnership's brokers, lead and admins can change its results framework."))
    return access


def require_contribute(user, partnership, message: str = ""):
    """Members, brokers and admins; returns the user's access."""
    access = access_for(user, partnership)
    require(access.can_contribute, message or _("Only members, brokers and admins can do "
                                                "this."))
    return access
