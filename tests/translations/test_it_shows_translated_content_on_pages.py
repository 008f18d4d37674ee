"""The pages show content in the reader's language where translated, with the marker, and
the original on `?original=1`: the partnership, an agreement version, a proposal, an
indicator, the decision log, the results table, a progress report, and the list of
partnerships (one query for the whole list)."""

from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from partnering.governance.decisions import services as governance
from partnering.monitoring.indicators.services import create_indicator
from partnering.monitoring.measurements.services import report_measurement
from partnering.monitoring.reports.services import submit_report
from partnering.translations import services
from tests.agreements.base import AgreementTestCase

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


class TranslatedPagesTests(AgreementTestCase):
    def get_in(self, language: str, path: str):
        with translation.override(language):
            return self.client.get(path, HTTP_ACCEPT_LANGUAGE=language)

    def test_the_partnership_page_shows_the_translation_and_the_marker(self):
        services.save_translations(self.alice, self.private, language="fr", texts={
            "title": "Eau pour Tillabéri", "problem_statement": "Les ménages manquent d'eau."})
        self.sign_in(self.carol)
        html = self.get_in("fr", f"/partnerships/{self.private.pk}/").content.decode()
        assert "<h1>Eau pour Tillabéri</h1>" in html
        assert "Les ménages manquent d&#39;eau." in html
        assert "Traduit de l&#39;original en anglais par Alice Mensah" in html
        original = self.get_in("fr", f"/partnerships/{self.private.pk}/?original=1")
        assert f'<span lang="en">{self.private.problem_statement}</span>' in \
            original.content.decode()
        english = self.get_in("en", f"/partnerships/{self.private.pk}/").content.decode()
        assert "Eau pour Tillabéri" not in english
        assert '<p class="translation-marker">Original' in english

    def test_the_agreement_version_page_shows_translated_sections(self):
        version = self.ready()
        services.save_translations(self.carol, version, language="fr", texts={
            "common_goals": "1. Réparer 40 forages."})
        self.sign_in(self.carol)
        html = self.get_in("fr", f"/partnerships/{self.private.pk}/agreement/versions/1/")
        assert "1. Réparer 40 forages." in html.content.decode()
        assert "?lang=fr" in html.content.decode()  # the export in French

    def test_the_proposal_and_indicator_pages_show_translations(self):
        proposal = governance.create_proposal(
            self.alice, self.private, title="Meet monthly", text="We meet every month.",
            proposed_by_organisation=self.trust, closes_at=timezone.now() + timedelta(days=9))
        indicator = create_indicator(self.alice, self.private, name="Boreholes working",
                                     definition="Boreholes that give water.")
        services.save_translations(self.carol, proposal, language="es",
                                   texts={"title": "Reunirnos cada mes"})
        services.save_translations(self.alice, indicator, language="es",
                                   texts={"name": "Pozos en funcionamiento"})
        self.sign_in(self.carol)
        base = f"/partnerships/{self.private.pk}"
        proposal_page = self.get_in("es", f"{base}/proposals/{proposal.pk}/").content.decode()
        assert "Reunirnos cada mes" in proposal_page and "We meet every month." in proposal_page
        assert "Traducido del inglés por Carol Diallo" in proposal_page
        indicator_page = self.get_in("es", f"{base}/indicators/{indicator.pk}/")
        assert "Pozos en funcionamiento" in indicator_page.content.decode()

    def test_the_list_of_partnerships_costs_one_query_more_in_another_language(self):
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau pour Tillabéri"})
        self.sign_in(self.alice)
        self.get_in("en", "/partnerships/")
        with CaptureQueriesContext(connection) as english:
            self.get_in("en", "/partnerships/")
        with CaptureQueriesContext(connection) as french:
            html = self.get_in("fr", "/partnerships/").content.decode()
        assert "Eau pour Tillabéri" in html
        assert len(french) <= len(english) + 1

    def test_pages_of_several_records_cost_one_query_more_in_another_language(self):
        proposal = governance.create_proposal(
            self.alice, self.private, title="Meet monthly", text="We meet every month.",
            proposed_by_organisation=self.trust, closes_at=timezone.now() + timedelta(days=9))
        services.save_translations(self.alice, proposal, language="fr",
                                   texts={"title": "Se réunir chaque mois"})
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau pour Tillabéri"})
        self.sign_in(self.alice)
        base = f"/partnerships/{self.private.pk}"
        for path in (f"{base}/proposals/{proposal.pk}/", f"{base}/decisions/"):
            self.get_in("en", path)
            with CaptureQueriesContext(connection) as english:
                self.get_in("en", path)
            with CaptureQueriesContext(connection) as french:
                html = self.get_in("fr", path).content.decode()
            assert "Se réunir chaque mois" in html and "Eau pour Tillabéri" in html, path
            assert len(french) <= len(english) + 1, path

    def assert_one_query_more_in_french(self, path: str, *texts: str) -> None:
        self.get_in("en", path)
        with CaptureQueriesContext(connection) as english:
            html = self.get_in("en", path).content.decode()
        assert not any(text in html for text in texts), path
        with CaptureQueriesContext(connection) as french:
            html = self.get_in("fr", path).content.decode()
        assert all(text in html for text in texts), path
        assert len(french) <= len(english) + 1, path

    def test_the_decision_log_shows_translated_proposal_titles(self):
        proposal = governance.create_proposal(
            self.alice, self.private, title="Meet monthly", text="We meet every month.",
            proposed_by_organisation=self.trust, closes_at=timezone.now() + timedelta(days=9))
        with time_machine.travel(timezone.now() + timedelta(days=9, minutes=1), tick=False):
            governance.close_proposal(self.alice, proposal)
        services.save_translations(self.alice, proposal, language="fr",
                                   texts={"title": "Se réunir chaque mois"})
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau pour Tillabéri"})
        self.sign_in(self.alice)
        self.assert_one_query_more_in_french(
            f"/partnerships/{self.private.pk}/decisions/",
            f'{proposal.pk}/">Se réunir chaque mois</a>', "Eau pour Tillabéri")

    def indicators(self):
        names = ("Boreholes working", "Committees trained")
        indicators = [create_indicator(self.alice, self.private, name=name) for name in names]
        for indicator, name in zip(indicators, ("Forages en état", "Comités formés"),
                                   strict=True):
            services.save_translations(self.alice, indicator, language="fr", texts={"name": name})
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau pour Tillabéri"})
        return indicators

    def test_the_results_table_shows_translated_indicator_names(self):
        self.indicators()
        self.sign_in(self.alice)
        self.assert_one_query_more_in_french(
            f"/partnerships/{self.private.pk}/results/",
            "Forages en état", "Comités formés", "Eau pour Tillabéri")

    def test_a_progress_report_shows_translated_indicator_names(self):
        for indicator in self.indicators():
            report_measurement(self.alice, indicator, period_start="2026-01-01",
                               period_end="2026-03-31", value=4)
        report = submit_report(self.alice, self.private, period_start="2026-01-01",
                               period_end="2026-06-30", narrative="Twelve.")
        self.sign_in(self.alice)
        self.assert_one_query_more_in_french(
            f"/partnerships/{self.private.pk}/reports/{report.pk}/",
            "Forages en état", "Comités formés", "Eau pour Tillabéri")
