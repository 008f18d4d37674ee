"""The portfolio's words in the reader's language. Its figures are computed with the English
texts (the msgids), because the whole platform's figures are kept in the database for every
reader (monitoring/rollup/platform.py); titles, headers and labels are translated here, when
a page or an export shows them. Names (countries, partnerships) pass through unchanged."""

import re
from dataclasses import replace

from django.utils.translation import gettext

PHASE = re.compile(r"^(?P<number>\d+)\. (?P<name>.+)$")
SDG = re.compile(r"^SDG (?P<number>\d+): (?P<title>.+)$")


def text(value):
    """A msgid in the reader's language; anything else (numbers, names) as it is."""
    if not isinstance(value, str) or not value:
        return value
    return gettext(value)


def phase_label(label: str) -> str:
    """"3. Running" with the phase's name translated."""
    match = PHASE.match(label)
    if not match:
        return text(label)
    return f"{match['number']}. {gettext(match['name'])}"


def sdg_label(label: str) -> str:
    match = SDG.match(label)
    if not match:
        return text(label)
    return gettext("SDG %(number)s: %(title)s") % {"number": match["number"],
                                                    "title": gettext(match["title"])}


def _rows(name: str, rows: list, groups: list) -> list:
    if name == "phase":
        return [(gettext("%(path)s: %(phase)s") % {"path": path, "phase": label}, n)
                for path, phase_rows in groups for label, n in phase_rows]
    label_of = sdg_label if name == "sdg" else text
    return [(label_of(label), text(value)) for label, value in rows]


def localised(portfolio):
    """The portfolio with its words in the reader's language."""
    groups = [(text(path), [(phase_label(label), n) for label, n in rows])
              for path, rows in portfolio.phase_groups]
    tables = {name: (text(title), tuple(text(h) for h in header), _rows(name, rows, groups))
              for name, (title, header, rows) in portfolio.tables.items()}
    return replace(portfolio, tables=tables, phase_groups=groups)
