"""/api/v1/translations/<kind>/{id}: read a record's translations, add or revise one with a
strict body (unknown fields answer 422), 404 for whoever may not see the record."""

from datetime import timedelta

from django.utils import timezone

from partnering.governance.decisions import services as governance
from partnering.translations.models import ContentTranslation
from tests.agreements.base import AgreementTestCase


class TranslationApiTests(AgreementTestCase):
    def path(self, kind="partnership", pk=None, language=""):
        tail = f"/{language}" if language else ""
        return f"/translations/{kind}/{pk or self.private.pk}{tail}"

    def put(self, path, data):
        return self._send("put", path, data, None)

    def test_it_adds_and_reads_back_a_translation(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.put(self.path(language="bs"), {
            "title": "Voda za Tillabéri"}), 200)
        assert body["language"] == "en"
        assert body["fields"] == ["title", "problem_statement"]
        [row] = body["translations"]
        assert (row["field"], row["language"], row["text"], row["translator"],
                row["outdated"]) == ("title", "bs", "Voda za Tillabéri", "Alice Mensah", False)
        assert self.assert_status(self.get(self.path()), 200)["translations"] == [row]

    def test_it_refuses_unknown_fields_with_422(self):
        self.sign_in(self.alice)
        self.assert_error(self.put(self.path(language="fr"), {"title": "Eau",
                                                              "scope": "Portée"}), 422)
        self.assert_error(self.put(self.path(language="en"), {"title": "Water"}), 422)
        self.assert_error(self.put(self.path(language="zz"), {"title": "Water"}), 422)
        assert not ContentTranslation.objects.exists()

    def test_it_translates_a_proposal_for_a_member(self):
        proposal = governance.create_proposal(
            self.alice, self.private, title="Meet monthly", text="We meet every month.",
            proposed_by_organisation=self.trust, closes_at=timezone.now() + timedelta(days=10))
        self.sign_in(self.carol)
        body = self.assert_status(self.put(self.path("proposal", proposal.pk, "fr"), {
            "title": "Se réunir chaque mois", "text": "Nous nous réunissons chaque mois."}),
            200)
        assert {t["field"] for t in body["translations"]} == {"title", "text"}

    def test_it_answers_404_to_outsiders_and_401_to_anonymous_writes(self):
        version = self.ready()
        for path in (self.path(), self.path("agreement", version.pk)):
            self.assert_error(self.get(path), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(self.path()), 404)
        self.assert_error(self.put(self.path(language="fr"), {"title": "Eau"}), 404)
        self.client.logout()
        self.assert_error(self.put(self.path(pk=self.public.pk, language="fr"),
                                   {"title": "Eau"}), 401)
        self.sign_in(self.carol)
        self.assert_error(self.put(self.path(language="fr"), {"title": "Eau"}), 403)
        assert not ContentTranslation.objects.exists()

    def test_it_sets_the_originals_language(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.patch(self.path(), {"language": "fr"}), 200)
        assert body["language"] == "fr"
        self.assert_error(self.patch(self.path(), {"language": "fr", "x": 1}), 422)

    def test_it_names_no_translator_to_anonymous_readers(self):
        from partnering.translations import services

        services.save_translations(self.alice, self.public, language="fr",
                                   texts={"title": "Publique"})
        [row] = self.assert_status(self.get(self.path(pk=self.public.pk)), 200)["translations"]
        assert (row["text"], row["translator"]) == ("Publique", "")
