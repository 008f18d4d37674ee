"""The demo's open data: a real IATI file (see data/README.md), imported by the platform
admin as public partnerships."""

from pathlib import Path

from partnering.interop.iati_import import IatiImporter

DEMO_FILE = Path(__file__).resolve().parent / "data" / "dportal-food-security.xml"


def load(loader) -> None:
    report = IatiImporter(loader.users["admin"], public=True).run([str(DEMO_FILE)])
    if report.skipped:
        raise ValueError(f"the demo IATI file did not import: {report.problems[:1]}")
