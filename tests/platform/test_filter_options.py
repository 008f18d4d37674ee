"""A filter's <select> options are rendered once per process (per choices, language and
selected value) and read from there on every later request."""

from django.utils import translation

from partnering.select_options import select_options
from tests.base import PartneringTestCase


def country_select(response) -> str:
    page = response.content.decode()
    start = page.index('<select id="id_country"')
    return page[start:page.index("</select>", start)]


class FilterOptionsTest(PartneringTestCase):
    def test_it_marks_the_chosen_country_and_only_it(self):
        self.sign_in(self.bob)
        select = country_select(self.client.get("/organisations/?country=KE"))
        self.assertIn('<option value="KE" selected>Kenya</option>', select)
        self.assertIn('<option value="SN">Senegal</option>', select)
        self.assertEqual(select.count(" selected>"), 1)
        select = country_select(self.client.get("/organisations/"))
        self.assertIn('<option value="KE">Kenya</option>', select)
        self.assertEqual(select.count(" selected>"), 1)  # "any country"

    def test_it_renders_each_fragment_once_and_escapes_it(self):
        choices = [("", "—"), ("a&b", "<b>A</b>"), (3, "Three")]
        first = select_options(choices, 3)
        self.assertIs(select_options(list(choices), "3"), first)
        self.assertEqual(str(first), '<option value="">—</option>'
                                     '<option value="a&amp;b">&lt;b&gt;A&lt;/b&gt;</option>'
                                     '<option value="3" selected>Three</option>')
        self.assertIsNot(select_options(choices, None), first)
        with translation.override("fr"):
            self.assertIsNot(select_options(choices, 3), first)

    def test_it_renders_option_groups_afresh(self):
        groups = [("Africa", [("KE", "Kenya")])]
        self.assertIsNot(select_options(groups, ""), select_options(groups, ""))
