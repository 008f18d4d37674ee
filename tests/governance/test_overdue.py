"""Overdue actions (past due, neither done nor dropped) are shown to every partner, grouped
per owner organisation, on the actions page and on the partnership's overview."""

import datetime as dt

import time_machine

from partnering.governance.models import Action
from tests.governance.base import NOW, TODAY, GovernanceTestCase


@time_machine.travel(NOW, tick=True)
class OverdueTest(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel(NOW):
            for title, owner, days, status in (
                    ("Share the water point map", cls.ministry, 10, "open"),
                    ("Send the borehole survey", cls.ministry, 1, "in_progress"),
                    ("Price the refill stations", cls.bottler, 3, "open"),
                    ("Book the venue", cls.trust, 20, "done"),
                    ("Print the leaflets", cls.trust, 5, "dropped"),
                    ("Draft the budget", cls.trust, -2, "open")):
                cls.action(cls, title=title, owner_organisation=owner, status=status,
                           due_date=TODAY - dt.timedelta(days=days))

    def test_it_finds_overdue_actions(self):
        overdue = Action.objects.overdue(TODAY)
        assert sorted(a.title for a in overdue) == [
            "Price the refill stations", "Send the borehole survey",
            "Share the water point map"]
        assert Action.objects.get(title="Share the water point map").days_overdue == 10
        assert Action.objects.get(title="Book the venue").days_overdue == 0
        assert Action.objects.get(title="Draft the budget").days_overdue == 0

    def test_it_is_not_overdue_on_the_due_date_itself(self):
        with time_machine.travel(NOW - dt.timedelta(days=1)):
            titles = {a.title for a in Action.objects.overdue()}
        assert "Send the borehole survey" not in titles

    def test_it_lists_overdue_actions_through_the_api(self):
        self.sign_in(self.eve)
        items = self.assert_list(self.get(f"/partnerships/{self.private.pk}/actions",
                                          overdue="true"), count=3)
        assert [(a["title"], a["days_overdue"]) for a in items] == [
            ("Share the water point map", 10), ("Price the refill stations", 3),
            ("Send the borehole survey", 1)]
        assert all(a["is_overdue"] for a in items)
        items = self.assert_list(self.get(f"/partnerships/{self.private.pk}/actions",
                                          overdue="true", owner=self.ministry.pk), count=2)

    def test_it_shows_overdue_actions_per_owner_to_every_partner(self):
        for user in (self.alice, self.carol, self.eve, self.bob, self.admin):
            self.sign_in(user)
            response = self.client.get(f"/partnerships/{self.private.pk}/actions/")
            content = response.content.decode()
            overdue = content[content.index("overdue-heading"):content.index("we-owe-heading")
                              if "we-owe-heading" in content else
                              content.index("others-owe-heading")]
            assert "Ministry of Water: 2 overdue" in overdue, user
            assert "Clearwater Bottling: 1 overdue" in overdue, user
            assert overdue.index("Ministry of Water") < overdue.index("Clearwater"), \
                "the owner with most overdue first"
            assert "Book the venue" not in overdue
            assert "Print the leaflets" not in overdue
            assert "Draft the budget" not in overdue
            assert "10 days overdue" in overdue

    def test_it_shows_overdue_actions_on_the_partnership_overview(self):
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/")
        self.assertContains(response, "Overdue actions")
        self.assertContains(response, "<h3>Clearwater Bottling: 1 overdue</h3>", html=True)
        self.assertContains(response, "<h3>Ministry of Water: 2 overdue</h3>", html=True)
        self.assertContains(response, "3 days overdue")
        self.assertNotContains(response, "Book the venue")

    def test_it_shows_overdue_actions_of_a_public_partnership_to_visitors(self):
        self.action(partnership=self.public, title="Publish the data set",
                    owner_organisation=self.trust, due_date=TODAY - dt.timedelta(days=2))
        response = self.client.get(f"/partnerships/{self.public.pk}/")
        self.assertContains(response, "Publish the data set")
        response = self.client.get(f"/partnerships/{self.public.pk}/actions/")
        self.assertContains(response, "Publish the data set")
        self.assertNotContains(response, "Record an action")

    def test_it_hides_overdue_actions_of_a_private_partnership(self):
        self.sign_in(self.olga)
        assert self.client.get(f"/partnerships/{self.private.pk}/actions/").status_code == 404
        self.assert_error(self.get(f"/partnerships/{self.private.pk}/actions",
                                   overdue="true"), 404)

    def test_it_says_when_nothing_is_overdue(self):
        Action.objects.filter(due_date__lt=TODAY).update(status="done")
        self.sign_in(self.carol)
        self.assertContains(self.client.get(f"/partnerships/{self.private.pk}/actions/"),
                            "No overdue action.")
        self.assertContains(self.client.get(f"/partnerships/{self.private.pk}/"),
                            "No overdue action.")
