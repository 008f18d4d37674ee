"""Dates written into sentences and names in Python follow the reader's language: a
meeting's name, an action's meeting, the messages about a proposal's closing time and an
action's due date, the portfolio's "updated" line. French months, never "%b"'s English."""

import datetime as dt
from types import SimpleNamespace

import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from partnering.formats import local_datetime
from partnering.governance.decisions import checks, queries
from partnering.governance.decisions.views import _recorded
from partnering.governance.models import ProposalStatus
from partnering.monitoring.portfolio.views import _updated
from partnering.partnerships.models import Meeting
from tests.governance.base import NOW, GovernanceTestCase

DAY = dt.date(2026, 12, 7)


def message(error: ValidationError) -> str:
    return " ".join(error.messages)


@time_machine.travel(NOW, tick=True)
class DatesInFrenchTest(GovernanceTestCase):
    def test_it_names_a_meeting_with_a_french_date(self):
        meeting = Meeting(date=DAY, purpose="Bilan annuel")
        with translation.override("fr"):
            self.assertEqual(str(meeting), "7 déc. 2026: Bilan annuel")
        self.assertEqual(str(meeting), "7 Dec 2026: Bilan annuel")

    def test_it_names_an_actions_meeting_with_a_french_date(self):
        row = {"owner_organisation__name": "Trust", "owner_person__name": None,
               "decision__proposal__title": None, "decision__proposal_id": None,
               "meeting__purpose": "Bilan", "meeting__date": DAY, "status": "open",
               "due_date": DAY}
        with translation.override("fr"):
            queries._action_names([row])
        self.assertEqual(row["meeting_title"], "7 déc. 2026: Bilan")

    def test_it_says_when_positions_closed_in_french(self):
        closed = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)  # before NOW
        proposal = SimpleNamespace(status=ProposalStatus.OPEN, closes_at=closed)
        with translation.override("fr"), self.assertRaises(ValidationError) as raised:
            checks.require_open(proposal)
        with translation.override("fr"):
            when = local_datetime(closed)
        self.assertIn("janv. 2026", when)
        self.assertIn(when, message(raised.exception))
        self.assertNotIn(" at ", message(raised.exception))

    def test_it_gives_the_earliest_closing_time_in_french(self):
        with translation.override("fr"), self.assertRaises(ValidationError) as raised:
            checks._too_soon(NOW + dt.timedelta(days=1), 7, NOW)
        self.assertIn("nov. 2026", message(raised.exception))
        self.assertNotIn("Nov 2026", message(raised.exception))

    def test_it_says_when_positions_close_in_french(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/close/"
        response = self.client.post(url, {"review_date": ""}, follow=True,
                                    HTTP_ACCEPT_LANGUAGE="fr")
        with translation.override("fr"):
            when = local_datetime(proposal.closes_at)
        self.assertIn("nov. 2026", when)
        self.assertContains(response, when)
        self.assertNotContains(response, "Nov 2026 at")

    def test_it_says_when_an_action_is_due_in_french(self):
        form = SimpleNamespace(is_valid=lambda: True, cleaned_data={
            "owner_organisation": "Sahel Water Trust", "title": "Publier la carte",
            "due_date": DAY})
        with translation.override("fr"):
            self.assertIn("7 déc. 2026", _recorded(form))
        self.assertIn("7 Dec 2026", _recorded(form))

    def test_it_says_when_the_portfolio_was_updated_in_french(self):
        data = SimpleNamespace(computed_at=dt.datetime(2026, 12, 7, 9, 5, tzinfo=dt.UTC))
        with translation.override("fr"):
            self.assertIn("7 déc. 2026", _updated(data))
        self.assertIn("7 Dec 2026", _updated(data))
