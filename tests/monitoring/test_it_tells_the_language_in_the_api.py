"""/api/v1/…/indicators says which language each indicator is written in."""

from partnering.monitoring.models import Indicator
from tests.monitoring.base import MonitoringTestCase


class LanguageOfIndicators(MonitoringTestCase):
    def test_it_gives_the_language_in_the_list_and_in_one_indicator(self):
        Indicator.objects.filter(pk=self.water.pk).update(language="fr")
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/indicators"
        items = {i["id"]: i for i in self.assert_list(self.get(url))}
        assert items[self.water.pk]["language"] == "fr"
        assert items[self.trust_kpi.pk]["language"] == "en"
        body = self.assert_status(self.get(f"{url}/{self.water.pk}"), 200)
        assert body["language"] == "fr"
