"""An agreement proposed for sign-off asks the members that have not signed for their
signature (a notice nobody can turn off); its agreement is news for everyone."""

import time_machine
from django.core import mail

from partnering.agreements import services
from partnering.notifications import services as notifications
from tests.agreements.base import WORLD_BUILT, AgreementTestCase
from tests.notifications.base import Notified


@time_machine.travel(WORLD_BUILT, tick=True)
class AgreementEvents(Notified, AgreementTestCase):
    def test_it_asks_the_mandated_representatives_who_have_not_signed(self):
        version = self.ready()
        self.give_carol_a_mandate()
        with self.fanned_out():
            services.propose(self.bob, version)
        assert self.told("signature_awaited") == {"alice", "carol"}
        assert self.mailed() == {"alice", "carol"}

    def test_it_still_mails_a_signature_request_turned_off(self):
        version = self.ready()
        self.give_carol_a_mandate()
        settings = notifications.settings_of(self.carol)
        settings.frequencies = {"signature_awaited": "off"}
        settings.save()
        with self.fanned_out():
            services.propose(self.bob, version)
        assert "carol" in self.mailed(), "a mandatory notice cannot be turned off"

    def test_it_tells_everyone_once_every_member_signed(self):
        version = self.ready()
        with self.fanned_out():
            self.agree(version)
        assert self.told("agreement_agreed") == {"alice", "bob"}, "carol signed last"
        assert all("agreed" not in m.subject for m in mail.outbox), "in the daily digest"
