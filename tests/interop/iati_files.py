"""IATI files for the tests: the real samples (tests/data/iati, and the demo's file shipped
with the package), small synthetic activities, and what a file should import to, counted
straight from the XML."""

import re
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

from lxml import etree

from partnering.interop.iati.importer import IatiImporter

REPO = Path(__file__).resolve().parents[2]
SAMPLES = (REPO / "tests" / "data" / "iati", REPO / "src" / "partnering" / "interop" / "data")
XSD = REPO / "src" / "partnering" / "reference" / "data" / "iati" / "schemas" / \
    "iati-activities-schema.xsd"
ORG_ELEMENTS = ("reporting-org", "participating-org", "provider-org", "receiver-org")
NO_REF = {"n/a", "na", "none", "null", "unknown", "not applicable", "tbc", "tbd", "0", "-"}


def sample(name: str) -> str:
    found = [folder / name for folder in SAMPLES if (folder / name).is_file()]
    assert found, f"the sample {name} is in none of {[str(f) for f in SAMPLES]}"
    return str(found[0])


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _plain_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _ref(raw: str | None) -> str:
    ref = (raw or "").strip().upper()
    if ref.lower() in NO_REF or not any(ch.isalnum() for ch in ref):
        return ""
    if ref.startswith("XM-DAC-") and ref[7:].isdigit():
        return ref[7:]
    return ref


def expected(path: str) -> dict:
    """Counted independently of the importer: activities, organisations (one per usable
    ref, else one per name ignoring case, accents and punctuation), indicators, budgets and
    transactions, in the schema-valid activities."""
    root = etree.parse(path).getroot()
    xsd = schema()
    activities = [a for a in root.iterfind("iati-activity") if xsd.validate(a)]
    refs, names_with_ref, names = set(), set(), set()
    for activity in activities:
        for tag in ORG_ELEMENTS:
            for element in activity.iter(tag):
                if tag == "participating-org" and element.get("role") not in {"1", "2", "3", "4"}:
                    continue
                ref = _ref(element.get("ref"))
                name = next((_plain_name(n.text) for n in element.iterfind("narrative")
                             if _plain_name(n.text)), "")
                if ref:
                    refs.add(ref)
                    names_with_ref.add(name)
                elif name:
                    names.add(name)
    return {
        "activities": len(activities),
        "invalid": len(root.findall("iati-activity")) - len(activities),
        "organisations": len(refs) + len(names - names_with_ref),
        "indicators": sum(len(a.findall("result/indicator")) for a in activities),
        "results": sum(len(a.findall("result")) for a in activities),
        "budgets": sum(len(a.findall("budget")) for a in activities),
        "transactions": sum(len(a.findall("transaction")) for a in activities),
    }


def narrative(text: str, lang: str = "") -> str:
    attribute = f' xml:lang="{lang}"' if lang else ""
    return f"<narrative{attribute}>{text}</narrative>"


def activity(identifier: str = "XM-DAC-41114-TEST-1", *, status: str = "2",
             last_updated: str = "2024-01-01T00:00:00Z", lang: str = "en",
             reporting: tuple = ("XM-DAC-41114", "40", "United Nations Development Programme"),
             titles: dict | None = None, description: str = "Safe water for every school.",
             participants: list | None = None, dates: str = '<activity-date type="2" '
             'iso-date="2023-01-01"/>', body: str = "") -> str:
    """One schema-valid iati-activity. `participants`: (ref, type, role, name); `body`: the
    elements after activity-date, in schema order (recipient-country … result)."""
    titles = titles or {"": "Clean water for schools"}
    participants = participants if participants is not None else [
        ("XM-DAC-41114", "40", "2", "United Nations Development Programme")]
    ref, kind, name = reporting
    parts = [f'<iati-activity xml:lang="{lang}" default-currency="USD"'
             + (f' last-updated-datetime="{last_updated}"' if last_updated else "") + ">",
             f"<iati-identifier>{identifier}</iati-identifier>",
             f'<reporting-org ref="{ref}" type="{kind}">{narrative(name)}</reporting-org>',
             "<title>" + "".join(narrative(text, language) for language, text in titles.items())
             + "</title>",
             f'<description type="1">{narrative(description)}</description>']
    for p_ref, p_type, role, p_name in participants:
        attributes = (f' ref="{p_ref}"' if p_ref else "") + (f' type="{p_type}"' if p_type
                                                              else "")
        parts.append(f'<participating-org{attributes} role="{role}">'
                     f'{narrative(p_name) if p_name else ""}</participating-org>')
    parts += [f'<activity-status code="{status}"/>', dates, body, "</iati-activity>"]
    return "\n".join(parts)


def document(*activities: str, version: str = "2.03") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<iati-activities version="{version}" generated-datetime="2024-01-01T00:00:00">\n'
            + "\n".join(activities) + "\n</iati-activities>\n").encode()


class TempFiles:
    """A temporary directory for written files, removed with the test class."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory()

    def write(self, name: str, content: bytes | str) -> str:
        path = Path(self.dir.name) / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return str(path)

    def cleanup(self) -> None:
        self.dir.cleanup()


def run(paths, actor=None, **options):
    return IatiImporter(actor, **options).run([str(p) for p in paths])
