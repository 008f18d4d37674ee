"""Key pages read a fixed number of queries, whatever the number of goals, sessions and
people."""

import datetime as dt

from partnering.capabilities.development import services as development
from partnering.capabilities.framework import services as framework
from tests.capabilities.base import OfficeTestCase


class QueryCountTests(OfficeTestCase):
    def grow(self):
        for code in ("ideation", "marketing", "innovation"):
            goal = development.add_goal(self.tiwonge_user, self.plan,
                                        competency=self.framework[code], target_level=4,
                                        due_date=dt.date(2026, 12, 1))
            development.add_action(self.tiwonge_user, goal, kind="practice",
                                   description="Lead a co-creation workshop")
            development.add_evidence(self.tiwonge_user, goal, text="Workshop notes")
        for user, person in zip(self.users, self.people, strict=True):
            framework.record_self_assessment(user, person, answers={"negotiation": 4})

    def count(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert self.client.get(url).status_code == 200
        return len(queries)

    def test_the_plan_the_profile_and_the_office_pages_do_not_grow(self):
        self.client.force_login(self.grace)
        urls = [f"/development-plans/{self.plan.pk}/", f"/people/{self.tiwonge.pk}/capabilities/",
                f"/offices/{self.office.pk}/"]
        before = [self.count(url) for url in urls]
        self.grow()
        assert [self.count(url) for url in urls] == before

    def test_the_office_page_costs_what_it_costs(self):
        self.client.force_login(self.grace)
        self.client.get(f"/offices/{self.office.pk}/")
        with self.assertNumQueries(21):
            self.client.get(f"/offices/{self.office.pk}/")
