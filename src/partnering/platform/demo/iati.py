"""The demo's open data: a real IATI file (see interop/data/README.md), imported by the platform
admin as public partnerships.

Two things in the file read like placeholders in a demo, so the demo imports a copy without
them (the file itself stays as published): JASS publishes its partners as "Partner A" (they
are women human rights defenders, kept anonymous for their safety), so that activity is
left out; the European Commission names the partner government "Recipient Government" and
itself "EC_INTPA", which the copy spells out from the activity's recipient country and the
Commission's own name."""

import tempfile
from pathlib import Path

import pycountry
from lxml import etree

from partnering.interop.iati.importer import IatiImporter

DEMO_FILE = (Path(__file__).resolve().parents[2] / "interop" / "data"
             / "dportal-food-security.xml")
LEFT_OUT = {"US-EIN-06-1597-668-PU1-GL"}
EC_NAME = "European Commission - Directorate-General for International Partnerships (INTPA)"


def demo_copy() -> bytes:
    """The demo file without the anonymised activity, with the placeholder names spelt out."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.parse(str(DEMO_FILE), parser).getroot()
    for activity in list(root.iter("iati-activity")):
        if activity.findtext("iati-identifier", "").strip() in LEFT_OUT:
            root.remove(activity)
            continue
        country = activity.find("recipient-country")
        for narrative in activity.iterfind("participating-org/narrative"):
            text = (narrative.text or "").strip()
            if text == "Recipient Government" and country is not None:
                narrative.text = f"Government of {_country_name(country.get('code', ''))}"
            elif text == "EC_INTPA":
                narrative.text = EC_NAME
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    official = getattr(country, "official_name", "")
    return f"the {official}" if official.startswith("Republic") else country.name


def load(loader) -> None:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / DEMO_FILE.name  # the audit trail names the file
        copy.write_bytes(demo_copy())
        report = IatiImporter(loader.users["admin"], public=True).run([str(copy)])
    if report.skipped:
        raise ValueError(f"the demo IATI file did not import: {report.problems[:1]}")
