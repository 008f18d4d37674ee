"""Proposals and actions tell the people who owe something: every voting member's
representatives with a mandate, an action's owner (or its organisation's representatives)."""

import time_machine
from django.core import mail

from partnering.governance.decisions import services
from partnering.notifications.models import Delivery, Notification
from tests.governance.base import NOW, GovernanceTestCase
from tests.notifications.base import Notified


@time_machine.travel(NOW, tick=False)
class GovernanceEvents(Notified, GovernanceTestCase):
    def test_it_asks_each_voting_member_for_its_position(self):
        with self.fanned_out():
            proposal = self.propose()
        # dan and eve hold a mandate; alice proposed it; carol has no mandate; the observer
        # does not vote; bob brokers (no position to take).
        assert self.told("position_needed") == {"dan", "eve"}
        assert self.mailed() == {"dan", "eve"}
        message = mail.outbox[0]
        assert proposal.title in message.subject
        assert f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/" in message.body
        assert message.body.count("http://") >= 1

    def test_it_tells_everyone_of_a_decision_in_the_daily_digest(self):
        proposal = self.propose()
        for user, org in [(self.alice, self.trust), (self.dan, self.ministry),
                          (self.eve, self.bottler)]:
            self.position(user, proposal, org, stance="agree")
        with self.fanned_out():
            services.close_proposal(self.bob, proposal)
        assert self.told("proposal_decided") == {"alice", "carol", "dan", "eve"}
        assert mail.outbox == [], "a decision waits for the daily digest"
        assert set(self.emails("proposal_decided").values_list("frequency", flat=True)) == \
            {"daily"}

    def test_it_tells_the_owner_person_of_an_action(self):
        with self.fanned_out():
            services.create_action(self.alice, self.private, title="Share the map",
                                   owner_organisation=self.ministry,
                                   owner_person=self.carol_person, due_date="2026-12-01")
        assert self.told("action_assigned") == {"carol"}
        assert self.mailed() == {"carol"}
        assert Delivery.objects.get(notification__recipient=self.carol,
                                    channel="email").status == "sent"

    def test_it_tells_the_owner_organisations_representatives_without_an_owner_person(self):
        with self.fanned_out():
            services.create_action(self.alice, self.private, title="Share the map",
                                   owner_organisation=self.ministry, due_date="2026-12-01")
        assert self.told("action_assigned") == {"carol", "dan"}
        assert Notification.objects.filter(needs_action=True).count() == 2
