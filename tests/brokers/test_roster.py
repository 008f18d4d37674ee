"""The broker roster: a public page of accredited external brokers with filters, a profile
with accreditations and load, and profiles edited by their broker or platform admins."""

from datetime import date

import time_machine

from partnering.brokers.roster import services
from partnering.brokers.roster.models import Accreditation
from tests.brokers.base import BrokersTestCase


class PublicRosterTests(BrokersTestCase):
    def names(self, **query) -> list[str]:
        return [row["name"] for row in self.assert_status(self.get("/brokers", **query),
                                                          200)["items"]]

    def test_it_lists_only_accredited_external_brokers_who_opted_in(self):
        # Moussa is listed but not accredited; Emir is internal; Bob is not listed.
        assert self.names() == ["Ruth Achieng"]
        response = self.client.get("/brokers/")
        self.assertContains(response, "Ruth Achieng")
        self.assertNotContains(response, "Emir Deli")
        self.assertNotContains(response, "Moussa Ibrahim")

    def test_it_shows_every_broker_to_platform_admins(self):
        self.sign_in(self.admin)
        assert self.names() == ["Bob Broker", "Emir Delić", "Moussa Ibrahim", "Ruth Achieng"]

    def test_it_filters_by_language_country_sector_specialty_and_availability(self):
        self.sign_in(self.admin)
        assert self.names(language="bs") == ["Emir Delić", "Moussa Ibrahim", "Ruth Achieng"]
        assert self.names(country="BA") == ["Emir Delić", "Ruth Achieng"]
        assert self.names(sector="child_protection") == ["Moussa Ibrahim", "Ruth Achieng"]
        assert self.names(specialty="conflict_resolution") == ["Ruth Achieng"]
        assert self.names(language="bs", country="HR") == ["Moussa Ibrahim"]
        services.update_profile(self.admin, self.emir_profile, days_per_month=0)
        assert "Emir Delić" not in self.names(available="true")
        response = self.client.get("/brokers/", {"language": "bs", "country": "BA"})
        self.assertContains(response, "Ruth Achieng")
        self.assertNotContains(response, "Moussa Ibrahim")

    def test_it_drops_a_broker_whose_accreditation_expired(self):
        with time_machine.travel(date(2029, 3, 2)):
            assert self.names() == []

    def test_it_computes_the_accreditation_status(self):
        accreditation = Accreditation.objects.get(profile=self.ruth_profile)
        assert accreditation.status_on(date(2027, 1, 1)) == "active"
        assert accreditation.status_on(date(2029, 1, 15)) == "expiring"
        assert accreditation.status_on(date(2029, 3, 2)) == "expired"

    def test_it_shows_a_public_profile_to_visitors_and_hides_the_others(self):
        self.assert_status(self.get(f"/brokers/{self.ruth_profile.pk}"), 200)
        self.assert_status(self.get(f"/brokers/{self.bob_profile.pk}"), 404)
        assert self.client.get(f"/brokers/{self.bob_profile.pk}/").status_code == 404
        self.assertContains(self.client.get(f"/brokers/{self.ruth_profile.pk}/"),
                            "Partnership Brokers Association")


class ProfileEditingTests(BrokersTestCase):
    def test_it_lets_a_broker_edit_their_own_profile_only(self):
        self.sign_in(self.ruth)
        body = self.assert_status(self.patch(f"/brokers/{self.ruth_profile.pk}", {
            "languages": ["bs", "en", "hr"], "days_per_month": "8"}), 200)
        assert body["languages"] == ["bs", "en", "hr"] and body["days_per_month"] == 8.0
        self.assert_status(self.patch(f"/brokers/{self.bob_profile.pk}", {"bio": "x"}), 403)

    def test_it_refuses_unknown_codes_and_unknown_fields(self):
        self.sign_in(self.ruth)
        body = self.assert_status(self.patch(f"/brokers/{self.ruth_profile.pk}", {
            "languages": ["xx"]}), 422)
        assert "xx" in body["detail"]
        self.assert_status(self.patch(f"/brokers/{self.ruth_profile.pk}", {"salary": 1}), 422)
        self.assert_status(self.patch(f"/brokers/{self.ruth_profile.pk}", {
            "specialties": ["juggling"]}), 422)

    def test_it_lets_a_person_join_the_roster_and_only_admins_accredit(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post("/brokers", {
            "kind": "internal", "organisation_id": self.ministry.pk, "languages": ["fr"],
            "specialties": ["evaluation"], "days_per_month": "2"}), 201)
        assert body["name"] == "Carol Diallo" and body["accredited"] is False
        self.assert_status(self.post(f"/brokers/{body['id']}/accreditations", {
            "level": "Accredited", "awarded": "2026-01-01"}), 403)
        self.sign_in(self.admin)
        self.assert_status(self.post(f"/brokers/{body['id']}/accreditations", {
            "level": "Accredited", "awarded": "2026-01-01"}), 201)
        assert self.get(f"/brokers/{body['id']}").json()["accredited"] is True

    def test_it_edits_a_profile_on_its_page(self):
        self.sign_in(self.ruth)
        url = f"/brokers/{self.ruth_profile.pk}/edit/"
        assert self.client.get(url).status_code == 200
        response = self.client.post(url, {"kind": "external", "languages": ["bs"],
                                          "countries": ["BA", "RS"],
                                          "specialties": ["evaluation"],
                                          "days_per_month": "5", "listed": "on"})
        assert response.status_code == 302
        self.ruth_profile.refresh_from_db()
        assert self.ruth_profile.countries == ["BA", "RS"]
        self.sign_in(self.bob)
        assert self.client.get(url).status_code == 403

    def test_it_serves_the_roster_in_a_fixed_number_of_queries(self):
        with self.assertNumQueries(3):
            assert self.client.get("/brokers/").status_code == 200
