"""Who is looking: people (names of persons) are visible to signed-in users only.

A middleware notes who reads the page being answered (the API notes a token's user too);
`people_visible()` and the pages' `person(name, instead)` read it wherever a name is about
to be shown, and the partnership tabs ask `may_contribute(partnership)` which tabs to
offer. Outside a request (commands, exports written by the CLI) names are shown."""

import json
from contextvars import ContextVar

_reader: ContextVar = ContextVar("reader", default=None)


def people_visible() -> bool:
    reader = _reader.get()
    return reader is None or bool(reader.is_authenticated)


def person(name, instead: str = ""):
    """A person's name for a signed-in reader; `instead` for an anonymous visitor."""
    return name if people_visible() else instead


def may_contribute(partnership) -> bool:
    """Whether the reader is a member, broker or admin of the partnership: the tabs only
    they may open (403/404 to visitors) are offered to them only."""
    access = getattr(partnership, "access", None)
    if access is None:
        from django.contrib.auth.models import AnonymousUser

        from partnering.partnerships.access import access_for

        access = access_for(_reader.get() or AnonymousUser(), partnership)
        partnership.access = access
    return access.can_contribute


def note_reader(user) -> None:
    """For the rest of this request: the reader is this user (signed in with a token)."""
    _reader.set(user)


# In the JSON API, the keys that hold a person's name (or text naming people at the table),
# and, under "representatives" and in the brokers' list, "name".
PERSON_KEYS = {"owner_person_name", "created_by_name", "recorded_by_name", "actor_name",
               "proposed_by_person_name", "signatory_name", "person_name", "submitted_by_name",
               "reported_by_name", "mandated"}
PEOPLE_TEXT_KEYS = {"minutes", "follow_ups", "attendees", "attendee_ids"}
PEOPLE_LISTS = {"representatives", "brokers"}


def without_people(value, key: str = "", in_people: bool = False):
    """A JSON answer with people's names taken out, for an anonymous reader."""
    if isinstance(value, dict):
        return {k: (None if k in PERSON_KEYS or (in_people and k == "name")
                    else _emptied(v) if k in PEOPLE_TEXT_KEYS
                    else without_people(v, k, in_people or k in PEOPLE_LISTS))
                for k, v in value.items()}
    if isinstance(value, list):
        return [without_people(v, key, in_people) for v in value]
    if key == "rule_source" and isinstance(value, str):
        return value.split(" by ")[0]
    return value


def _emptied(value):
    return [] if isinstance(value, list) else None


class VisitorMiddleware:
    """After the authentication middleware: note who reads this request's answer; an
    anonymous reader's JSON API answers carry no people's names."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reader.set(request.user)
        try:
            response = self.get_response(request)
            if (request.path.startswith("/api/") and not people_visible()
                    and response.get("Content-Type", "").startswith("application/json")
                    and not response.streaming and response.status_code == 200):
                data = json.loads(response.content)
                # A partnership's brokers; the roster (/api/v1/brokers) lists only brokers
                # who chose to be listed publicly, by name.
                in_people = "/partnerships/" in request.path and request.path.rstrip(
                    "/").endswith(("/brokers", "/representatives"))
                response.content = json.dumps(without_people(data, "", in_people))
            return response
        finally:
            _reader.reset(token)
