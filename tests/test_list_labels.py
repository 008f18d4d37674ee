"""Labels and SDG badges of list rows, made once per language and process, are the ones the
reader's language gives."""

from django.test import SimpleTestCase
from django.utils import translation

from partnering.partnerships.queries import PHASE_LABELS, STATUS_LABELS
from partnering.partnerships.vocabulary import Status
from partnering.reference.badges import sdg_number_badges
from partnering.rows import Labels


class ListLabelsTest(SimpleTestCase):
    def test_it_gives_each_language_its_own_plain_text_labels(self):
        labels = Labels(lambda: dict(Status.choices))
        with translation.override("en"):
            english = labels()
        with translation.override("fr"):
            french = labels()
        self.assertEqual(english["closed"], "Closed")
        self.assertEqual(french["closed"], "Clôturé")
        self.assertIs(type(french["closed"]), str)
        with translation.override("fr"):
            self.assertIs(labels(), french)  # made once

    def test_it_names_every_phase_of_every_path_with_its_number(self):
        with translation.override("en"):
            self.assertEqual(PHASE_LABELS()["generic", "exploration"],
                             (1, "Exploration & consultation"))
            self.assertEqual(STATUS_LABELS()["active"], "Active")

    def test_it_draws_sdg_badges_in_the_readers_language(self):
        with translation.override("en"):
            self.assertEqual(sdg_number_badges([3, 6]),
                             '<a class="sdg sdg-3" href="/reference/sdg/3/">SDG 3</a> '
                             '<a class="sdg sdg-6" href="/reference/sdg/6/">SDG 6</a> ')
            self.assertEqual(sdg_number_badges([]), "")
        with translation.override("fr"):
            self.assertIn(">ODD 3</a>", sdg_number_badges([3]))
        with translation.override("es"):
            self.assertIn(">ODS 3</a>", sdg_number_badges([3]))
