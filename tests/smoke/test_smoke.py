from tests.base import PartneringTestCase


class SmokeTest(PartneringTestCase):
    def test_it_renders_pages(self):
        self.sign_in(self.alice)
        p = self.private
        for url in [
            "/",
            "/partnerships/",
            "/directory/",
            "/organisations/",
            f"/organisations/{self.trust.pk}/",
            "/people/",
            f"/people/{self.alice_person.pk}/",
            f"/partnerships/{p.pk}/",
            f"/partnerships/{p.pk}/members/",
            f"/partnerships/{p.pk}/lifecycle/",
            f"/partnerships/{p.pk}/meetings/",
            f"/partnerships/{p.pk}/meetings/{self.meeting.pk}/",
            f"/partnerships/{p.pk}/meetings/new/",
            f"/partnerships/{p.pk}/edit/",
            f"/partnerships/{p.pk}/history/",
            "/partnerships/new/",
            "/organisations/new/",
            "/people/new/",
            "/reference/sdg/",
            "/reference/sdg/4/",
            "/reference/codelists/",
            "/reference/codelists/Sector/",
            "/accounts/tokens/",
            "/api/v1/partnerships",
            f"/api/v1/partnerships/{p.pk}/phase",
            "/api/v1/openapi.json",
            "/api/v1/docs",
            "/healthz",
        ]:
            r = self.client.get(url)
            assert r.status_code == 200, (url, r.status_code, r.content[:3000])
        self.client.logout()
        for url in ["/", "/accounts/login/", "/directory/", "/accounts/password-reset/"]:
            r = self.client.get(url)
            assert r.status_code == 200, (url, r.status_code, r.content[:3000])
