"""IATI codelists, read from the shipped XML once per process."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from lxml import etree

CODELIST_DIR = Path(__file__).resolve().parent / "data" / "iati" / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class CodelistItem:
    code: str
    name: str
    description: str
    category: str
    names: dict  # language -> name

    @property
    def label(self) -> str:
        """The name in the language of the page where the codelist has one (many IATI
        codelists name their codes in French too), else the English name."""
        return self.names.get((get_language() or "en").split("-")[0]) or self.name


def _narratives(element) -> dict:
    texts = {}
    if element is None:
        return texts
    for narrative in element.findall("narrative"):
        texts[narrative.get(XML_LANG, "en")] = " ".join((narrative.text or "").split())
    return texts


@cache
def codelist(name: str) -> tuple[CodelistItem, ...]:
    path = CODELIST_DIR / f"{name}.xml"
    if not path.is_file() or "/" in name or "\\" in name:
        raise KeyError(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.parse(str(path), parser).getroot()
    items = []
    for item in root.iter("codelist-item"):
        if item.get("status", "active") == "withdrawn":
            continue
        names = _narratives(item.find("name"))
        descriptions = _narratives(item.find("description"))
        items.append(CodelistItem(
            code=item.findtext("code", "").strip(),
            name=names.get("en", next(iter(names.values()), "")),
            description=descriptions.get("en", ""),
            category=(item.findtext("category") or "").strip(),
            names=names,
        ))
    return tuple(items)


@cache
def codes(name: str) -> dict[str, CodelistItem]:
    return {item.code: item for item in codelist(name)}


def choices(name: str) -> list[tuple[str, str]]:
    return [(item.code, f"{item.name}") for item in codelist(name)]


def localised_choices(name: str) -> list[tuple[str, str]]:
    """The codes with their names in the language of the page, for forms and filters."""
    return [(item.code, item.label) for item in codelist(name)]


def available() -> list[str]:
    return sorted(path.stem for path in CODELIST_DIR.glob("*.xml"))
