"""Privacy of people: a person's self-assessments, 360° results, development plans and
mentoring log are seen only by the person, their manager, their mentor and platform admins.
Every capabilities route, page and API, is walked with every method by an outsider, another
member of the person's office and an anonymous visitor: each answers as for an id that names
nothing (404, or the same refusal), writes nothing and shows nothing private."""

import datetime as dt
import json

from django.apps import apps
from django.test import Client

from partnering.capabilities.development import services as development
from partnering.capabilities.offices import services as offices
from partnering.capabilities.offices.models import RoleProfile
from partnering.capabilities.ratings import services as ratings
from tests.access_walker import routes
from tests.capabilities.base import OfficeTestCase

MISSING = 999_999
PREFIXES = ("competencies/", "people/<int:person_id>/capabilities", "ratings/",
            "development-plans/", "mentoring/", "offices/", "api/v1/competency-framework",
            "api/v1/development-plans", "api/v1/mentoring", "api/v1/offices")
# The parameters that name something private to a person (or a rater, or an office).
PRIVATE = {"person_id", "development_plan_id", "development_goal_id", "goal_action_id",
           "mentoring_pair_id", "rating_request_id", "office_id", "role_profile_id",
           "cohort_id", "rating_campaign_id", "office_member_id", "enrolment_id"}
SECRETS = (b"MARKER-PLAN", b"MARKER-GOAL", b"MARKER-SESSION", b"MARKER-COMMENT")
DAY = "2026-06-01"
BODIES = {
    "self-assessments": {"answers": {"negotiation": 4}},
    "rating-requests": {"rater_ids": [1]},
    "rating_request_id": {"levels": {"negotiation": 3}, "comment": "x"},
    "development-plans": {"person_id": 1, "title": "x"},
    "goals": {"competency_code": "negotiation", "target_level": 4, "due_date": DAY},
    "gaps": {"due_date": DAY, "targets": {"negotiation": 4}},
    "development_goal_id": {"state": "active"},
    "actions": {"kind": "practice", "description": "x"},
    "goal_action_id": {"done": True},
    "evidence": {"text": "x"},
    "sessions": {"date": DAY, "topics": "x"},
    "members": {"person_id": 1},
    "rounds": {"name": "x", "held_on": DAY},
    "cohorts": {"course_id": 1, "name": "x", "starts": DAY},
    "enrolments": {"person_id": 1},
    "role-profiles": {"template_id": 1},
    "role_profile_id": {"title": "x"},
}
PAGE_BODIES = {"state": "active", "kind": "practice", "description": "x", "text": "x",
               "date": DAY, "topics": "x", "title": "x", "grade": "x", "purpose": "x",
               "responsibilities": "x", "competency": "negotiation", "target_level": "4",
               "due_date": DAY, "comment": "x", "name": "x"}


def capability_routes():
    return [r for r in routes() if r.pattern.startswith(PREFIXES)]


def _counts() -> dict:
    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in ("capabilities", "audit")}


def _body(route) -> dict:
    last = route.pattern.rstrip("/").rsplit("/", 1)[-1]
    key = last.strip("<>").split(":")[-1]
    return BODIES.get(key, BODIES.get(last, {}))


class PrivacyWalkTests(OfficeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.action = development.add_action(cls.tiwonge_user, cls.goal, kind="course",
                                            description="Partnering2030 course")
        development.add_evidence(cls.tiwonge_user, cls.goal, text="Led a negotiation")
        development.log_session(cls.ruth, cls.pair, date=dt.date(2026, 2, 1),
                                topics="MARKER-SESSION")
        cls.request_ = ratings.ask_for_ratings(cls.tiwonge_user, cls.tiwonge,
                                               [cls.people[2]])[0]
        other = offices.create_office(cls.admin, organisation=cls.wvm, name="Hidden unit")
        cls.profile = offices.adapt_role_profile(
            cls.admin, other, RoleProfile.objects.filter(office=None).first())
        cls.other_office = other
        from partnering.capabilities.offices.models import Course
        course = offices.create_course(cls.admin, title="Partnering2030")
        cls.cohort = offices.open_cohort(cls.admin, other, course, name="Cohort 1",
                                         starts=dt.date(2026, 3, 1))
        del Course
        cls.member = offices.add_member(cls.admin, other, cls.people[3])
        cls.enrolment = offices.enrol(cls.admin, cls.cohort, cls.people[3])

    def values(self, private: bool) -> dict:
        """The private world's ids: Tiwonge's records, the hidden office's, a rating
        request asked of someone else."""
        if not private:
            return dict.fromkeys(PRIVATE, MISSING) | {"competency_id": 1}
        return {"person_id": self.tiwonge.pk, "development_plan_id": self.plan.pk,
                "development_goal_id": self.goal.pk, "goal_action_id": self.action.pk,
                "mentoring_pair_id": self.pair.pk, "rating_request_id": self.request_.pk,
                "office_id": self.other_office.pk, "role_profile_id": self.profile.pk,
                "cohort_id": self.cohort.pk, "rating_campaign_id": self.request_.campaign_id,
                "office_member_id": self.member.pk, "enrolment_id": self.enrolment.pk,
                "competency_id": self.framework["negotiation"].pk}

    def request(self, client, route, method, values):
        url = route.url(values)
        if method == "get":
            return client.get(url)
        if route.api:
            return getattr(client, method)(url, json.dumps(_body(route)),
                                           content_type="application/json")
        return getattr(client, method)(url, PAGE_BODIES)

    def walk(self, client, persona) -> list[str]:
        findings = []
        for route in capability_routes():
            if not {name for name, _ in route.params} & PRIVATE:
                response = client.get(route.url(self.values(True)))
                findings += [f"{persona}: GET {route.pattern} shows {s}" for s in SECRETS
                             if s in response.content]
                continue
            for method in ("get", "post", "put", "patch", "delete"):
                findings += self.check(client, persona, route, method)
        return findings

    def check(self, client, persona, route, method) -> list[str]:
        before = _counts()
        response = self.request(client, route, method, self.values(True))
        found = []
        if _counts() != before:
            found.append(f"{persona}: {method} {route.pattern} wrote rows")
        if response.status_code != 404:
            reference = self.request(client, route, method, self.values(False))
            if response.status_code != reference.status_code or (
                    method == "get" and response.status_code != 405):
                found.append(f"{persona}: {method} {route.pattern} answered "
                             f"{response.status_code} (unknown id: {reference.status_code})")
        content = b"".join(response.streaming_content) if response.streaming \
            else response.content
        found += [f"{persona}: {method} {route.pattern} shows {s}" for s in SECRETS
                  if s in content]
        return found

    def test_the_walk_covers_every_surface(self):
        patterns = [r.pattern for r in capability_routes()]
        assert len(patterns) >= 40, patterns
        for needed in ("docx", "pdf", "heat-map", "trends", "sessions", "evidence"):
            assert any(needed in p for p in patterns), needed

    def test_an_outsider_reaches_nothing_private(self):
        client = Client()
        client.force_login(self.olga)
        self.assertEqual(self.walk(client, "outsider"), [])

    def test_another_member_of_the_office_reaches_nothing_private(self):
        client = Client()
        client.force_login(self.chikondi_user)
        self.assertEqual(self.walk(client, "office member"), [])

    def test_an_anonymous_visitor_reaches_nothing_private(self):
        self.assertEqual(self.walk(Client(), "anonymous"), [])
