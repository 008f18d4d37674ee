"""Joining a partnership, becoming a broker, and a new phase."""

from django.core import mail

from partnering.notifications.models import Notification
from partnering.partnerships import services
from tests.base import PartneringTestCase, make_person, make_user
from tests.notifications.base import Notified


class PartnershipEvents(Notified, PartneringTestCase):
    def test_it_tells_a_person_named_representative(self):
        dan = make_user("dan")
        person = make_person("Dan Ibrahim", self.ministry, dan)
        with self.fanned_out():
            services.add_representative(self.alice, self.ministry_membership, person=person)
        assert self.told("added") == {"dan"}
        assert mail.outbox == [], "news, not a request: in the daily digest"

    def test_it_tells_a_person_made_broker(self):
        with self.fanned_out():
            services.add_broker(self.alice, self.public, person=self.olga_person,
                                kind="external")
        assert self.told("added") == {"olga"}
        assert "Open Sahel Water Data" in Notification.objects.get(recipient=self.olga).title

    def test_it_tells_the_admins_of_an_organisation_that_joined(self):
        frank = make_user("frank")
        make_person("Frank Bottler", self.bottler, frank, is_organisation_admin=True)
        with self.fanned_out():
            services.add_member(self.alice, self.private, organisation=self.bottler)
        assert self.told("added") == {"frank"}

    def test_it_tells_every_member_and_broker_of_a_new_phase(self):
        with self.fanned_out():
            services.move_to_phase(self.bob, self.private, to_phase="building",
                                   reason="Ready.", confirm_open_items=True)
        assert self.told("phase_changed") == {"alice", "carol"}, "bob moved it"

    def test_it_names_the_phase_each_move_went_to(self):
        with self.fanned_out():
            services.move_to_phase(self.bob, self.private, to_phase="building",
                                   reason="Ready.", confirm_open_items=True)
            services.move_to_phase(self.bob, self.private, to_phase="running",
                                   reason="Agreed.", confirm_open_items=True)
        titles = set(Notification.objects.filter(recipient=self.alice, category="phase_changed")
                     .values_list("title", flat=True))
        assert {title.rpartition("phase ")[2] for title in titles} == {
            "Building, reviewing & re-building",
            "Running: implement, monitor, feed back, celebrate"}
        assert mail.outbox == []
