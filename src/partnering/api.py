"""The JSON API under /api/v1/: one NinjaAPI, one router per domain app."""

from decimal import Decimal

import orjson
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.renderers import BaseRenderer
from ninja.security import HttpBearer, SessionAuth
from pydantic import BaseModel

from partnering.accounts.languages import activate_for
from partnering.accounts.models import ApiToken
from partnering.accounts.services import touch_token
from partnering.openapi import ContractSchema, mark_paths
from partnering.visitors import note_reader


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token."""

    def authenticate(self, request, token):
        api_token, user = ApiToken.objects.user_for(token)
        if user is None:
            # A wrong or revoked token is refused, not taken for an anonymous visit.
            raise AuthenticationError
        touch_token(api_token)
        request.user = user
        note_reader(user)
        activate_for(request, user)
        return user


class SessionCookie(SessionAuth):
    """The browser session; CSRF is checked only when a session cookie is sent."""

    def _get_key(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)


class AnonymousRead:
    """Lets anyone read what is public; writes need a session or a token."""

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return request.user  # AnonymousUser: visible_to() shows only public data
        return None


AUTH = [BearerToken(), SessionCookie(), AnonymousRead()]
# For reads that need a signed-in user: ninja answers 401, and the document says so.
SIGNED_IN = [BearerToken(), SessionCookie()]


class NulCharacter(ValueError):
    """PostgreSQL cannot store or compare text with NUL characters: refuse them up front."""

    def __init__(self):
        super().__init__(_("Text may not contain NUL (\\u0000) characters."))


def _refuse_nul(value) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise NulCharacter
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key)
            _refuse_nul(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(item)


class StrictParser(Parser):
    def parse_body(self, request):
        data = super().parse_body(request)
        _refuse_nul(data)  # ninja answers 400; on_http_error gives this reason
        return data

    def parse_querydict(self, data, list_fields, request):
        try:
            _refuse_nul(dict(data.lists()))
        except NulCharacter as error:
            raise HttpError(400, str(error)) from error
        return super().parse_querydict(data, list_fields, request)


class FastJSONRenderer(BaseRenderer):
    """orjson encodes a 50-row list several times faster than the standard library, which
    was a quarter of the cost of a list request."""

    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return orjson.dumps(data, default=_encode_other,
                            option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z)


def _encode_other(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


class PartneringAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """`<app>_<function>` (e.g. `agreements_sign`): stable when an app's API module is
        split into a package, unlike ninja's default, which names the module."""
        app = operation.view_func.__module__.split(".")[1]
        return f"{app}_{operation.view_func.__name__}"

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        routers = self._get_bound_routers()
        mark_paths(routers)
        return ContractSchema(self, path_prefix)


api = PartneringAPI(
    title="Partnering API",
    version="1",
    description="Build, broker and run multi-stakeholder partnerships. Lists take "
                "`limit` (at most 200) and `offset` and answer `{items, count}`. "
                "Objects you may not see answer 404.",
    auth=AUTH,
    parser=StrictParser(),
    renderer=FastJSONRenderer(),
    urls_namespace="api",
)


def _messages(error: ValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [{"loc": [field], "msg": message}
                for field, errors in error.message_dict.items() for message in errors]
    return [{"loc": [], "msg": message} for message in error.messages]


@api.exception_handler(ValidationError)
def on_validation_error(request, error: ValidationError):
    details = _messages(error)
    summary = "; ".join(
        (f"{d['loc'][0]}: {d['msg']}" if d["loc"] and d["loc"][0] != "__all__" else d["msg"])
        for d in details
    )
    body = {"detail": summary or _("Invalid input."), "errors": details}
    extra = getattr(error, "items", None)
    if extra is not None:
        body["open_items"] = extra
        return api.create_response(request, body, status=409)
    return api.create_response(request, body, status=422)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, error: NinjaValidationError):
    return api.create_response(request, {"detail": error.errors}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, error):
    # A service may say why (e.g. "You represent X without a mandate to decide").
    detail = str(error) or _("You do not have permission to do this.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, error):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, error):
    return api.create_response(
        request, {"detail": _("Sign in, or send Authorization: Bearer <token>.")}, status=401)


@api.exception_handler(HttpError)
def on_http_error(request, error: HttpError):
    cause = error.__cause__
    detail = str(cause) if isinstance(cause, NulCharacter) else str(error)
    return api.create_response(request, {"detail": detail}, status=error.status_code)


@api.exception_handler(OverflowError)
def on_overflow(request, error):
    # SQLite cannot hold integers beyond 64 bits, e.g. an id of 10**30 in a filter or body.
    return api.create_response(request, {"detail": _("A number is out of range.")}, status=422)


@api.exception_handler(MultiPartParserError)
def on_unreadable_form(request, error):
    # e.g. multipart/form-data without a boundary: Django would answer its HTML 400 page.
    return api.create_response(
        request, {"detail": _("The multipart form could not be read: %(error)s")
                  % {"error": error}}, status=400)


def _mount_routers() -> None:
    from partnering.accounts.api import router as accounts_router
    from partnering.agreements.api import deliverables_router
    from partnering.agreements.api import router as agreements_router
    from partnering.assessments.api import router as assessments_router
    from partnering.discovery.api import partnerships_router as discovery_partnerships_router
    from partnering.discovery.api import router as discovery_router
    from partnering.governance.decisions.api import router as decisions_router
    from partnering.governance.power.api import router as power_router
    from partnering.interop.iati.api import imports_router, partnership_router
    from partnering.interop.registry.api import router as interop_router
    from partnering.jobs.api import router as jobs_router
    from partnering.monitoring.api import router as monitoring_router
    from partnering.notifications.api import router as notifications_router
    from partnering.partnerships.api import router as partnerships_router
    from partnering.reference.api import router as reference_router
    from partnering.registry.api import router as registry_router
    from partnering.translations.api import mount_all as translations_router

    api.add_router("/", accounts_router)
    api.add_router("/reference", reference_router)
    api.add_router("/", registry_router)
    api.add_router("/partnerships", partnerships_router)
    api.add_router("/partnerships", agreements_router)
    api.add_router("/deliverables", deliverables_router)
    api.add_router("/partnerships", power_router)
    api.add_router("/partnerships", decisions_router)
    api.add_router("/", interop_router)
    api.add_router("/", assessments_router)
    api.add_router("/", monitoring_router)
    api.add_router("/imports", imports_router)
    api.add_router("/jobs", jobs_router)
    api.add_router("/partnerships", partnership_router)
    api.add_router("/partnerships", discovery_partnerships_router)
    api.add_router("/", discovery_router)
    api.add_router("/", notifications_router)
    api.add_router("/translations", translations_router())
    _mount_people_and_platforms()


def _mount_people_and_platforms() -> None:
    """Brokers and capabilities, grievances, platforms and their feedback loops."""
    from partnering.brokers.api import router as brokers_router
    from partnering.capabilities.api import mount as capabilities_mount
    from partnering.grievances import api_actions, api_files  # noqa: F401 - their endpoints
    from partnering.grievances.api import router as grievances_router
    from partnering.grievances.register.api import platform_router as platform_register_router
    from partnering.grievances.register.api import router as grievance_register_router
    from partnering.platforms.api import router as platforms_router
    from partnering.platforms.loops.api import router as loops_router  # answers, loop metrics

    api.add_router("/", brokers_router)
    api.add_router("/grievances", grievances_router)
    api.add_router("/partnerships", grievance_register_router)
    api.add_router("/", loops_router)
    capabilities_mount(api)
    api.add_router("/platforms", platform_register_router)
    api.add_router("/", platforms_router)


_mount_routers()
