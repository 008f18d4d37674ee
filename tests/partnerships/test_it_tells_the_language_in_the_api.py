"""/api/v1/partnerships says which language each partnership's text is written in."""

from partnering.partnerships.models import Partnership
from tests.apitest import ApiTestCase


class LanguageOfPartnerships(ApiTestCase):
    def test_it_gives_the_language_in_the_list_and_in_one_partnership(self):
        Partnership.objects.filter(pk=self.private.pk).update(language="fr")
        self.sign_in(self.carol)
        items = {p["id"]: p for p in self.assert_list(self.get("/partnerships"))}
        assert items[self.private.pk]["language"] == "fr"
        assert items[self.public.pk]["language"] == "en"
        body = self.assert_status(self.get(f"/partnerships/{self.private.pk}"), 200)
        assert body["language"] == "fr"
