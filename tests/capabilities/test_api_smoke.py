from tests.apitest import ApiTestCase
from tests.capabilities.base import OfficeTestCase


class SmokeTests(OfficeTestCase, ApiTestCase):
    def test_it_answers(self):
        self.client.force_login(self.tiwonge_user)
        for path in ["/competency-framework", f"/competency-framework/people/{self.tiwonge.pk}",
                     "/development-plans", f"/development-plans/{self.plan.pk}", "/mentoring",
                     f"/mentoring/{self.pair.pk}", "/offices", f"/offices/{self.office.pk}",
                     f"/offices/{self.office.pk}/heat-map", f"/offices/{self.office.pk}/trends",
                     f"/offices/{self.office.pk}/cohorts",
                     f"/offices/{self.office.pk}/role-profiles"]:
            response = self.get(path)
            assert response.status_code == 200, (path, response.content[:300])
