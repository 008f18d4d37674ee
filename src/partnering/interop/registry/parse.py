"""Reading a CSV or XLSX file into a Table, and each row's cells into the values the registry
services take (see the package's docstring)."""

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnering.interop.registry.columns import (
    COLUMNS,
    FORMULA_START,
    KEY_COLUMNS,
    KINDS,
    LIST_SEPARATOR,
    LISTS,
    MAX_BYTES,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNZIPPED,
    SDG_SEPARATOR,
    TEXTS,
    FileRefused,
)
from partnering.reference.codelists import choices as codelist_choices
from partnering.reference.countries import country_names
from partnering.reference.models import SdgGoal
from partnering.reference.sdg import parse_sdg_codes
from partnering.registry.validators import clean_tags, validate_iati_org_type
from partnering.registry.vocabulary import Motivation, PartneringInterest, PartneringRole, Sector


@dataclass
class Table:
    kind: str
    file_name: str
    format: str
    columns: list[str]
    unknown_columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, cells)
    delimiter: str = ""


def read_table(kind: str, file_name: str, data: bytes) -> Table:
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose organisations or people.")})
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large_message())
    suffix = Path(file_name).suffix.lower()
    if suffix == ".xlsx":
        return _table(kind, file_name, "xlsx", _xlsx_rows(data))
    if suffix in (".csv", ".txt"):
        rows, delimiter = _csv_rows(data)
        table = _table(kind, file_name, "csv", rows)
        table.delimiter = delimiter
        return table
    if suffix == ".xls":
        raise FileRefused(_("Old Excel .xls files are not read: save the sheet as .xlsx or "
                            "as “CSV UTF-8” and upload that."))
    raise FileRefused(_("Upload a .csv or an .xlsx file."))


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB; split it into smaller files.") % {
        "mb": MAX_BYTES // (1024 * 1024)}


def _csv_rows(data: bytes) -> tuple[Iterator[list], str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The file is not UTF-8 text (byte %(byte)s is not UTF-8). In Excel, save it "
              "with “Save as… CSV UTF-8”; in LibreOffice, tick “Edit filter settings” and "
              "choose Unicode (UTF-8).") % {"byte": error.start + 1}) from error
    if "\x00" in text:
        raise FileRefused(_("The file contains NUL characters: it is not a CSV text file."))
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)  # max keeps the first on a tie

    def rows():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            yield from reader
        except csv.Error as error:
            raise FileRefused(_("Row %(row)s: the CSV cannot be read (%(error)s).") % {
                "row": reader.line_num, "error": error}) from error

    return rows(), delimiter


NOT_XLSX = gettext_lazy("This is not a valid XLSX workbook. Save it again from your "
                        "spreadsheet as “Excel Workbook (.xlsx)”, or as “CSV UTF-8”.")


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise FileRefused(str(NOT_XLSX)) from error
    # zipfile never inflates a part beyond the size its directory declares, so the declared
    # sizes bound what openpyxl can unpack.
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNZIPPED:
        raise FileRefused(_("This workbook unpacks to more than %(mb)s MB; it is not a "
                            "registry sheet.") % {"mb": MAX_UNZIPPED // (1024 * 1024)})
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                              data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(str(NOT_XLSX)) from error
    return _sheet_rows(workbook)


def _sheet_rows(workbook) -> Iterator[tuple]:
    try:
        if not workbook.worksheets:
            raise FileRefused(_("The workbook has no worksheet."))
        sheet = workbook.worksheets[0]
        # Some writers record a wrong used range; read the rows that are really there.
        sheet.reset_dimensions()
        try:
            yield from sheet.iter_rows(values_only=True)
        except FileRefused:
            raise
        except Exception as error:
            raise FileRefused(NOT_XLSX) from error
    finally:
        workbook.close()


def _text(value) -> str:
    """A cell as text, with the export's formula guard taken off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 22.0 → "22": spreadsheets store codes typed as numbers
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _header(title: str) -> str:
    return re.sub(r"[\s\-]+", "_", title.strip().casefold())


def _table(kind: str, file_name: str, fmt: str, rows: Iterable) -> Table:
    rows = iter(rows)
    header = next(rows, None) or ()
    positions, unknown = {}, []
    for index, raw in enumerate(header):
        title = _text(raw)
        if not title:
            continue
        name = _header(title)
        if name not in COLUMNS[kind]:
            unknown.append(title)
        elif name in positions:
            raise FileRefused(_("The column “%(title)s” appears twice; keep one.")
                              % {"title": title})
        else:
            positions[name] = index
    if not any(name in positions for name in KEY_COLUMNS[kind]):
        first, second = KEY_COLUMNS[kind]
        raise FileRefused(
            _("The first row must name the columns, with at least %(first)s or %(second)s. "
              "The columns are: %(columns)s.") % {"first": first, "second": second,
                                                  "columns": ", ".join(COLUMNS[kind])})
    data_rows = []
    for number, raw in enumerate(rows, start=2):
        cells = {name: _text(raw[index]) if index < len(raw) else ""
                 for name, index in positions.items()}
        if not any(cells.values()):
            continue
        if len(data_rows) == MAX_ROWS:
            raise FileRefused(_("The file has more than %(rows)s rows; split it into "
                                "smaller files.") % {"rows": f"{MAX_ROWS:,}"})
        data_rows.append((number, cells))
    columns = [name for name in COLUMNS[kind] if name in positions]
    return Table(kind, file_name, fmt, columns, unknown, data_rows)


# --- Parsing cells ----------------------------------------------------------------------------

def _lookup(pairs) -> dict[str, str]:
    """code or label, case-insensitively → code."""
    found = {}
    for code, label in pairs:
        found.setdefault(str(label).casefold(), code)
    for code, _label in pairs:
        found[str(code).casefold()] = code
    return found


@cache
def _vocabularies() -> dict[str, dict[str, str]]:
    """The English labels (the file's columns are documented in English), whatever the
    language of the request that reads the file first."""
    with translation.override("en"):
        return _vocabulary_lookups()


def _vocabulary_lookups() -> dict[str, dict[str, str]]:
    return {
        "sector": _lookup(Sector.choices),
        "iati_type": _lookup(codelist_choices("OrganisationType")),
        "country": _lookup(country_names().items()),
        "motivations": _lookup(Motivation.choices),
        "interests": _lookup(PartneringInterest.choices),
        "partnering_role": _lookup(PartneringRole.choices),
    }


def _split(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATOR.split(text) if part.strip()]


@cache
def _known_goals() -> frozenset[int]:
    return frozenset(SdgGoal.objects.values_list("number", flat=True))


def _sdg_goals(text: str) -> list[int]:
    codes = [code for code in SDG_SEPARATOR.split(text) if code]
    numbers = [int(code) for code in codes if code.isdigit()]
    if len(numbers) == len(codes) and set(numbers) <= _known_goals():
        return sorted(set(numbers))
    goals, targets = parse_sdg_codes(codes)  # raises the registry's own message
    if targets:
        raise ValidationError(_("Organisations list SDG goals (1–17), not targets."))
    return goals


def _coded(name: str, value: str, errors: dict):
    code = _vocabularies()[name].get(value.casefold())
    if code is not None:
        return code
    if name == "iati_type":
        try:
            validate_iati_org_type(value)
        except ValidationError as error:
            errors[name] = error.messages
    elif name == "country":
        errors[name] = [_("Use an ISO 3166 country code, e.g. KE or JM.")]
    else:
        allowed = ", ".join(sorted(set(_vocabularies()[name].values())))
        errors[name] = [_("“%(value)s” is not one of the choices: %(allowed)s.")
                        % {"value": value, "allowed": allowed}]
    return None


def _coded_list(name: str, value: str, errors: dict) -> list[str]:
    lookup = _vocabularies()[name]
    items = _split(value)
    unknown = [item for item in items if item.casefold() not in lookup]
    if unknown:
        allowed = ", ".join(sorted(set(lookup.values())))
        errors[name] = [_("Unknown choice: %(unknown)s (choose from %(allowed)s).")
                        % {"unknown": ", ".join(unknown), "allowed": allowed}]
        return []
    return list(dict.fromkeys(lookup[item.casefold()] for item in items))


_SKIP = object()  # a cell that sets nothing (its error, if any, is in `errors`)


def _text_cell(name: str, value: str, errors: dict):
    return value


def _list_cell(name: str, value: str, errors: dict):
    return clean_tags(_split(value))


def _coded_cell(name: str, value: str, errors: dict):
    code = _coded(name, value, errors)
    return _SKIP if code is None else code


def _coded_list_cell(name: str, value: str, errors: dict):
    return _coded_list(name, value, errors) or _SKIP


def _website_cell(name: str, value: str, errors: dict):
    try:
        return forms.URLField(assume_scheme="https").to_python(value)
    except ValidationError as error:
        errors[name] = error.messages
        return _SKIP


def _sdg_cell(name: str, value: str, errors: dict):
    try:
        return _sdg_goals(value)
    except ValidationError as error:
        errors[name] = error.messages
        return _SKIP


ORGANISATION_CELLS = {
    "sdg_goals": _sdg_cell,
    **dict.fromkeys(LISTS, _list_cell),
    **dict.fromkeys(("motivations", "interests"), _coded_list_cell),
    **dict.fromkeys(("sector", "iati_type", "country"), _coded_cell),
    "website": _website_cell,
    **dict.fromkeys(TEXTS, _text_cell),
}
PERSON_CELLS = {
    "skills": _list_cell,
    "partnering_role": _coded_cell,
    **dict.fromkeys((*TEXTS, "organisation_identifier", "organisation_name"), _text_cell),
}


def _parse_cells(cells: dict, readers: dict) -> tuple[dict, dict]:
    data, errors = {}, {}
    for name, value in cells.items():
        reader = readers.get(name)
        if not value or reader is None:
            continue
        parsed = reader(name, value, errors)
        if parsed is not _SKIP:
            data[name] = parsed
    return data, errors


def parse_organisation(cells: dict) -> tuple[dict, dict]:
    return _parse_cells(cells, ORGANISATION_CELLS)


def parse_person(cells: dict) -> tuple[dict, dict]:
    return _parse_cells(cells, PERSON_CELLS)
