"""Records keep the language they were written in; members who may edit a record add and
revise translations of its fields, through the service, with an audit event each."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from partnering.audit.models import AuditEvent
from partnering.governance.decisions import services as governance
from partnering.partnerships import services as partnerships
from partnering.translations import services
from partnering.translations.models import ContentTranslation
from partnering.translations.reading import prefetch, shown
from tests.base import PartneringTestCase


class ContentTranslationTests(PartneringTestCase):
    def test_it_records_the_authors_active_language_or_the_site_default(self):
        assert self.private.language == "en"
        with translation.override("fr"):
            partnership = partnerships.create_partnership(
                self.alice, title="Eau potable", problem_statement="L'eau manque.",
                lead_organisation=self.trust)
        assert partnership.language == "fr"

    def test_it_adds_then_revises_a_translation_with_typed_audit_events(self):
        services.save_translations(self.alice, self.private, language="bs",
                                   texts={"title": "Voda za Tillabéri"})
        row = ContentTranslation.objects.get(field="title", language="bs")
        assert (row.text, row.translator, row.translator_name) == (
            "Voda za Tillabéri", self.alice, "Alice Mensah")
        services.save_translations(self.alice, self.private, language="bs",
                                   texts={"title": "Pitka voda za Tillabéri"})
        actions = list(AuditEvent.objects.filter(action__startswith="translation.")
                       .order_by("pk").values_list("action", flat=True))
        assert actions == ["translation.added", "translation.revised"]
        event = AuditEvent.objects.get(action="translation.revised")
        assert event.partnership_id == self.private.pk
        assert event.changes["text"] == ["Voda za Tillabéri", "Pitka voda za Tillabéri"]

    def test_it_writes_nothing_when_nothing_changed(self):
        for _ in range(2):
            services.save_translations(self.alice, self.private, language="fr",
                                       texts={"title": "Eau", "problem_statement": ""})
        assert ContentTranslation.objects.count() == 1
        assert AuditEvent.objects.filter(action__startswith="translation.").count() == 1

    def test_it_lets_only_those_who_may_edit_the_record_translate_it(self):
        with self.assertRaises(PermissionDenied):  # carol is a member, not a steward
            services.save_translations(self.carol, self.private, language="fr",
                                       texts={"title": "Eau"})
        with self.assertRaises(PermissionDenied):
            services.save_translations(self.olga, self.private, language="fr",
                                       texts={"title": "Eau"})
        assert not ContentTranslation.objects.exists()

    def test_it_refuses_the_originals_language_unknown_fields_and_codes(self):
        for language, texts in (("en", {"title": "Water"}), ("xx", {"title": "Water"}),
                                ("fr", {"scope": "Portée"}), ("fr", {"title": "x" * 201})):
            with self.assertRaises(ValidationError):
                services.save_translations(self.alice, self.private, language=language,
                                           texts=texts)
        assert not ContentTranslation.objects.exists()

    def test_it_shows_readers_their_language_and_the_original_otherwise(self):
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau pour Tillabéri"})
        with translation.override("fr"):
            title = shown(self.reload(self.private), "title")
            statement = shown(self.reload(self.private), "problem_statement")
        assert (title.text, title.language, title.is_translation) == (
            "Eau pour Tillabéri", "fr", True)
        assert (statement.text, statement.language) == (self.private.problem_statement, "en")
        with translation.override("es"):
            assert shown(self.reload(self.private), "title").text == self.private.title

    def test_it_loads_the_translations_of_a_whole_list_in_one_query(self):
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau"})
        services.save_translations(self.alice, self.public, language="fr",
                                   texts={"title": "Publique"})
        rows = [self.reload(self.private), self.reload(self.public)]
        with translation.override("fr"), self.assertNumQueries(1):
            prefetch(rows)
            titles = [shown(row, "title").text for row in rows]
        assert titles == ["Eau", "Publique"]
        with translation.override("en"), self.assertNumQueries(0):
            prefetch(rows)  # the page is in the records' own language: nothing to load

    def test_it_forgets_the_translations_of_a_deleted_record(self):
        services.save_translations(self.alice, self.public, language="fr",
                                   texts={"title": "Publique"})
        self.public.delete()
        assert not ContentTranslation.objects.exists()

    def test_it_lets_a_steward_correct_the_originals_language(self):
        services.set_original_language(self.alice, self.private, "bs")
        assert self.reload(self.private).language == "bs"
        assert AuditEvent.objects.filter(action="partnership.updated",
                                         changes__language=["en", "bs"]).exists()

    def test_it_loads_records_of_several_kinds_in_one_query(self):
        proposal = governance.create_proposal(
            self.alice, self.private, title="Meet monthly", text="Every month.",
            proposed_by_organisation=self.trust,
            closes_at=timezone.now() + timedelta(days=30))
        services.save_translations(self.alice, self.private, language="fr",
                                   texts={"title": "Eau"})
        services.save_translations(self.alice, proposal, language="fr",
                                   texts={"title": "Se réunir chaque mois"})
        row = {"id": proposal.pk, "title": proposal.title, "language": "en"}
        partnership = self.reload(self.private)
        with translation.override("fr"), self.assertNumQueries(1):
            prefetch([partnership, (row, "proposal")])
            assert shown(partnership, "title").text == "Eau"
            assert shown(row, "title", kind="proposal").text == "Se réunir chaque mois"

    def test_it_shows_a_translation_in_the_partnerships_history(self):
        services.save_translations(self.alice, self.private, language="bs",
                                   texts={"title": "Voda za Tillabéri"})
        self.client.force_login(self.alice)
        response = self.client.get(f"/partnerships/{self.private.pk}/history/",
                                   HTTP_ACCEPT_LANGUAGE="fr")
        self.assertContains(response, "Voda za Tillabéri")
        self.assertContains(response, "bs")
