def navigation(request):
    """Who is signed in, for the page header; the CSRF field written once per page."""
    user = getattr(request, "user", None)
    return {
        "csrf_input": _CsrfInputOnce(request),
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


class _CsrfInputOnce:
    """The CSRF hidden field, built when a page first writes it and reused by its other
    forms (Django's Jinja2 backend builds it anew at each use: a page with nine forms
    asked for the token nine times). Lazy as Django's: a page without a form never asks,
    so no CSRF cookie is set on it and it stays cacheable for visitors."""

    def __init__(self, request):
        self.request, self.text = request, None

    def __html__(self) -> str:
        if self.text is None:
            from partnering.csrf import hidden_input

            self.text = hidden_input(self.request)
        return self.text

    __str__ = __html__
