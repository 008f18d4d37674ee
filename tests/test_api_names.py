"""A body names a thing as the answer does; the older names keep working (issue 13, item 5)."""

from partnering.assessments.models import ActionPlanItem
from partnering.monitoring.models import Indicator, Result, Risk
from tests.assessments.helpers import open_round
from tests.monitoring.base import MonitoringTestCase


class InputNamesTests(MonitoringTestCase):
    def path(self, what: str) -> str:
        return f"/partnerships/{self.private.pk}/{what}"

    def test_it_takes_an_indicator_by_the_names_its_answer_uses(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.path("indicators"), {
            "name": "Boreholes working", "responsible_organisation_id": self.ministry.pk,
            "sdg_indicator": "6.1.1", "result_id": self.output.pk,
            "baseline_comment": "Counted in the 2025 survey"}), 201)
        assert body["responsible_organisation_id"] == self.ministry.pk
        assert (body["sdg_indicator"], body["result_id"]) == ("6.1.1", self.output.pk)
        assert body["baseline_comment"] == "Counted in the 2025 survey"
        body = self.assert_status(self.patch(self.path(f"indicators/{body['id']}"), {
            "responsible_organisation_id": self.trust.pk, "result_id": self.outcome.pk}), 200)
        indicator = Indicator.objects.get(pk=body["id"])
        assert (indicator.responsible_organisation_id, indicator.result_id) == (
            self.trust.pk, self.outcome.pk)

    def test_it_still_takes_an_indicator_by_the_older_names(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.path("indicators"), {
            "name": "Boreholes working", "responsible_organisation": self.ministry.pk,
            "sdg_code": "6.1.1", "result": self.output.pk}), 201)
        assert (body["responsible_organisation_id"], body["sdg_indicator"],
                body["result_id"]) == (self.ministry.pk, "6.1.1", self.output.pk)

    def test_it_takes_a_result_parent_and_a_risk_owner_by_their_ids_names(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.path("results"), {
            "title": "Pumps repaired", "parent_id": self.outcome.pk,
            "description": "By the district teams"}), 201)
        assert (body["parent_id"], body["description"]) == (self.outcome.pk,
                                                            "By the district teams")
        assert Result.objects.get(pk=body["id"]).parent_id == self.outcome.pk
        body = self.assert_status(self.post(self.path("risks"), {
            "title": "Drought", "category": "misalignment", "likelihood": 2, "impact": 3,
            "owner_organisation_id": self.ministry.pk}), 201)
        assert Risk.objects.get(pk=body["id"]).owner_organisation_id == self.ministry.pk

    def test_it_takes_sdg_goals_and_targets_as_the_partnership_answers_them(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post("/partnerships", {
            "title": "Clean rivers", "problem_statement": "Rivers carry waste.",
            "lead_organisation_id": self.trust.pk, "sdg_goals": [14],
            "sdg_targets": ["6.3"]}), 201)
        assert (body["sdg_goals"], body["sdg_targets"]) == ([6, 14], ["6.3"])
        body = self.assert_status(self.patch(f"/partnerships/{body['id']}",
                                             {"sdg_goals": [15]}), 200)
        assert (body["sdg_goals"], body["sdg_targets"]) == ([6, 15], ["6.3"])
        body = self.assert_status(self.patch(f"/partnerships/{body['id']}",
                                             {"sdg_codes": ["4"]}), 200)
        assert (body["sdg_goals"], body["sdg_targets"]) == ([4], [])

    def test_it_answers_an_action_plan_item_with_the_owner_name_it_was_given(self):
        round_ = open_round(self.alice, partnership=self.private)
        self.sign_in(self.alice)
        body = self.assert_status(self.post(f"/rounds/{round_.pk}/actions", {
            "title": "Share the map", "due_date": "2027-01-31",
            "owner_organisation_id": self.trust.pk, "owner_name": "Water committee"}), 201)
        item = ActionPlanItem.objects.get(pk=body["id"])
        assert body["owner_name"] == body["owner"] == item.owner_name
