"""An indicator linked to a deliverable of the agreement (UN registry of SDG partnerships:
SMART commitments with deliverables), on the form, in the API and on the pages; never to a
deliverable of another partnership."""

import time_machine

from partnering.agreements import services as agreements
from partnering.monitoring import services
from tests.monitoring.base import NOW, MonitoringTestCase


@time_machine.travel(NOW, tick=False)
class DeliverableLinkTest(MonitoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.boreholes = agreements.create_deliverable(
            cls.alice, cls.private, title="Forty boreholes repaired",
            responsible_organisation=cls.ministry, due_date="2026-11-01")
        cls.foreign = agreements.create_deliverable(
            cls.alice, cls.public, title="Open water point map", due_date="2027-01-01")

    def url(self, indicator=None) -> str:
        base = f"/partnerships/{self.private.pk}/indicators"
        return f"{base}/{indicator.pk}" if indicator else base

    def test_it_links_an_indicator_to_a_deliverable_through_the_api(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.url(), {
            "name": "Boreholes working", "baseline_value": "12",
            "baseline_date": "2026-01-01", "deliverable_id": self.boreholes.pk}), 201)
        assert (body["deliverable_id"], body["deliverable_title"]) == (
            self.boreholes.pk, "Forty boreholes repaired")
        body = self.assert_status(self.patch(self.url(self.water),
                                             {"deliverable_id": self.boreholes.pk}), 200)
        assert body["deliverable_title"] == "Forty boreholes repaired"
        event = self.audit_for(self.water, "update").first()
        assert event.changes["deliverable"] == [None, "Forty boreholes repaired"]
        items = self.assert_list(self.get(self.url()))
        assert {i["name"]: i["deliverable_id"] for i in items} == {
            "Households with safe water within 30 minutes": self.boreholes.pk,
            "Water committees trained": None, "Boreholes working": self.boreholes.pk}
        body = self.assert_status(self.patch(self.url(self.water), {"deliverable_id": None}),
                                  200)
        assert (body["deliverable_id"], body["deliverable_title"]) == (None, None)

    def test_it_refuses_a_deliverable_of_another_partnership_with_nothing_changed(self):
        services.update_indicator(self.alice, self.water, deliverable=self.boreholes)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.water):
            for deliverable_id in (self.foreign.pk, self.foreign.pk + 1000):
                body = self.assert_error(self.patch(self.url(self.water),
                                                    {"deliverable_id": deliverable_id}), 422)
                assert "No such deliverable in this partnership" in body["detail"]
                self.assert_error(self.post(self.url(), {
                    "name": "Boreholes working", "deliverable_id": deliverable_id}), 422)
        assert self.reload(self.water).deliverable == self.boreholes

    def test_it_offers_the_partnerships_deliverables_on_the_indicator_form(self):
        self.sign_in(self.alice)
        edit = f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/edit/"
        page = self.client.get(edit).content.decode()
        assert '<label for="id_deliverable">Deliverable of the agreement</label>' in page
        assert f'<option value="{self.boreholes.pk}">Forty boreholes repaired</option>' in page
        assert "Open water point map" not in page
        data = {"name": self.water.name, "measure": "1", "direction": "up",
                "frequency": "annual", "unit": "households", "baseline_value": "100",
                "baseline_date": "2026-01-01", "disaggregation": "sex",
                "responsible_organisation": str(self.ministry.pk), "sdg_code": "6.1.1",
                "result": str(self.output.pk)}
        with self.assert_nothing_saved(self.water):
            response = self.client.post(edit, {**data, "deliverable": str(self.foreign.pk)})
            assert response.status_code == 422
        response = self.client.post(edit, {**data, "deliverable": str(self.boreholes.pk)})
        assert response.status_code == 302
        assert self.reload(self.water).deliverable == self.boreholes

    def test_it_shows_the_deliverable_on_the_indicator_and_results_pages(self):
        services.update_indicator(self.alice, self.water, deliverable=self.boreholes)
        self.sign_in(self.carol)
        link = (f'<a href="/partnerships/{self.private.pk}/agreement/'
                f'#deliverable-{self.boreholes.pk}">Forty boreholes repaired</a>')
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/"
                               f"{self.water.pk}/").content.decode()
        assert "<dt>Deliverable of the agreement</dt>" in page and link in page
        assert "19 days overdue" in page
        page = self.client.get(f"/partnerships/{self.private.pk}/results/").content.decode()
        assert f"Deliverable: {link}" in page
