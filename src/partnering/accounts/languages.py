"""Which language a person reads (issue 18).

A page is in the signed-in user's own language (User.language) when they chose one; else in
the language the switcher remembered in the `django_language` cookie; else in the first
language of the browser's Accept-Language that the interface has; else in English
(settings.LANGUAGE_CODE). Django's LocaleMiddleware does the cookie and the header;
UserLanguageMiddleware, after the authentication middleware, the user's own choice.

A mail is in its recipient's language: their own choice, else the language they chose for
e-mails (the notification settings), else the site's."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _


def codes() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)


def choices() -> list[tuple[str, str]]:
    """The interface's languages, each by its own name."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def setting_choices() -> list[tuple[str, str]]:
    """The choices of a user's language setting: blank is "as my browser asks"."""
    return [("", str(BROWSER)), *choices()]


BROWSER = _("As my browser asks")


def language_of(user, default: str = "") -> str:
    """The language to write to `user` in: their own setting, else `default` (a language
    they chose for something narrower), else the site's."""
    available = codes()
    for code in (getattr(user, "language", ""), default):
        if code and code in available:
            return code
    return settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """After AuthenticationMiddleware and LocaleMiddleware: a signed-in user's own language
    beats the cookie and Accept-Language. It reads the user row the session loads anyway
    (no query of its own) and only when the request carries a session cookie. Answers say
    that they vary with the cookie (the switcher's, the session's) as well as with
    Accept-Language (which LocaleMiddleware adds)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if self.session_cookie in request.COOKIES:
            self._activate(request)
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def _activate(request) -> None:
        user = request.user
        if user.is_authenticated:
            activate_for(request, user)


def activate_for(request, user) -> None:
    """The rest of the request in `user`'s own language, when they chose one (also for an
    API call signed with a token)."""
    code = getattr(user, "language", "")
    if code and code in codes():
        translation.activate(code)
        request.LANGUAGE_CODE = code
