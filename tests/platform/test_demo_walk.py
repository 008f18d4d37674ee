"""Every page of the demo, as each demo persona finds it by following links from the home
page: what a person clicking around sees must be safe and right."""

import html
import re

from django.contrib.auth import get_user_model

from partnering.brokers.access import public_roster_q
from partnering.brokers.roster.models import BrokerProfile
from partnering.discovery.models import CallResponse, Stakeholder
from partnering.partnerships.models import Partnership
from partnering.platform.demo import load_demo, persona_usernames
from partnering.registry.models import Person
from tests.base import PartneringTestCase
from tests.platform.test_sources import INTERNAL
from tests.walker import post_forms_without_token, walk

# Visitors see few pages: walk all of them. Members see many: a few of each kind.
# The personas are those of the demo's data files (demo_data/shared.yaml).
VISITORS = ("anonymous", "outsider")
PERSONAS = {name: 40 if name in VISITORS else 3 for name in ("anonymous", *persona_usernames())}


class DemoWalkTest(PartneringTestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.walks, cls.answers = {}, {}
        users = get_user_model().objects
        for persona, per_route in PERSONAS.items():
            client = cls.client_class()
            if persona != "anonymous":
                client.force_login(users.get(username=persona))
            cls.walks[persona] = walk(client, per_route=per_route, limit=900)
            if persona in ("anonymous", "outsider"):
                cls.answers[persona] = api_answers(client)

    def pages(self, *personas):
        for persona in personas or PERSONAS:
            for page in self.walks[persona].ok():
                yield persona, page

    def test_it_walks_the_pages_each_persona_can_reach(self):
        for persona, walked in self.walks.items():
            self.assertGreater(len(walked.ok()), 60, persona)
            errors = [(p.url, p.status) for p in walked.pages if p.status >= 500]
            self.assertEqual(errors, [], persona)
        broker = self.walks["broker"].urls()
        self.assertTrue(any(url.endswith("/recommendations/") for url in broker))

    def test_it_puts_a_csrf_token_in_every_form_that_posts(self):
        missing = [(persona, page.url, form) for persona, page in self.pages()
                   for form in post_forms_without_token(page.html)]
        self.assertEqual(missing, [])
        posting = sum("method=\"post\"" in page.html for _, page in self.pages("broker"))
        self.assertGreater(posting, 20)

    def test_it_never_says_seed_for_a_publication(self):
        said = [(persona, page.url, match.group(0)) for persona, page in self.pages()
                for match in INTERNAL.finditer(page.html)]
        self.assertEqual(said, [])

    def test_it_shows_no_tab_that_refuses_the_visitor(self):
        for persona, page in self.pages():
            for tab in re.findall(r'<nav class="tabs".*?</nav>', page.html, re.S):
                for href in re.findall(r'href="([^"]+)"', tab):
                    status = self.walks[persona].status_of(href)
                    self.assertIn(status, (200, None), f"{persona} on {page.url}: {href}")

    def secrets(self, persona):
        """What a visitor must never read: call responses and the decisions on them,
        stakeholder notes and, for anonymous visitors, people's names."""
        own = set(Person.objects.filter(user__username=persona)
                  .values_list("organisation_id", flat=True))
        found = {}
        for response in CallResponse.objects.select_related("organisation"):
            if response.organisation_id in own:
                continue
            if response.statement:
                found[response.statement[:60]] = "call response"
            found[f"response of {response.organisation.name}"] = "decision on a response"
        for stakeholder in Stakeholder.objects.exclude(notes=""):
            found[stakeholder.notes[:60]] = "stakeholder note"
        if persona == "anonymous":
            users = get_user_model().objects.all()
            for name in [p.name for p in Person.objects.all()] + [
                    u.get_full_name() for u in users if u.get_full_name()]:
                found[name] = "a person's name"
            # Brokers on the public roster chose to be listed under their names.
            for name in BrokerProfile.objects.filter(public_roster_q()).values_list(
                    "person__name", flat=True):
                found.pop(name, None)
        return found

    def test_it_shows_visitors_only_what_public_pages_promise(self):
        for persona in ("anonymous", "outsider"):
            secrets = self.secrets(persona)
            self.assertGreater(len(secrets), 5)
            read = [(p.url, html.unescape(p.html)) for _, p in self.pages(persona)]
            read += self.answers[persona]
            self.assertGreater(len(self.answers[persona]), 40)
            leaks = sorted({(kind, re.sub(r"\d+", "N", url)) for url, text in read
                            for secret, kind in secrets.items() if secret in text})
            self.assertEqual(leaks, [], persona)


def api_answers(client) -> list[tuple[str, str]]:
    """GET every API resource of every public partnership that takes only its id."""
    answers = []
    paths = [p for p in api_paths() if p.count("{") == 1 and "{partnership_id}" in p]
    for partnership in Partnership.objects.filter(visibility="public"):
        for path in paths:
            url = path.replace("{partnership_id}", str(partnership.pk))
            response = client.get(url)
            if response.status_code == 200:
                answers.append((url, response.content.decode()))
    for url in ("/api/v1/partnerships", "/api/v1/organisations", "/api/v1/people"):
        response = client.get(url)
        answers.append((url, response.content.decode()))
    return answers


def api_paths() -> list[str]:
    from partnering.api import api

    return sorted({path for path, item in api.get_openapi_schema()["paths"].items()
                   if "get" in item})
