"""Who sees a person's capabilities: the person, their manager, their mentor, platform
admins; not their organisation's admin (who is not their manager), nor a colleague."""

from partnering.capabilities import access
from tests.base import make_person, make_user
from tests.capabilities.base import OfficeTestCase


class WhoSeesTests(OfficeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.hr = make_user("hr")
        make_person("Human Resources", cls.wvm, cls.hr, is_organisation_admin=True)

    def surfaces(self):
        return [f"/people/{self.tiwonge.pk}/capabilities/",
                f"/development-plans/{self.plan.pk}/", f"/mentoring/{self.pair.pk}/",
                f"/api/v1/competency-framework/people/{self.tiwonge.pk}",
                f"/api/v1/development-plans/{self.plan.pk}",
                f"/api/v1/mentoring/{self.pair.pk}"]

    def test_the_person_their_manager_mentor_and_admins_see_it(self):
        for user in (self.tiwonge_user, self.grace, self.ruth, self.admin):
            self.client.force_login(user)
            for url in self.surfaces():
                assert self.client.get(url).status_code == 200, (user, url)

    def test_an_organisation_admin_who_is_not_the_manager_and_a_colleague_do_not(self):
        for user in (self.hr, self.chikondi_user, self.olga):
            self.client.force_login(user)
            for url in self.surfaces():
                assert self.client.get(url).status_code == 404, (user, url)

    def test_lists_and_counts_hold_only_what_one_may_see(self):
        self.client.force_login(self.chikondi_user)
        assert self.client.get("/api/v1/development-plans").json() == {"items": [],
                                                                       "count": 0}
        assert self.client.get("/api/v1/mentoring").json() == {"items": [], "count": 0}
        self.client.force_login(self.grace)
        assert self.client.get("/api/v1/development-plans").json()["count"] == 1
        assert set(access.visible_people(self.ruth)) == {self.ruth_person, self.tiwonge}

    def test_the_office_page_links_only_the_people_one_may_see(self):
        self.client.force_login(self.chikondi_user)
        page = self.client.get(f"/offices/{self.office.pk}/").content.decode()
        assert f"/people/{self.tiwonge.pk}/capabilities/" not in page
        assert f"/people/{self.chikondi.pk}/capabilities/" in page
        self.client.force_login(self.grace)
        page = self.client.get(f"/offices/{self.office.pk}/").content.decode()
        assert f"/people/{self.tiwonge.pk}/capabilities/" in page

    def test_an_outsider_and_anonymous_get_404_for_the_office_and_its_heat_map(self):
        for url in (f"/offices/{self.office.pk}/", f"/api/v1/offices/{self.office.pk}/heat-map",
                    f"/api/v1/offices/{self.office.pk}/trends"):
            self.client.force_login(self.olga)
            assert self.client.get(url).status_code == 404
            self.client.logout()
            assert self.client.get(url).status_code == 404
        assert self.client.get("/api/v1/offices").json() == []
