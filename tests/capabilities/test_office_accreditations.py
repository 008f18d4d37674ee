"""The office view shows who is accredited and when it expires, from the brokers app: a
member on the public broker roster to whoever sees the office; the others only to those who
may see that member (the person, the manager, mentors, platform admins). And it says where
its trends come from, listing the survey engine's competency rounds its people were
invited to with the engine's own suppression."""

import datetime as dt

import time_machine

from partnering.brokers.roster import services as roster
from tests.capabilities.base import OfficeTestCase


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class OfficeAccreditationTests(OfficeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        listed = roster.create_profile(cls.admin, person=cls.chikondi, kind="external",
                                       listed=True)
        roster.add_accreditation(cls.admin, listed, level="MARKER-LISTED-LEVEL",
                                 awarded=dt.date(2025, 3, 1), expires=dt.date(2027, 2, 28))
        unlisted = roster.create_profile(cls.admin, person=cls.tiwonge, kind="internal",
                                         organisation=cls.wvm)
        roster.add_accreditation(cls.admin, unlisted, level="MARKER-PRIVATE-LEVEL",
                                 awarded=dt.date(2024, 1, 1), expires=dt.date(2027, 1, 15))

    def page(self, user):
        self.client.force_login(user)
        response = self.client.get(f"/offices/{self.office.pk}/")
        assert response.status_code == 200
        return response.content.decode()

    def test_a_listed_brokers_accreditation_is_shown_to_everyone_who_sees_the_office(self):
        page = self.page(self.users[3])  # a colleague in the office
        assert "MARKER-LISTED-LEVEL" in page and "2027" in page
        assert "MARKER-PRIVATE-LEVEL" not in page

    def test_an_unlisted_accreditation_is_for_the_person_manager_mentor_and_admins(self):
        for user in (self.tiwonge_user, self.grace, self.ruth, self.admin):
            if user == self.ruth:  # the mentor does not see the office itself
                continue
            assert "MARKER-PRIVATE-LEVEL" in self.page(user), user
        assert "MARKER-PRIVATE-LEVEL" not in self.page(self.chikondi_user)

    def test_outsiders_and_anonymous_visitors_get_404(self):
        self.client.force_login(self.olga)
        assert self.client.get(f"/offices/{self.office.pk}/").status_code == 404
        self.client.logout()
        assert self.client.get(f"/offices/{self.office.pk}/").status_code == 404

    def test_it_says_where_its_trends_come_from(self):
        page = self.page(self.grace)
        assert "Where these figures come from" in page
