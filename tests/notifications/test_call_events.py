"""Calls: the invited organisation's people (who may see the call although the partnership
is private: the invited-respondent rule), the stewards for a response, the respondents for
a decision."""

import datetime as dt

from django.core import mail

from partnering.discovery import services
from partnering.notifications.models import Notification
from tests.base import PartneringTestCase
from tests.notifications.base import Notified


class CallEvents(Notified, PartneringTestCase):
    def setUp(self):
        self.call = services.publish_call(
            self.alice, self.private, title="Partners for open water data", needs="Data",
            deadline=dt.date.today() + dt.timedelta(days=30))

    def test_it_tells_the_people_of_an_invited_organisation(self):
        with self.fanned_out():
            services.invite(self.alice, self.call, self.elsewhere)
        assert self.told("call_invited") == {"olga"}, "invited to a private partnership's call"
        assert self.mailed() == {"olga"}
        assert f"/partnerships/{self.private.pk}/calls/{self.call.pk}/" in mail.outbox[0].body

    def test_it_tells_the_stewards_of_a_response_and_the_respondent_of_a_decision(self):
        services.invite(self.alice, self.call, self.elsewhere)
        with self.fanned_out():
            response = services.respond(self.olga, self.call, organisation=self.elsewhere,
                                        statement="We bring data skills.")
        assert self.told("response_received") == {"alice", "bob"}
        with self.fanned_out():
            services.decide(self.alice, response, "shortlist")
        assert self.told("response_decided") == {"olga"}
        assert "shortlisted" in Notification.objects.get(category="response_decided").title
