def navigation(request):
    """Who is signed in, for the page header."""
    user = getattr(request, "user", None)
    return {
        "unread_notifications": _unread(user),
        "signed_in": bool(user and user.is_authenticated),
        "is_platform_admin": bool(user and user.is_authenticated and user.is_superuser),
    }


def _unread(user):
    """The bell's count: one query, only when a page shows it; none for visitors."""
    if not (user and user.is_authenticated):
        return lambda: 0
    from partnering.notifications.services import unread_count

    return lambda: unread_count(user)
