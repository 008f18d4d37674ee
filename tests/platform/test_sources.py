"""The product cites the practitioner publications by title, author and year, from one
place, with a Sources page; the internal word "seed" for them never reaches it again."""

import re
from pathlib import Path

from django.test import SimpleTestCase

from partnering import sources
from partnering.agreements.templates import TEMPLATES
from partnering.governance.power import measures as power
from partnering.partnerships.lifecycle import PATHS
from tests.base import PartneringTestCase

SRC = Path(__file__).resolve().parents[2] / "src" / "partnering"
# "seed 004", "seeds 000 and 002", "Seed 002's", "the seed texts", "the seeds"; not the
# seed money, grants or funding of a partnership.
INTERNAL = re.compile(r"\bseeds?\s*0\d\d|\bseed\s+texts?\b|\bthe\s+seeds?\b(?!\s+(?:money|"
                      r"grants?|funding))", re.I)


class NoSeedInTheCodeTest(SimpleTestCase):
    def test_it_finds_no_seed_in_templates_mails_or_python(self):
        found = []
        for path in SRC.rglob("*"):
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if INTERNAL.search(line):
                    found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
        self.assertEqual(found, [])

    def test_it_recognises_what_it_looks_for(self):
        for text in ("(seed 004, action 5)", "Seed 002's", "seeds 000 and 002", "the seeds",
                     "drawn from the seed texts"):
            self.assertRegex(text, INTERNAL)
        for text in ("seed money multiplies", "the seed grants", "a seeded layout"):
            self.assertNotRegex(text, INTERNAL)

    def test_it_cites_by_title_author_and_year_from_one_place(self):
        self.assertEqual(sources.cite("strategic-partnering"),
                         "Civilian Secretariat for Police Service, A Guide to Strategic "
                         "Partnering, 2020")
        self.assertEqual(sources.cite("eight-actions", "action 5"),
                         "8 Actions to Get Real Traction in Partnering, action 5")
        self.assertIn("Seyle & Connolly", sources.cite("innovation-in-partnerships"))
        texts = [p.source for p in PATHS.values()] + [t.source for t in TEMPLATES.values()] \
            + [m.advice for m in power.MEASURES]
        for text in texts:
            self.assertTrue(any(s.short in text for s in sources.SOURCES.values()), text)


class SourcesPageTest(PartneringTestCase):
    def test_it_lists_every_publication_linked_from_the_footer(self):
        home = self.client.get("/")
        self.assertContains(home, 'href="/sources/"')
        page = self.client.get("/sources/")
        self.assertEqual(page.status_code, 200)
        for key, source in sources.SOURCES.items():
            self.assertContains(page, f'id="{key}"')
            self.assertContains(page, source.title)
        for words in ("Civilian Secretariat for Police Service", "2020", "Conor Seyle",
                      "Maureen Connolly", "Stanford Social Innovation Review", "SEED",
                      "The Partnering Initiative", "8 Actions to Get Real Traction"):
            self.assertContains(page, words)

    def test_it_links_a_citation_on_a_page_to_its_source(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.private.pk}/power/")
        self.assertContains(page, '<a class="cite" href="/sources/#eight-actions">'
                                  '8 Actions to Get Real Traction in Partnering</a>, action 5')
