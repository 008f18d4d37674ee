"""A bulk import writes the very rows and audit events it wrote before it was made faster:
the real samples are imported and every row of every table it added (ids as ranks, moments
of the import as "now") is compared with what the import wrote then
(tests/interop/data/iati_written.json; IATI_WRITTEN=update writes it again)."""

import os
from pathlib import Path

from tests.base import PartneringTestCase
from tests.interop.iati_files import run, sample
from tests.interop.written import Written, load, marks, save

GOLDEN = Path(__file__).parent / "data" / "iati_written.json"
FILES = ["netherlands-mfa-example.xml", "worldbank-679.xml", "acfspain-ph.xml"]


class WrittenTest(PartneringTestCase):
    def test_it_writes_the_rows_and_audit_events_it_wrote_before(self):
        before = marks()
        report = run([sample(name) for name in FILES], self.admin)
        self.assertEqual((report.created, report.skipped), (24, 0))
        written = Written(before).plain()
        if os.environ.get("IATI_WRITTEN") == "update":
            save(GOLDEN, written)
        expected = load(GOLDEN)
        self.assertEqual(sorted(written), sorted(expected))
        for table, rows in expected.items():
            self.assertEqual(len(written[table]), len(rows), table)
            for number, (row, want) in enumerate(zip(written[table], rows, strict=True)):
                self.assertEqual(row, want, f"{table} row {number + 1}")
