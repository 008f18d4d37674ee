"""Reminders: proposals about to close and which members have not yet taken a position, on
the decisions page, in the API and on each user's dashboard."""

import time_machine

from partnering.partnerships import services as partnerships
from tests.governance.base import NOW, GovernanceTestCase


def awaiting(response) -> str:
    """The dashboard's list of proposals awaiting the user's organisation ('' if none)."""
    content = response.content.decode()
    if "awaiting-heading" not in content:
        return ""
    return content[content.index("awaiting-heading"):content.index("recent-heading")]


@time_machine.travel(NOW, tick=True)
class RemindersTest(GovernanceTestCase):
    def test_it_lists_proposals_closing_within_the_hours_given(self):
        soon = self.propose(title="Soon", closes_at=self.closes_in(hours=30))
        self.propose(title="Later", closes_at=self.closes_in(days=5))
        self.position(self.dan, soon, self.ministry, stance="agree")
        self.sign_in(self.carol)
        (item,) = self.assert_list(self.get(self.url(), closing_within_hours=48), count=1)
        assert item["title"] == "Soon"
        assert item["positions_taken"] == 1
        assert [(m["name"], m["can_decide"]) for m in item["awaiting"]] == [
            ("Clearwater Bottling", True), ("Sahel Water Trust", True)]
        self.assert_list(self.get(self.url(), closing_within_hours=200), count=2)

    def test_it_leaves_out_proposals_past_their_closing_time_and_decided_ones(self):
        past = self.propose(title="Past", closes_at=self.closes_in(hours=1))
        with time_machine.travel(self.closes_in(hours=2)):
            self.sign_in(self.alice)
            self.assert_list(self.get(self.url(), closing_within_hours=48), count=0)
            (row,) = self.assert_list(self.get(self.url(), status="open"), count=1)
            assert row["id"] == past.pk
            assert row["ready_to_close"] is True
            assert row["accepting_positions"] is False

    def test_it_says_which_members_cannot_decide(self):
        self.reload(self.ministry_membership).representatives.filter(
            person=self.ministry_staff).update(has_mandate=False)
        self.propose(closes_at=self.closes_in(hours=5))
        self.sign_in(self.alice)
        (item,) = self.assert_list(self.get(self.url(), closing_within_hours=48))
        assert {m["name"]: m["can_decide"] for m in item["awaiting"]}["Ministry of Water"] \
            is False
        response = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        self.assertContains(response, "Closing within 48 hours")
        self.assertContains(response, "Still waiting for:")
        self.assertContains(response, "no mandate")

    def test_it_shows_reminders_on_the_decisions_page(self):
        self.propose(title="Agree the budget", closes_at=self.closes_in(hours=20))
        self.propose(title="Agree the logo", closes_at=self.closes_in(days=6))
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        content = response.content.decode()
        reminders = content[content.index("Closing within 48 hours"):
                            content.index("Open proposals")]
        assert "Agree the budget" in reminders
        assert "Agree the logo" not in reminders
        self.assertContains(response, "Open proposals (2)")

    def test_it_shows_proposals_awaiting_my_organisation_on_the_dashboard(self):
        first = self.propose(title="Agree the budget", closes_at=self.closes_in(hours=20))
        self.propose(title="Agree the logo")
        self.position(self.dan, first, self.ministry, stance="agree")
        self.sign_in(self.dan)
        section = awaiting(self.client.get("/"))
        assert "Proposals awaiting your organisation" in section
        assert "Agree the logo" in section
        assert "Agree the budget" not in section
        assert "no mandate" not in section
        self.sign_in(self.carol)
        section = awaiting(self.client.get("/"))
        assert "Agree the logo" in section
        assert "You have no mandate to decide for Ministry of Water" in section
        self.sign_in(self.olga)
        assert awaiting(self.client.get("/")) == ""

    def test_it_forgets_proposals_once_closed_or_in_a_closed_partnership(self):
        self.propose(title="Agree the logo", closes_at=self.closes_in(hours=2))
        self.sign_in(self.eve)
        with time_machine.travel(self.closes_in(hours=3)):
            assert "Agree the logo" not in awaiting(self.client.get("/"))
        assert "Agree the logo" in awaiting(self.client.get("/"))
        partnerships.close_partnership(self.alice, self.private, outcome="closed",
                                       reason="Done")
        assert "Agree the logo" not in awaiting(self.client.get("/"))
