from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from partnering.accounts import services
from partnering.accounts.forms import LanguageForm, SignInForm, TokenForm
from partnering.accounts.languages import codes
from partnering.viewhelpers import apply_errors, handle_form


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_token = services.create_token(request.user, form.cleaned_data["name"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "new_token": new_token, "tokens": request.user.api_tokens.all(),
    })


@login_required
@require_POST
def revoke_token(request, token_id: int):
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    services.revoke_token(request.user, token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("tokens")


# --- The interface's language ---------------------------------------------------------
# The switcher on every page sends its form here. A visitor's choice is only a cookie, sent
# by a GET form with no CSRF token, so that the public pages stay cacheable (a forged link
# can do no more than change the language of the pages). A signed-in user's choice is saved
# on their account, through the service: a POST, which carries the CSRF token.


@never_cache
@require_http_methods(["GET", "POST"])
def choose_language(request):
    if request.method == "POST":
        return _save_language(request) if request.user.is_authenticated else redirect("login")
    return _language_chosen(request, request.GET, request.GET.get("language", ""))


def _save_language(request):
    language = request.POST.get("language", "")
    try:
        services.set_language(request.user, language)
    except ValidationError:
        language = ""
    return _language_chosen(request, request.POST, language)


def _language_chosen(request, data, language: str) -> HttpResponseRedirect:
    """Back to the page the switcher was on, in `language` (the cookie remembers it)."""
    target = data.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in codes():
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    """The account's own settings: the interface's language (the notification settings and
    the API tokens have pages of their own)."""
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    return handle_form(
        request, form, services.set_language, request.user,
        message=lambda _changed: _saved(request), success="account_settings",
        render_page=lambda bound: render(request, "accounts/settings.html", {"form": bound}))



def _saved(request) -> str:
    """Said in the language just chosen (blank: the browser's)."""
    language = request.user.language or translation.get_language_from_request(request)
    with translation.override(language):
        return _("Your settings are saved.")
