"""bench/matching.py: the leave-one-out evaluation reads IATI 1.0x and 2.0x files, hides
each organisation in turn, and reports every method (embeddings off here)."""

import pathlib
import tempfile

from django.test import SimpleTestCase, override_settings

from bench import matching

V2 = """<iati-activities version="2.03">
{activities}
</iati-activities>"""
ACTIVITY_V2 = """<iati-activity>
  <iati-identifier>{ident}</iati-identifier>
  <title><narrative>{title}</narrative></title>
  <description><narrative>{text}</narrative></description>
  {orgs}
</iati-activity>"""
ORG_V2 = '<participating-org ref="{ref}" role="4"><narrative>{ref}</narrative>' \
         '</participating-org>'
# IATI 1.0x: titles, descriptions and names are the elements' own text.
V1 = """<iati-activities version="1.03"><iati-activity>
  <iati-identifier>OLD-1</iati-identifier>
  <title>Borehole drilling and hand pumps</title>
  <description>Boreholes and pump repair for rural villages</description>
  <participating-org role="1">Old Style Donor</participating-org>
  <participating-org role="4" ref="GB-CHC-1">Pump Menders</participating-org>
  <participating-org role="4">Village Water Committee</participating-org>
</iati-activity></iati-activities>"""


def write(folder, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@override_settings(DISCOVERY_EMBEDDINGS=False)
class MatchingBench(SimpleTestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.activities = matching.read_activities(self.files(pathlib.Path(folder.name)))

    def files(self, tmp_path):
        themes = {"WATER": "borehole pump water sanitation villages",
                  "SCHOOL": "school classroom teachers pupils literacy",
                  "CLINIC": "clinic nurses malaria vaccination maternal"}
        activities = []
        for n in range(3):
            for theme, words in themes.items():
                orgs = [f"XM-DAC-{theme}", f"GB-CHC-{theme}{n}", "XM-DAC-DONOR"]
                activities.append(ACTIVITY_V2.format(
                    ident=f"A-{theme}-{n}", title=f"{theme.title()} project {n}",
                    text=words, orgs="".join(ORG_V2.format(ref=r) for r in orgs)))
        return [write(tmp_path, "v2.xml", V2.format(activities="\n".join(activities))),
                write(tmp_path, "v1.xml", V1)]

    def test_it_reads_narratives_and_the_plain_text_of_iati_1(self):
        old = self.activities[-1]
        assert old["text"] == ("Borehole drilling and hand pumps Boreholes and pump repair "
                               "for rural villages")
        assert old["orgs"] == ["name:old style donor", "GB-CHC-1", "name:village water committee"]

    def test_it_hides_each_organisation_in_turn_and_reports_every_method(self):
        corpus = matching.Corpus(self.activities)
        report = matching.evaluate(corpus, "each")
        assert report["queries"] == 9 * 3 + 3
        assert report["split"] == "each"
        assert report["methods"]["embeddings"]["recall@10"] is None
        for method in ("popularity", "bm25", "combined"):
            figures = report["methods"][method]
            assert 0 <= figures["recall@10"] <= 1 and 0 < figures["mrr"] <= 1
        one = matching.evaluate(corpus, "one")
        assert one["queries"] == 9 + 1

    def test_it_finds_the_organisation_that_did_this_work_elsewhere(self):
        corpus = matching.Corpus(self.activities)
        water = corpus.activities.index(
            next(a for a in corpus.activities if a["id"] == "A-WATER-0"))
        known = ["GB-CHC-WATER0", "XM-DAC-DONOR"]
        scores = corpus.rankings(water, known)
        candidates = [o for o in corpus.orgs if o not in known]
        for method in ("bm25", "combined"):
            assert matching.rank_of("XM-DAC-WATER", scores[method], candidates) == 1, method

    def test_it_places_organisations_by_their_identifier_and_activities_by_recipient(self):
        assert matching.country_of("PH-SEC-123") == "PH"
        assert matching.country_of("XM-DAC-41122") == ""
        assert matching.country_of("name:village water committee") == ""
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        orgs = "".join(ORG_V2.format(ref=r) for r in ("XM-DAC-DONOR", "PH-SEC-1", "GB-CHC-9"))
        activity = ACTIVITY_V2.format(ident="PH-1", title="Typhoon shelter", text="shelter",
                                      orgs=orgs).replace(
            "</iati-identifier>", '</iati-identifier><recipient-country code="PH"/>')
        other = ACTIVITY_V2.format(ident="X-1", title="Other", text="other", orgs=orgs)
        path = write(pathlib.Path(folder.name), "ph.xml",
                     V2.format(activities=activity + other))
        corpus = matching.Corpus(matching.read_activities([path]))
        assert corpus.activities[0]["countries"] == ["PH"]
        scores = corpus.rankings(0, ["XM-DAC-DONOR"])
        # Same words, same network: the organisation registered in the Philippines first.
        assert scores["combined"]["PH-SEC-1"] > scores["combined"]["GB-CHC-9"]
        assert scores["combined_no_geography"]["PH-SEC-1"] == \
            scores["combined_no_geography"]["GB-CHC-9"]
