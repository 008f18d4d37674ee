"""Built-in instruments loaded before a language was shipped get it on the next load:
every text whose English is still the shipped one gains the new language; an admin's
rewording and an admin's deletions are left alone."""

from partnering.assessments.builtins import load_builtins
from partnering.assessments.models import Dimension, Instrument, Question, Section
from tests.base import PartneringTestCase


def without_portuguese(texts):
    return {lang: text for lang, text in texts.items() if lang != "pt"}


class BuiltinLanguagesTest(PartneringTestCase):
    def setUp(self):
        self.health = Instrument.objects.get(key="partnership-health-check")
        Instrument.objects.filter(pk=self.health.pk).update(
            title=without_portuguese(self.health.title), languages=["en", "fr", "es"])
        for model, field in ((Section, "title"), (Dimension, "label"), (Question, "label")):
            for row in model.objects.filter(instrument=self.health):
                setattr(row, field, without_portuguese(getattr(row, field)))
                if model is Question:
                    row.choices = [{**c, "label": without_portuguese(c["label"])}
                                   for c in row.choices]
                row.save()
        self.reworded = Question.objects.get(instrument=self.health, code="trust_open")
        self.reworded.label = {"en": "Partners speak openly.", "fr": "Ils parlent."}
        self.reworded.save()
        Question.objects.filter(instrument=self.health, code="fail_values").delete()

    def test_it_adds_the_new_language_and_leaves_admins_edits_alone(self):
        self.assertEqual(load_builtins(), [])
        health = Instrument.objects.get(pk=self.health.pk)
        self.assertEqual(health.title["pt"], "Avaliação da saúde da parceria")
        self.assertIn("pt", health.languages)
        role = health.questions.get(code="role")
        self.assertEqual(role.label["pt"], "Nesta parceria, você é ...")
        self.assertEqual(role.choices[2]["label"]["pt"], "o facilitador de parcerias")
        self.assertEqual(health.sections.get(code="items").title["pt"],
                         "Como funciona a parceria")
        self.assertEqual(health.dimensions.get(code="trust").label["pt"],
                         "Confiança e abertura")
        self.assertEqual(health.questions.get(code="trust_open").label,
                         {"en": "Partners speak openly.", "fr": "Ils parlent."})
        self.assertFalse(health.questions.filter(code="fail_values").exists())
        self.assertEqual(load_builtins(), [])  # and again: nothing changes
