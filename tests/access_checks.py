"""The access walk itself: one persona requests every route of tests/access_walker.py with
every method, with the private partnership's ids (or another partnership's id in their
place), and reports what an outsider could tell or change: an answer other than the one an
unknown id gets, a row written, a private name shown."""

import json
from dataclasses import dataclass

from django.apps import apps

from tests.access_walker import fill, missing, path_to_partnership, routes, scoped_names

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
        via = path_to_partnership(model) if model.__module__.startswith("partnering.") \
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
