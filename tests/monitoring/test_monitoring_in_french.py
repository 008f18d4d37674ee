"""The monitoring pages in French (issue 18): results and indicators, the indicator page
with its chart, the health index's parts and advice, the risk register and its heat map,
and the portfolio, whose figures are kept in English and shown in the reader's language."""

from django.utils import translation

from partnering.monitoring.charts import risk_heat_map
from partnering.monitoring.health import scoring
from partnering.monitoring.models import RiskStatus
from partnering.monitoring.portfolio.data import compute_portfolio, localised
from partnering.monitoring.risks import services as risk_services
from partnering.partnerships.models import Partnership
from tests.monitoring.base import MonitoringTestCase


class MonitoringInFrenchTest(MonitoringTestCase):
    def page(self, url: str, language: str = "fr"):
        self.sign_in(self.alice)
        with translation.override(language):
            return self.client.get(url, HTTP_ACCEPT_LANGUAGE=language)

    def test_it_shows_results_and_an_indicator_in_french(self):
        page = self.page(f"/partnerships/{self.private.pk}/results/")
        self.assertContains(page, "Résultats et indicateurs")
        self.assertContains(page, "Chaîne de résultats")
        self.assertContains(page, "Effet")  # the outcome's level
        self.assertNotContains(page, "Results chain")
        indicator = self.page(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        self.assertContains(indicator, "Valeurs déclarées")
        self.assertContains(indicator, "Déclarer une valeur")
        self.assertContains(indicator, "Jalon 300 au 2026-12-31")  # the chart's tooltip
        self.assertContains(indicator, "valeurs dans le temps</title>", html=False)

    def test_it_explains_the_health_index_in_french(self):
        page = self.page(f"/partnerships/{self.private.pk}/health/")
        self.assertContains(page, "Indice de santé d'alerte précoce")
        self.assertContains(page, "Dérive des indicateurs clés")
        self.assertContains(page, "La moyenne pondérée des composantes mesurées")
        with translation.override("es"):
            parts = {p.key: p for p in scoring.compute_health(self.private).parts}
        self.assertEqual(parts["high_risks"].label, "Riesgos altos abiertos")
        self.assertEqual(parts["high_risks"].detail, "No hay riesgos registrados.")

    def test_it_draws_the_risk_heat_map_in_french(self):
        risk_services.create_risk(self.alice, self.private, title="Budget cut",
                                  category="underinvestment", likelihood=4, impact=4)
        page = self.page(f"/partnerships/{self.private.pk}/risks/")
        self.assertContains(page, "Registre des risques")
        self.assertContains(page, "Sous-investissement (ressources")
        self.assertContains(page, "16 élevé")
        with translation.override("pt"):
            chart = str(risk_heat_map(self.private.risks.all()))
        self.assertIn("<title id=\"risk-heat-map-t\">Mapa de calor de riscos</title>", chart)
        self.assertIn("Probabilidade 4, impacto 4: 1 risco: Budget cut", chart)
        self.assertIn("Probabilidade →", chart)
        with translation.override("fr"):
            self.assertEqual(str(RiskStatus.OPEN.label), "Ouvert")  # a risk: masculine

    def test_it_shows_the_portfolio_kept_in_english_in_the_readers_language(self):
        with translation.override("fr"):
            kept = compute_portfolio(Partnership.objects.all())  # as the platform keeps it
        self.assertEqual(kept.tables["reporting"][0], "Reporting status")
        with translation.override("es"):
            shown = localised(kept)
        self.assertEqual(shown.tables["reporting"][0], "Estado de los informes")
        self.assertEqual(shown.tables["reporting"][2][0][0], "Al día")
        self.assertTrue(shown.tables["sdg"][2][0][0].startswith("ODS 6: "))
        page = self.page("/portfolio/")
        self.assertContains(page, "Portefeuille")
        self.assertContains(page, "Partenariats par phase</title>", html=False)
        self.assertContains(page, "État des rapports")
