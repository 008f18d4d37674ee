"""Error answers outside django-ninja's handlers: JSON `{"detail": ...}` under /api/, Django's
usual pages elsewhere.

Some refusals never reach an API view: a write to an API URL that matches no route, a CSRF
failure raised by Django's middleware, a request Django cannot parse, a server error. The API
promises JSON for every error, so these answer JSON on API paths too."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


@csrf_exempt  # it writes nothing: a write to an unknown URL is a 404, not a CSRF failure
def api_not_found(request, unknown: str = ""):
    """Unknown paths under /api/v1/ answer in JSON like the rest of the API."""
    return api_error(_("Not found."), 404)


def csrf_failure(request, reason: str = ""):
    if is_api(request):
        return api_error(_("CSRF check failed: send the X-CSRFToken header with a session, "
                           "or use Authorization: Bearer <token>."), 403)
    return django_csrf_failure(request, reason=reason)


@requires_csrf_token
def bad_request(request, exception):
    if is_api(request):
        return api_error(_("The request could not be read."), 400)
    return defaults.bad_request(request, exception)


@requires_csrf_token
def permission_denied(request, exception):
    if is_api(request):
        return api_error(str(exception) or _("You do not have permission to do this."), 403)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request, exception):
    if is_api(request):
        return api_error(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    if is_api(request):
        return api_error(_("Server error."), 500)
    return defaults.server_error(request)
