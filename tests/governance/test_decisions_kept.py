"""The decisions page's lists are rendered once per data version and reused for every reader
who may see the partnership (partnering.kept): a change through a service, the clock passing
a proposal's reminder or closing time, and who reads (a steward, a member, an outsider) each
show at once.

Tests run inside a transaction, where sections are always built afresh; here they are kept
as outside one."""

import datetime as dt
from unittest import mock

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.governance.base import NOW, GovernanceTestCase

READY_NOTE = "can be closed now"
# The session, the user, the partnership, what ties the reader to it, the unread
# notifications, and the data's version.
KEPT_QUERIES = 6


@time_machine.travel(NOW, tick=False)
@mock.patch("partnering.kept.inside_transaction", return_value=False)
class KeptDecisionListsTest(GovernanceTestCase):
    def decisions(self, user=None) -> str:
        if user is not None:
            self.sign_in(user)
        response = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_reads_the_page_again_in_six_queries_whatever_the_lists_hold(self, _):
        for i in range(3):
            self.propose(title=f"Proposal {i}", closes_at=self.closes_in(days=3 + i))
        self.decisions(self.dan)
        with CaptureQueriesContext(connection) as queries:
            page = self.decisions()
        self.assertEqual(len(queries), KEPT_QUERIES)
        self.assertIn("Proposal 2", page)

    def test_it_shows_a_position_taken_at_once(self, _):
        proposal = self.propose(title="Adopt the map")
        self.assertIn("0 of 3", self.decisions(self.dan))
        self.position(self.dan, proposal, self.ministry, stance="agree")
        self.assertIn("1 of 3", self.decisions(self.dan))

    def test_it_shows_a_new_proposal_at_once(self, _):
        self.decisions(self.dan)
        self.propose(title="Share the borehole data")
        self.assertIn("Share the borehole data", self.decisions(self.dan))

    def test_it_lists_a_proposal_among_the_reminders_once_it_closes_within_48_hours(self, _):
        self.propose(title="Adopt the map", closes_at=self.closes_in(hours=48, seconds=20))
        self.assertNotIn("closes <time", self.decisions(self.dan))
        with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
            self.assertIn("closes <time", self.decisions(self.dan))

    def test_it_marks_a_proposal_ready_to_close_once_its_time_has_passed(self, _):
        self.propose(title="Adopt the map", closes_at=self.closes_in(seconds=20))
        self.assertNotIn("ready to close", self.decisions(self.alice))
        with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
            page = self.decisions(self.alice)
        self.assertIn("ready to close", page)
        self.assertIn(READY_NOTE, page)

    def test_it_tells_only_stewards_what_can_be_closed(self, _):
        self.propose(title="Adopt the map", closes_at=self.closes_in(hours=2))
        with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
            self.assertIn(READY_NOTE, self.decisions(self.alice))
            self.assertNotIn(READY_NOTE, self.decisions(self.dan))
            self.assertIn(READY_NOTE, self.decisions(self.alice))

    def test_it_still_refuses_an_outsider_once_the_lists_are_kept(self, _):
        self.propose(title="Adopt the map")
        self.decisions(self.alice)
        self.sign_in(self.olga)
        response = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Adopt the map", response.content.decode())
