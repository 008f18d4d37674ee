"""The interface's gettext catalogues, one per area (issue 18).

Each Django app of the project keeps its own catalogue in `<app>/locale/<lang>/LC_MESSAGES/
django.po`, which Django finds by itself; the pages, macros and modules that belong to no app
(`partnering/jinja2/`, `partnering/*.py`) keep theirs in `partnering/locale/` (LOCALE_PATHS).
So each area's messages and their translations live beside its code.

Messages are extracted with Babel from Python (gettext, gettext_lazy, ngettext, pgettext,
gettext_noop, ...) and from Jinja2 templates (`_()`, `ngettext()`, `{% trans %}`); the
compiled `.mo` files are built from the `.po` files by `compile_all()`, without GNU gettext.
This module needs no Django settings, so the Makefile can compile before Django starts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The shipped languages besides English, the language the messages are written in.
TRANSLATED = ("fr", "es", "pt")
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}
METHODS = [
    ("**/locale/**", "ignore"),
    ("**/migrations/**", "ignore"),
    ("**/static/**", "ignore"),
    ("**.py", "python"),
    ("**.html", "jinja2"),
    ("**.txt", "jinja2"),
]
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true",
                 "encoding": "utf-8", "silent": "false"}
WIDTH = 100


@dataclass(frozen=True)
class Area:
    """Where one catalogue's messages come from and where its translations are kept."""

    name: str
    source: Path
    skip: tuple[Path, ...] = ()

    @property
    def locale(self) -> Path:
        return self.source / "locale"

    def po_path(self, language: str) -> Path:
        return self.locale / language / "LC_MESSAGES" / "django.po"


def areas() -> list[Area]:
    """The project's apps (folders with a models.py or apps.py), then the rest of the
    package."""
    apps = sorted(path.parent for path in PACKAGE_DIR.glob("*/apps.py"))
    apps += sorted(path.parent for path in PACKAGE_DIR.glob("*/models.py")
                   if path.parent not in apps)
    apps += sorted(path.parent.parent for path in PACKAGE_DIR.glob("*/models/__init__.py")
                   if path.parent.parent not in apps)
    found = [Area(path.name, path) for path in apps]
    return [*found, Area("partnering", PACKAGE_DIR, tuple(apps))]


def area(name: str) -> Area:
    for each in areas():
        if each.name == name:
            return each
    names = ", ".join(each.name for each in areas())
    raise ValueError(f"No area {name!r}: the areas are {names}")


def extract(where: Area) -> Catalog:
    """Every message of an area's code and templates, as a fresh template catalogue."""
    template = Catalog(project="Partnering", fuzzy=False)
    method_map = [*[(f"{skipped.relative_to(where.source)}/**", "ignore")
                    for skipped in where.skip], *METHODS]
    options = {"**.html": JINJA_OPTIONS, "**.txt": JINJA_OPTIONS}
    found = extract_from_dir(str(where.source), method_map=method_map, options_map=options,
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    return template


def read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, project="Partnering", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, omit_header=False,
             include_previous=False)
    path.write_bytes(buffer.getvalue())


def update(where: Area, languages=TRANSLATED) -> dict[str, int]:
    """Bring each language's catalogue of an area up to date with its code: new messages
    are added untranslated, gone ones removed. Returns how many remain untranslated."""
    template = extract(where)
    untranslated = {}
    for language in languages:
        path = where.po_path(language)
        catalog = read(path, language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False,
                       update_creation_date=False)
        catalog.obsolete.clear()
        write(path, catalog)
        untranslated[language] = len(missing_in(template, catalog))
    return untranslated


def message_key(message) -> tuple:
    return (message.id, message.context)


def missing_in(template: Catalog, catalog: Catalog) -> list:
    """Messages of the template with no usable translation in the catalogue: absent,
    empty (any plural form) or marked fuzzy."""
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None or found.fuzzy or not _translated(found.string):
            missing.append(message)
    return missing


def _translated(string) -> bool:
    if isinstance(string, (tuple, list)):
        return bool(string) and all(part.strip() for part in string)
    return bool(string and string.strip())


def compile_all(force: bool = False) -> list[Path]:
    """Compile every `.po` file of the package into the `.mo` beside it (when newer)."""
    written = []
    for path in sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/django.po")):
        target = path.with_suffix(".mo")
        if not force and target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
            continue
        language = path.parent.parent.name
        catalog = read(path, language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        target.write_bytes(buffer.getvalue())
        written.append(target)
    return written


if __name__ == "__main__":
    print(f"Compiled {len(compile_all())} message catalogues")
