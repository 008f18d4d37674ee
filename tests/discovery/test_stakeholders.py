"""The stakeholder map: who affects and is affected by the problem, on a grid and in a table."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.discovery import services
from partnering.discovery.models import Stakeholder, strategy
from tests.apitest import TOO_LONG, ApiTestCase


class StakeholderTestCase(ApiTestCase):
    @property
    def url(self) -> str:
        return f"/partnerships/{self.private.pk}/stakeholders"

    def make(self, **data) -> Stakeholder:
        data = {"name": "Roma community leaders", "influence": 2, "interest": 5,
                "stance": "neutral", **data}
        return services.add_stakeholder(self.alice, self.private, **data)


class MappingStakeholders(StakeholderTestCase):
    def test_it_adds_a_stakeholder_through_the_api_with_an_audit_record(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.url, {
            "organisation_id": self.bottler.pk, "influence": 4, "interest": 2, "impact": 3,
            "stance": "opposed", "engagement": "communication", "notes": "Fears costs"}), 201)
        assert body["display_name"] == "Clearwater Bottling"
        assert body["strategy"] == "Keep satisfied"
        stakeholder = Stakeholder.objects.get(pk=body["id"])
        self.assert_audited(stakeholder, "create", self.carol)

    def test_it_lists_and_reads_stakeholders_for_members(self):
        s = self.make()
        self.sign_in(self.carol)
        body = self.assert_status(self.get(self.url), 200)
        assert [row["name"] for row in body] == ["Roma community leaders"]
        one = self.assert_status(self.get(f"{self.url}/{s.pk}"), 200)
        assert one["strategy"] == "Keep informed"

    def test_it_records_the_history_of_changes(self):
        s = self.make()
        self.sign_in(self.alice)
        body = self.assert_status(self.patch(f"{self.url}/{s.pk}", {"stance": "supportive",
                                                                   "influence": 4}), 200)
        assert body["stance"] == "supportive" and body["strategy"] == "Manage closely"
        event = self.assert_audited(s, "update", self.alice)
        assert event.changes["stance"] == ["neutral", "supportive"]
        page = self.client.get(f"/partnerships/{self.private.pk}/stakeholders/")
        self.assertContains(page, "What changed")

    def test_it_removes_a_stakeholder(self):
        s = self.make()
        self.sign_in(self.bob)
        self.assert_status(self.delete(f"{self.url}/{s.pk}"), 204)
        assert not Stakeholder.objects.filter(pk=s.pk).exists()
        assert self.audit_for(s, "delete").exists()

    def test_it_places_stakeholders_in_the_four_classic_quadrants(self):
        assert strategy(5, 5) == "Manage closely"
        assert strategy(4, 1) == "Keep satisfied"
        assert strategy(2, 4) == "Keep informed"
        assert strategy(3, 3) == "Monitor"


class StakeholderMapPage(StakeholderTestCase):
    def test_it_draws_the_grid_as_accessible_svg_with_a_table(self):
        self.make()
        self.make(name="Centre for Social Work", influence=5, interest=4, stance="supportive")
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/stakeholders/")
        self.assertContains(response, "<svg")
        for label in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"):
            self.assertContains(response, label)
        self.assertContains(response, '<title id="grid-title">')
        self.assertContains(response, "Centre for Social Work")
        self.assertContains(response, '<th scope="row">Roma community leaders')

    def test_it_adds_and_edits_a_stakeholder_from_the_page(self):
        self.sign_in(self.carol)
        response = self.client.post(f"/partnerships/{self.private.pk}/stakeholders/new/", {
            "name": "Local police", "influence": "4", "interest": "3", "impact": "2",
            "stance": "neutral", "engagement": "communication", "notes": ""})
        self.assertEqual(response.status_code, 302)
        s = Stakeholder.objects.get(name="Local police")
        response = self.client.post(
            f"/partnerships/{self.private.pk}/stakeholders/{s.pk}/",
            {"name": "Local police", "influence": "5", "interest": "4", "impact": "2",
             "stance": "supportive", "engagement": "cooperation", "notes": "Joined"})
        self.assertEqual(response.status_code, 302)
        assert self.reload(s).influence == 5
        self.client.post(f"/partnerships/{self.private.pk}/stakeholders/{s.pk}/remove/")
        assert not Stakeholder.objects.filter(pk=s.pk).exists()

    def test_it_shows_form_errors_and_saves_nothing(self):
        self.sign_in(self.carol)
        response = self.client.post(f"/partnerships/{self.private.pk}/stakeholders/new/", {
            "name": "", "influence": "3", "interest": "3", "impact": "3",
            "stance": "neutral", "engagement": "none"})
        self.assertContains(response, "Name the stakeholder", status_code=422)
        assert not Stakeholder.objects.exists()

    def test_it_keeps_the_map_page_to_a_fixed_number_of_queries(self):
        self.sign_in(self.alice)
        url = f"/partnerships/{self.private.pk}/stakeholders/"

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        for i in range(5):
            self.make(name=f"Group {i}", organisation=self.bottler)
        small = count()
        for i in range(45):
            self.make(name=f"More {i}", organisation=self.elsewhere)
        self.assertEqual(count(), small)


class StakeholderRefusals(StakeholderTestCase):
    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.alice)
        for payload in ({"name": ""}, {"name": "X", "influence": 6},
                        {"name": "X", "interest": 0}, {"name": "X", "stance": "hostile"},
                        {"name": "X", "engagement": "friends"}, {"name": "X", "notes": TOO_LONG},
                        {"name": "y" * 201}):
            with self.assert_nothing_saved():
                self.assert_error(self.post(self.url, payload), 422)
        assert not Stakeholder.objects.exists()

    def test_it_answers_404_for_an_unknown_organisation(self):
        self.sign_in(self.alice)
        self.assert_error(self.post(self.url, {"organisation_id": 10**6}), 404)

    def test_it_hides_the_map_from_outsiders(self):
        s = self.make()
        self.sign_in(self.olga)
        self.assert_error(self.get(self.url), 404)
        self.assert_error(self.patch(f"{self.url}/{s.pk}", {"stance": "opposed"}), 404)
        self.assertEqual(self.client.get(f"/partnerships/{self.private.pk}/stakeholders/")
                         .status_code, 404)

    def test_it_keeps_stances_of_a_public_partnership_for_its_members(self):
        services.add_stakeholder(self.alice, self.public, name="Water vendors", stance="opposed")
        self.sign_in(self.olga)
        self.assert_error(self.get(f"/partnerships/{self.public.pk}/stakeholders"), 403)
        self.assert_error(self.post(f"/partnerships/{self.public.pk}/stakeholders",
                                    {"name": "Me"}), 403)
        self.assertEqual(self.client.get(f"/partnerships/{self.public.pk}/stakeholders/")
                         .status_code, 403)

    def test_it_lets_admins_map_stakeholders(self):
        self.sign_in(self.admin)
        self.assert_status(self.post(self.url, {"name": "Schools in Tuzla"}), 201)

    def test_it_needs_a_sign_in_to_write(self):
        self.assert_error(self.post(f"/partnerships/{self.public.pk}/stakeholders",
                                    {"name": "Anon"}), 401)
