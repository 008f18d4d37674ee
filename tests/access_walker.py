"""The access walker: every URL pattern of the site, each parameter filled with the id of a
real object of one partnership, requested with every method by someone outside it.

Nothing here names a route. Routes come from the URL resolver; each parameter is understood
by its name (`<thing>_id` is the model `thing`, `version_number` the field `number` of
`AgreementVersion`; PARAMETER_MODELS holds the names that differ from their model's), and a
model belongs to a partnership when a chain of foreign keys leads from it to `Partnership`.
API request bodies are made from the OpenAPI document's schemas, page bodies from the forms
a steward is shown, so that a write reaches the access check instead of failing validation.

A parameter the walker cannot understand fails the walk with a message saying where to
teach it (PARAMETER_MODELS or NOT_SCOPED)."""

import json
import re
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from partnering.partnerships.models import Partnership

PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
SKIPPED = ("admin/", "static/", "accounts/reset/")
# Parameter stems whose model is named otherwise ("member_id" is a Membership).
PARAMETER_MODELS = {
    "member": "partnerships.Membership", "broker": "partnerships.BrokerAssignment",
    "item": "partnerships.ChecklistItem", "target": "monitoring.IndicatorTarget",
    "report": "monitoring.ProgressReport", "terms": "agreements.MemberTerms",
    "commitment": "agreements.ResourceCommitment", "response": "discovery.CallResponse",
    "invitation": "assessments.Invitation", "version": "agreements.AgreementVersion",
}
# Parameters that name nothing inside a partnership, with the value they are walked with.
NOT_SCOPED = {
    "token": "no-such-token-no-such-token", "token_id": 1, "number": 6, "code": "6.1",
    "name": "Sector", "unknown": "no-such-thing", "job_id": 1,
}
UUID = "00000000-0000-0000-0000-000000000000"
MISSING = 999_999
MAX_HOPS = 3


@dataclass(frozen=True)
class Route:
    pattern: str
    params: tuple[tuple[str, str], ...]  # (name, converter)

    @property
    def api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def openapi_path(self) -> str:
        return "/" + PLACEHOLDER.sub(lambda m: "{" + m["name"] + "}", self.pattern)

    def url(self, values: dict) -> str:
        return "/" + PLACEHOLDER.sub(lambda m: str(values[m["name"]]), self.pattern)


def routes() -> list[Route]:
    """Every URL pattern of the site (the admin, static files and password reset aside)."""
    found = {}
    for raw in _patterns(get_resolver(), ""):
        pattern = raw.lstrip("^").rstrip("$")
        if pattern.startswith(SKIPPED) or "(?P<" in pattern:
            continue
        params = tuple((m["name"], m["converter"] or "") for m in PLACEHOLDER.finditer(pattern))
        found[pattern] = Route(pattern, params)
    return [found[p] for p in sorted(found)]


def _patterns(resolver, prefix):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


# --- What a parameter names ----------------------------------------------------------------

@dataclass(frozen=True)
class Scoped:
    """A parameter naming an object that belongs to a partnership through `via`."""
    model: type
    field: str
    via: str


@dataclass(frozen=True)
class Public:
    """A parameter naming an object of the public registry (an organisation, a person)."""
    model: type
    field: str

    def value(self):
        return (self.model.objects.order_by("pk").values_list(self.field, flat=True).first()
                or MISSING)


@cache
def parameter(name: str):
    """A Scoped parameter, or the value of a parameter that names nothing private; an
    AssertionError for a parameter the walker does not know."""
    if name in NOT_SCOPED:
        return NOT_SCOPED[name]
    stem, _, suffix = name.rpartition("_")
    model = _model(stem) if suffix in ("id", "number") else None
    if model is None:
        raise AssertionError(
            f"the access walker does not know the URL parameter <{name}>: name it "
            f"<thing>_id after its model, or add it to PARAMETER_MODELS (a model with "
            f"another name) or NOT_SCOPED (nothing private) in tests/access_walker.py")
    field = "pk" if suffix == "id" else suffix
    via = _path_to_partnership(model)
    return Scoped(model, field, via) if via is not None else Public(model, field)


def _model(stem: str):
    if stem in PARAMETER_MODELS:
        return apps.get_model(PARAMETER_MODELS[stem])
    wanted = stem.replace("_", "")
    found = [m for m in apps.get_models()
             if m._meta.model_name == wanted and m.__module__.startswith("partnering.")]
    return found[0] if len(found) == 1 else None


def _path_to_partnership(model) -> str | None:
    """The shortest chain of foreign keys from `model` to Partnership ("pk" for Partnership
    itself, "indicator__partnership" for a Measurement), or None if there is none."""
    if model is Partnership:
        return "pk"
    frontier = [(model, "")]
    for _ in range(MAX_HOPS):
        following = []
        for current, path in frontier:
            for field in current._meta.fields:
                if not field.is_relation or field.related_model is current:
                    continue
                step = f"{path}__{field.name}" if path else field.name
                if field.related_model is Partnership:
                    return step
                following.append((field.related_model, step))
        frontier = following
    return None


# --- Filling a route -------------------------------------------------------------------------

def fill(route: Route, partnership) -> dict:
    """Real values for the route's parameters: each scoped one the first object of its model
    in `partnership` (and of the objects named before it in the URL: the measurement of the
    indicator)."""
    values, chosen = {}, []
    for name, converter in route.params:
        kind = parameter(name)
        if isinstance(kind, Public):
            values[name] = kind.value()
            continue
        if not isinstance(kind, Scoped):
            values[name] = UUID if converter == "uuid" else kind
            continue
        obj = _object_in(kind, partnership, chosen)
        if obj is None:
            raise AssertionError(f"the access world has no {kind.model.__name__} in "
                                 f"{partnership} for <{name}> of {route.pattern}: add one "
                                 f"to tests/access_world.py")
        chosen.append(obj)
        values[name] = getattr(obj, kind.field)
    return values


def _object_in(kind: Scoped, partnership, chosen):
    queryset = kind.model.objects.filter(**{kind.via: partnership.pk})
    for earlier in chosen:
        for field in kind.model._meta.fields:
            if field.is_relation and field.related_model is type(earlier):
                queryset = queryset.filter(**{field.name: earlier})
    return queryset.order_by("pk").first()


def scoped_names(route: Route) -> list[str]:
    return [name for name, _ in route.params if isinstance(parameter(name), Scoped)]


def missing(route: Route, values: dict, keep=()) -> dict:
    """The same values with every scoped id but those in `keep` replaced by one that names
    nothing: what an outsider must not be able to tell apart from a real one."""
    return {name: (MISSING if name in scoped_names(route) and name not in keep else value)
            for name, value in values.items()}


# --- Walking ---------------------------------------------------------------------------------

COUNTED_APPS = ("partnerships", "registry", "agreements", "governance", "monitoring",
                "assessments", "discovery", "interop", "finance", "audit", "accounts")
LOGIN = "/accounts/login/"
WRITES = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Finding:
    persona: str
    method: str
    url: str
    why: str

    def __str__(self):
        return f"{self.persona}: {self.method.upper()} {self.url}: {self.why}"


@dataclass
class Coverage:
    routes: int = 0
    scoped_routes: int = 0
    parameters: set = None
    fills: int = 0
    gets: int = 0
    writes: int = 0
    writes_taken: int = 0
    writes_with_body: int = 0
    statuses: dict = None

    def __post_init__(self):
        self.parameters, self.statuses = set(), {}

    def __str__(self):
        return (f"{self.routes} routes, {self.scoped_routes} with a private id; "
                f"{len(self.parameters)} parameter names, {self.fills} parameters filled; "
                f"{self.gets} GETs, {self.writes} writes, {self.writes_taken} of them with a "
                f"method the route takes ({self.writes_with_body} with a body from the "
                f"OpenAPI schema or a page's form); answers {self.statuses}")


def row_counts() -> tuple:
    """The number of rows of every table of the project's apps, in one query."""
    from django.db import connection

    tables = sorted({m._meta.db_table for m in apps.get_models()
                     if m._meta.app_label in COUNTED_APPS})
    quote = connection.ops.quote_name
    # Table names from the models, quoted: nothing from outside reaches this SQL.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})"  # noqa: S608
                                for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))


def snapshot(partnership) -> dict:
    """Every row of every model that belongs to `partnership`, field by field: an update
    that leaves the number of rows alone shows here."""
    rows = {}
    for model in apps.get_models():
        via = _path_to_partnership(model) if model.__module__.startswith("partnering.") \
            else None
        if via is not None:
            rows[model._meta.label] = list(
                model.objects.filter(**{via: partnership.pk}).order_by("pk").values())
    return rows


class AccessWalk:
    """One persona's walk. `secrets` are strings that must never reach them (the private
    partnership's title, the world's MARKER); `host` is the partnership whose id is put in
    the URL in place of the private one (None: the private one itself). `forms` are the
    bodies of page forms by URL, `post_only` the page routes a steward cannot GET (405)."""

    def __init__(self, client, persona, private, *, api, forms, secrets, host=None,
                 only=None, post_only=()):
        self.client, self.persona, self.private = client, persona, private
        self.api, self.forms, self.host, self.only = api, forms, host, only
        self.post_only = set(post_only)
        self.secrets = [s.encode() for s in secrets] + [
            json.dumps(s).strip('"').encode() for s in secrets]
        self.findings, self.coverage = [], Coverage()

    def run(self) -> list[Finding]:
        before = snapshot(self.private)
        for route in routes():
            if self.only is None or self.only(route):
                self.walk_route(route)
        after = snapshot(self.private)
        for label in sorted(before):
            if before[label] != after[label]:
                self.report("any", label, "changed rows of the private partnership")
        return self.findings

    def walk_route(self, route):
        values = fill(route, self.private)
        scoped = scoped_names(route)
        self.coverage.routes += 1
        self.coverage.parameters.update(name for name, _ in route.params)
        self.form_url = route.url(values)
        if self.host is not None:
            if "partnership_id" not in scoped or len(scoped) < 2:
                return
            values["partnership_id"] = self.host.pk
        if not scoped:
            return self.check_public(route.url(values))
        self.coverage.scoped_routes += 1
        self.coverage.fills += len(route.params)
        keep = ("partnership_id",) if self.host is not None else ()
        url, nothing = route.url(values), route.url(missing(route, values, keep))
        for method in ("get", *WRITES):
            self.check(route, method, url, nothing)

    def check_public(self, url):
        response = self.client.get(url)
        self.coverage.gets += 1
        if response.status_code >= 500:
            self.report("get", url, f"server error {response.status_code}")
        self.check_secrets("get", url, response)

    def check(self, route, method, url, nothing):
        kwargs, accepted = self.request(route, method, url)
        before = row_counts()
        response = getattr(self.client, method)(url, **kwargs)
        after = row_counts()
        self.count(method, kwargs, accepted, response)
        if not self.tells_nothing(response, accepted):
            reference = getattr(self.client, method)(
                nothing, **self.request(route, method, nothing)[0])
            if not self.asked_to_sign_in(response, reference):
                self.report(method, url, f"answered {_status(response)} where an unknown id "
                            f"answers {_status(reference)}: the private object is reachable")
        if after != before:
            changed = [f"{t} {a}→{b}" for (t, a), (_, b) in zip(before, after, strict=True)
                       if a != b]
            self.report(method, url, f"wrote rows: {', '.join(changed)}")
        self.check_secrets(method, url, response)

    def request(self, route, method, url) -> tuple[dict, bool]:
        """The client's keyword arguments for a request, and whether the route takes it."""
        if route.api:
            kwargs = self.api.request(route, method) if method != "get" else {}
            return kwargs, method in self.api.methods(route)
        if method == "get":
            return {}, route.pattern not in self.post_only
        if method == "post" and self.form_url in self.forms:
            return {"data": self.forms[self.form_url]}, True
        return {}, False

    @staticmethod
    def tells_nothing(response, accepted) -> bool:
        """404, as for an id that names nothing (405 for a method the route does not take,
        decided before anything is looked up)."""
        status = response.status_code
        return status == 404 or (status == 405 and not accepted)

    def asked_to_sign_in(self, response, reference) -> bool:
        """An anonymous visitor sent to sign in (a page) or told to (401, the API), the
        same way as for an id that names nothing."""
        if self.persona != "anonymous" or _status(response) != _status(reference):
            return False
        if response.status_code == 302:
            return response["Location"].startswith(LOGIN)
        return response.status_code == 401 and _is_api(response)

    def check_secrets(self, method, url, response):
        content = b"".join(response.streaming_content) if response.streaming \
            else response.content
        for secret in self.secrets:
            if secret in content:
                self.report(method, url, f"shows {secret.decode()!r}")

    def count(self, method, kwargs, accepted, response):
        if method == "get":
            self.coverage.gets += 1
        else:
            self.coverage.writes += 1
            self.coverage.writes_taken += accepted
            self.coverage.writes_with_body += bool(kwargs.get("data"))
        status = response.status_code
        self.coverage.statuses[status] = self.coverage.statuses.get(status, 0) + 1

    def report(self, method, url, why):
        self.findings.append(Finding(self.persona, method, url, why))


def _status(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location'].split('?')[0]}"
    return str(response.status_code)


def _is_api(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def known_ids(partnership) -> dict:
    """A value for every URL parameter of the site, scoped ones from `partnership`."""
    ids = {}
    for route in routes():
        ids.update(fill(route, partnership))
    return ids
