"""bench/discovery_fts.py ranks the same profiles in-process and by SQLite FTS5,
bench/discovery_scale.py reads a process's memory and bench/discovery_bm25_file.py serves
the same index mapped and in memory; small inputs, no timing asserted."""

import contextlib
import io
import pathlib
import tempfile

from django.test import SimpleTestCase

from bench import discovery_bm25_file, discovery_fts, discovery_scale
from tests.discovery.test_matching_bench import ACTIVITY_V2, ORG_V2, V2, write


class DiscoveryBenches(SimpleTestCase):
    def file(self) -> str:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        themes = {"WATER": "borehole pump water sanitation villages",
                  "SCHOOL": "school classroom teachers pupils literacy"}
        activities = [ACTIVITY_V2.format(
            ident=f"A-{theme}-{n}", title=f"{theme.title()} project {n}", text=words,
            orgs="".join(ORG_V2.format(ref=r) for r in (f"XM-DAC-{theme}", f"GB-CHC-{n}")))
            for n in range(3) for theme, words in themes.items()]
        return write(pathlib.Path(folder.name), "v2.xml",
                     V2.format(activities="\n".join(activities)))

    def test_it_ranks_the_same_profiles_in_process_and_by_fts5(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            discovery_fts.main(["--organisations", "300", "--queries", "5", self.file()])
        lines = out.getvalue().splitlines()
        assert lines[0].startswith("300 profiles, 5 problem statements")
        assert "in-process BM25" in lines[1] and "shared with in-process 1.00" in lines[1]
        assert "SQLite FTS5 bm25()" in lines[2]

    def test_it_reads_the_memory_of_this_process(self):
        figures = discovery_scale.memory()
        assert figures["rss"] >= figures["anonymous"] > 0
        assert abs(figures["rss"] - figures["anonymous"] - figures["file"]) <= 1

    def test_it_measures_a_worker_that_maps_the_bm25_file_and_one_that_builds_it(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            discovery_bm25_file.main(["--organisations", "200", "--queries", "3", self.file()])
        lines = out.getvalue().splitlines()
        assert lines[0].startswith("200 profiles, ")
        assert lines[1].startswith("mapped: worker's own memory")
        assert lines[2].startswith("memory: worker's own memory")
