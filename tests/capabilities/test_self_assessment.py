"""The competency self-assessment's answers become a person's levels."""

from partnering.capabilities.framework.models import SelfAssessment
from partnering.capabilities.framework.services import current_levels
from tests.apitest import ApiTestCase
from tests.capabilities.base import OfficeTestCase


class SelfAssessmentTests(OfficeTestCase, ApiTestCase):
    def test_answers_become_levels(self):
        self.sign_in(self.tiwonge_user)
        body = self.assert_status(self.post(
            f"/competency-framework/people/{self.tiwonge.pk}/self-assessments",
            {"answers": {"negotiation": 5, "communication": 2, "networking": 3},
             "levels": {"fairness": 3}}), 201)
        assert body["levels"] == {"negotiation": 4, "communication": 1, "networking": 2,
                                  "fairness": 3}
        assert current_levels(self.tiwonge)["negotiation"] == 4

    def test_only_the_person_assesses_themselves(self):
        self.sign_in(self.grace)
        self.assert_status(self.post(
            f"/competency-framework/people/{self.tiwonge.pk}/self-assessments",
            {"answers": {"negotiation": 5}}), 403)
        self.sign_in(self.chikondi_user)
        self.assert_status(self.post(
            f"/competency-framework/people/{self.tiwonge.pk}/self-assessments",
            {"answers": {"negotiation": 5}}), 404)
        assert not SelfAssessment.objects.exists()

    def test_it_refuses_unknown_questions_and_values(self):
        self.sign_in(self.tiwonge_user)
        url = f"/competency-framework/people/{self.tiwonge.pk}/self-assessments"
        self.assert_status(self.post(url, {"answers": {"juggling": 3}}), 422)
        self.assert_status(self.post(url, {"answers": {"negotiation": 6}}), 422)
        self.assert_status(self.post(url, {"answers": {}, "extra": 1}), 422)

    def test_the_page_takes_the_self_assessment(self):
        self.client.force_login(self.tiwonge_user)
        url = f"/people/{self.tiwonge.pk}/capabilities/self-assessment/"
        page = self.client.get(url).content.decode()
        assert "I am confident in: negotiation." in page
        response = self.client.post(url, {"q_negotiation": "4", "l_fairness": "2"})
        assert response.status_code == 302
        assert current_levels(self.tiwonge) == {"negotiation": 3, "fairness": 2}
        self.client.force_login(self.grace)
        assert self.client.get(url).status_code == 404
