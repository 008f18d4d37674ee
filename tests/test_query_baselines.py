"""Pinned query counts (as NetBox pins them): the number of SQL queries each key page and
JSON list runs for each persona, compared exactly with tests/query_baselines.json.

A change in either direction fails with old → new: fewer queries is good news to pin, more
is a regression to explain. After a deliberate change, regenerate the file and commit it:

    QUERY_BASELINES=update pytest tests/test_query_baselines.py

Pages are named by their URL names (the API's under "api:"), so moving modules changes
nothing here; parameters are filled from the access world (tests/access_world.py)."""

import json
import os
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from tests.access_walker import known_ids
from tests.access_world import AccessWorld

BASELINES = Path(__file__).with_name("query_baselines.json")
PAGES = (
    "home", "partnerships", "organisations", "portfolio", "open_calls",
    "partnership", "members", "agreement", "decisions", "proposal", "actions", "results",
    "indicator", "health", "power_balance", "calls",
)
JSON_LISTS = (
    "api:list_partnerships", "api:list_organisations", "api:list_people", "api:list_members",
    "api:list_meetings", "api:list_proposals", "api:list_decisions", "api:list_actions",
    "api:list_results", "api:list_reports", "api:list_risks", "api:list_rounds",
    "api:list_calls", "api:list_deliverables", "api:list_versions",
)
PERSONAS = ("alice", "carol", "bob", "admin", "olga", "anonymous")
OUTSIDERS = ("olga", "anonymous")


def url_for(name: str, ids: dict) -> str:
    """The URL of a named route, its parameters taken from `ids`."""
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    if namespace:
        resolver = resolver.namespace_dict[namespace][1]
    for possibility in resolver.reverse_dict.getlist(short):
        params = possibility[0][0][1]
        if all(param in ids for param in params):
            return reverse(name, kwargs={param: ids[param] for param in params})
    raise AssertionError(f"no way to fill the parameters of the URL named {name!r}")


class QueryBaselineTest(AccessWorld):
    def measure(self) -> dict:
        counts = {}
        ids = known_ids(self.private)
        for persona in PERSONAS:
            self.client.logout()
            if persona != "anonymous":
                self.sign_in(getattr(self, persona))
            # Outsiders look at the public partnership, where they see something.
            seen = {**ids, "partnership_id": self.public.pk} if persona in OUTSIDERS else ids
            for name in PAGES + JSON_LISTS:
                counts[f"{persona} {name}"] = self.count(url_for(name, seen))
        return counts

    def count(self, url: str) -> str:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        return f"{len(queries)} ({response.status_code})"

    def test_pages_and_lists_run_their_pinned_number_of_queries(self):
        measured = self.measure()
        if os.environ.get("QUERY_BASELINES") == "update":
            BASELINES.write_text(json.dumps(measured, indent=1, sort_keys=True) + "\n")
            return
        pinned = json.loads(BASELINES.read_text())
        changed = [f"{key}: {pinned.get(key, 'new')} → {measured.get(key, 'gone')}"
                   for key in sorted(set(pinned) | set(measured))
                   if pinned.get(key) != measured.get(key)]
        if changed:
            self.fail("queries per page changed (queries and status; QUERY_BASELINES=update "
                      "pytest tests/test_query_baselines.py pins the new numbers):\n"
                      + "\n".join(changed))
