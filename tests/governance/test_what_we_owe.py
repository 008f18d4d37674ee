"""Each member sees what its organisation owes the partnership and what the others owe."""

import datetime as dt

import time_machine

from tests.governance.base import NOW, TODAY, GovernanceTestCase


def section(response, heading_id: str, next_id: str) -> str:
    content = response.content.decode()
    return content[content.index(heading_id):content.index(next_id)]


@time_machine.travel(NOW, tick=True)
class WhatWeOweTest(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel(NOW):
            cls.map = cls.action(cls, title="Share the water point map",
                                 owner_organisation=cls.ministry,
                                 owner_person=cls.carol_person)
            cls.budget = cls.action(cls, title="Draft the joint budget",
                                    owner_organisation=cls.trust,
                                    owner_person=cls.alice_person)
            cls.bottles = cls.action(cls, title="Price the refill stations",
                                     owner_organisation=cls.bottler,
                                     due_date=TODAY - dt.timedelta(days=4))
            cls.finished = cls.action(cls, title="Book the venue",
                                      owner_organisation=cls.ministry, status="done")

    def page(self):
        return self.client.get(f"/partnerships/{self.private.pk}/actions/")

    def test_it_shows_a_ministry_representative_what_the_ministry_owes(self):
        self.sign_in(self.carol)
        response = self.page()
        ours = section(response, "we-owe-heading", "others-owe-heading")
        theirs = section(response, "others-owe-heading", "all-heading")
        assert "Open actions of Ministry of Water" in ours
        assert "Share the water point map" in ours
        assert "Book the venue" not in ours, "done: nothing more owed"
        assert "Draft the joint budget" not in ours
        assert "Draft the joint budget" in theirs
        assert "Price the refill stations" in theirs
        assert "4 days overdue" in theirs
        assert "Share the water point map" not in theirs

    def test_it_shows_the_lead_what_the_trust_owes(self):
        self.sign_in(self.alice)
        response = self.page()
        ours = section(response, "we-owe-heading", "others-owe-heading")
        assert "Draft the joint budget" in ours
        assert "Share the water point map" not in ours

    def test_it_shows_a_broker_what_every_member_owes(self):
        self.sign_in(self.bob)
        response = self.page()
        self.assertNotContains(response, "What we owe")
        self.assertContains(response, "What the members owe")
        self.assertContains(response, "Share the water point map")
        self.assertContains(response, "Draft the joint budget")

    def test_it_counts_an_organisation_admin_as_speaking_for_the_organisation(self):
        from tests.base import make_user

        fatima = make_user("fatima")
        person = self.reload(self.ministry_staff)
        person.user, person.is_organisation_admin = fatima, True
        person.save()
        self.reload(self.ministry_membership).representatives.filter(person=person).delete()
        self.sign_in(fatima)
        ours = section(self.page(), "we-owe-heading", "others-owe-heading")
        assert "Share the water point map" in ours

    def test_it_answers_the_same_through_the_api(self):
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/actions"
        ours = self.assert_list(self.get(url, owner=self.ministry.pk), count=2)
        assert {a["title"] for a in ours} == {"Share the water point map", "Book the venue"}

    def test_it_lets_owners_update_the_status_from_the_list(self):
        self.sign_in(self.carol)
        response = self.page()
        self.assertContains(response, f'id="status-{self.map.pk}"')
        self.assertNotContains(response, f'id="status-{self.budget.pk}"')
        self.sign_in(self.alice)
        self.assertContains(self.page(), f'id="status-{self.map.pk}"', msg_prefix="steward")
