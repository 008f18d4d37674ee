from partnering.capabilities.offices.models import RoleProfile
from tests.capabilities.base import OfficeTestCase


class PageTests(OfficeTestCase):
    def test_it_shows_the_pages(self):
        self.client.force_login(self.grace)
        template = RoleProfile.objects.filter(office=None).first()
        for url in ["/competencies/", f"/people/{self.tiwonge.pk}/capabilities/",
                    f"/people/{self.tiwonge.pk}/capabilities/plans/new/",
                    f"/development-plans/{self.plan.pk}/", f"/mentoring/{self.pair.pk}/",
                    "/offices/", f"/offices/{self.office.pk}/", "/ratings/",
                    f"/offices/{self.office.pk}/role-profiles/{template.pk}/",
                    f"/offices/{self.office.pk}/role-profiles/{template.pk}.docx",
                    f"/offices/{self.office.pk}/role-profiles/{template.pk}.pdf"]:
            response = self.client.get(url)
            assert response.status_code == 200, (url, response.content[:2000])
        self.client.force_login(self.tiwonge_user)
        response = self.client.get(f"/people/{self.tiwonge.pk}/capabilities/self-assessment/")
        assert response.status_code == 200
