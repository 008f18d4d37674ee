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
    "platform_item": "platforms.Item", "platform_answer": "platforms.Answer",
}
# Parameters that name nothing inside a partnership, with the value they are walked with.
NOT_SCOPED = {
    "token": "no-such-token-no-such-token", "token_id": 1, "number": 6, "code": "6.1",
    "name": "Sector", "unknown": "no-such-thing", "job_id": 1,
    "language": "fr",  # the language of a translation (translations/api.py)
    "intake_key": "no-such-intake-key",  # a grievance filing link (grievances/urls.py)
    "fmt": "csv",  # the format of an export (platforms/loops/urls.py)
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
    via = path_to_partnership(model)
    return Scoped(model, field, via) if via is not None else Public(model, field)


def _model(stem: str):
    if stem in PARAMETER_MODELS:
        return apps.get_model(PARAMETER_MODELS[stem])
    wanted = stem.replace("_", "")
    found = [m for m in apps.get_models()
             if m._meta.model_name == wanted and m.__module__.startswith("partnering.")]
    return found[0] if len(found) == 1 else None


def path_to_partnership(model) -> str | None:
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


def known_ids(partnership) -> dict:
    """A value for every URL parameter of the site, scoped ones from `partnership`."""
    ids = {}
    for route in routes():
        ids.update(fill(route, partnership))
    return ids
