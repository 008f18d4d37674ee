"""The registry's organisations and people as CSV and XLSX: import with a preview, and export.

Reading a file
- CSV is read as UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one).
  Other encodings are refused with a message saying how to save the file as UTF-8, rather than
  guessed: a guess turns "Bihać" into "BihaÄ‡" without anyone noticing. The delimiter is
  whichever of `,` `;` or a tab occurs most often in the header line (`,` on a tie): Excel
  writes `;` where the decimal separator is a comma. csv.Sniffer guesses from the data as
  well, and is fooled by the commas and semicolons in missions and lists.
- XLSX is read from the first worksheet with openpyxl (read_only, data_only: values, never
  formulas). The zip is inspected first: a file that is not a zip, has more than MAX_PARTS
  parts or unpacks to more than MAX_UNZIPPED bytes (a "zip bomb") is refused before openpyxl
  opens it; openpyxl parses the XML with defusedxml, so no entity expansion.
- The first row names the columns, matched case-insensitively (spaces and dashes count as
  underscores). Unknown columns are reported and ignored; blank rows are skipped. Lists
  (motivations, interests, competencies, resources, skills) are separated by `;` or `|`, SDG
  goals by `;` (`,`, `|` and spaces also work); an item that itself contains `;` or `|`
  (the registry's forms separate by commas) comes back split. Coded columns (sector,
  iati_type, country, motivations, interests, partnering_role) take the code or its label.
- On an update, an empty cell (or a missing column) leaves the current value alone: a sheet
  with a few columns filled in must not erase the rest of a profile. A field is cleared in
  the registry itself.

Matching (a broker's registry has several "Ministry of Health"s)
- Organisations: the identifier (case-insensitive) first; else the exact name
  (case-insensitive), but only an organisation whose identifier and country do not
  contradict the row's; several such → the row is rejected as ambiguous. Otherwise created.
- People: the e-mail (case-insensitive) first; else the name within the row's organisation
  (organisation_identifier, else organisation_name; a row without either matches people
  without an organisation), again only where the e-mail does not contradict the row's.
- Two rows of one file that would write the same record (or the same identifier or e-mail)
  are all rejected: which one is right is for the person who made the file to say.

Preview and confirm
The preview runs every row through registry.services.check_organisation / check_person (the
forms' validation and permissions, without saving) and keeps the file under an unguessable
name in the uploader's own folder, registry-imports/<user>/, of the default storage
(STORAGES: a folder, a shared volume or an S3-compatible store). Confirming reads that file
again and plans it again against the registry as it is then (the preview is not trusted),
then writes the valid rows through create_/update_organisation and create_/update_person, each
with its audit event, WRITE_BATCH rows to a transaction (SQLite has one writer: a file of
10,000 rows must not hold every other writer up until its end); a row the services refuse at
that point is rolled back alone and reported. Unchanged rows are not written, so they need no
permission. The confirmation runs as a background job (registry_jobs.py) whose page shows its
progress; a job interrupted midway runs again, and the rows it had written show as unchanged.

Export and formula injection
A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula,
so a registry entry typed by anyone could run on the computer of whoever opens the export
("CSV injection"). Such cells are written with a leading apostrophe, which spreadsheets show
as text; the import removes that one apostrophe again, so export → import is unchanged.
"""

import csv
import io
import json
import re
import secrets
import tempfile
import time
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from itertools import islice
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from partnering.reference.codelists import choices as codelist_choices
from partnering.reference.countries import country_names
from partnering.reference.models import SdgGoal
from partnering.reference.sdg import parse_sdg_codes
from partnering.registry import permissions, services
from partnering.registry.models import Organisation, Person
from partnering.registry.validators import validate_iati_org_type
from partnering.registry.vocabulary import (
    Motivation,
    PartneringInterest,
    PartneringRole,
    Sector,
)

ORGANISATIONS, PEOPLE = "organisations", "people"
KINDS = {ORGANISATIONS: "Organisations", PEOPLE: "People"}
COLUMNS = {
    ORGANISATIONS: ["name", "acronym", "identifier", "iati_type", "sector", "country",
                    "website", "mission", "motivations", "interests", "interests_note",
                    "competencies", "resources", "sdg_goals"],
    PEOPLE: ["name", "email", "organisation_identifier", "organisation_name", "job_title",
             "partnering_role", "skills"],
}
_HELP = {
    "name": "The organisation's full name; needed for a new one.",
    "acronym": "Short name, e.g. WV BiH.",
    "identifier": "org-id / IATI identifier: registration agency, then the number, e.g. "
                  "GB-CHC-202918 or XM-DAC-928. Rows are matched on it first.",
    "iati_type": "IATI OrganisationType: the code or its name, e.g. 21 or International NGO.",
    "sector": "public, private, civil_society, academia, faith_based, community, "
              "multilateral or philanthropy (or its label). Left empty on a new "
              "organisation, it follows from iati_type.",
    "country": "ISO 3166 code (KE, BA, JM) or the country's English name.",
    "website": "Its address; https:// is added when left out.",
    "mission": "What it does.",
    "motivations": "What moves it to partner, separated by ; — "
                   + ", ".join(Motivation.values) + ".",
    "interests": "What it wants from partnering, separated by ; — "
                 + ", ".join(PartneringInterest.values) + ".",
    "interests_note": "What it wants from a partnership, in its own words.",
    "competencies": "What it is good at, separated by ; or |.",
    "resources": "What it can bring (cash, in kind, expertise, data, networks), "
                 "separated by ; or |.",
    "sdg_goals": "SDG goal numbers (1–17) separated by ;, e.g. 6; 11.",
    "email": "Rows are matched on it first.",
    "organisation_identifier": "The identifier of the organisation they work for (already "
                               "in the registry).",
    "organisation_name": "Or its exact name, when it has no identifier.",
    "job_title": "",
    "partnering_role": "One of " + ", ".join(PartneringRole.values) + " (or its label); "
                       "representative when left empty on a new person.",
    "skills": "Partnering skills, separated by ; or |.",
}
COLUMN_HELP = {
    ORGANISATIONS: {column: _HELP[column] for column in COLUMNS[ORGANISATIONS]},
    PEOPLE: {**{column: _HELP[column] for column in COLUMNS[PEOPLE]},
             "name": "Their full name; needed for a new person."},
}
# A file needs one of these to say which record each row is.
KEY_COLUMNS = {ORGANISATIONS: ("name", "identifier"), PEOPLE: ("name", "email")}
LISTS = ("motivations", "interests", "competencies", "resources", "skills")
TEXTS = ("name", "acronym", "identifier", "mission", "interests_note", "email", "job_title")

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_PARTS = 1_000
KEEP_UPLOADS = 24 * 3600  # seconds a previewed file waits for its confirmation
CHUNK = 900  # ids per IN (...) query: below SQLite's historical limit of 999 parameters

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = re.compile(r"[;|]")
SDG_SEPARATOR = re.compile(r"[;|,\s]+")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CREATE, UPDATE, UNCHANGED, REJECTED = "create", "update", "unchanged", "rejected"
ACTIONS = (CREATE, UPDATE, UNCHANGED, REJECTED)


class FileRefused(ValidationError):
    """The whole file is refused (not a spreadsheet, too big, no header...)."""

    def __init__(self, message: str):
        super().__init__(message, code="file_refused")


# --- Reading files --------------------------------------------------------------------------

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
        raise ValidationError({"kind": "Choose organisations or people."})
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
        raise FileRefused("Old Excel .xls files are not read: save the sheet as .xlsx or as "
                          "“CSV UTF-8” and upload that.")
    raise FileRefused("Upload a .csv or an .xlsx file.")


def too_large_message() -> str:
    return (f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller "
            "files.")


def _csv_rows(data: bytes) -> tuple[Iterator[list], str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"The file is not UTF-8 text (byte {error.start + 1} is not UTF-8). In Excel, "
            "save it with “Save as… CSV UTF-8”; in LibreOffice, tick “Edit filter settings” "
            "and choose Unicode (UTF-8).") from error
    if "\x00" in text:
        raise FileRefused("The file contains NUL characters: it is not a CSV text file.")
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)  # max keeps the first on a tie

    def rows():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            yield from reader
        except csv.Error as error:
            raise FileRefused(f"Row {reader.line_num}: the CSV cannot be read ({error}).") \
                from error

    return rows(), delimiter


NOT_XLSX = ("This is not a valid XLSX workbook. Save it again from your spreadsheet as "
            "“Excel Workbook (.xlsx)”, or as “CSV UTF-8”.")


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise FileRefused(NOT_XLSX) from error
    # zipfile never inflates a part beyond the size its directory declares, so the declared
    # sizes bound what openpyxl can unpack.
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNZIPPED:
        raise FileRefused(f"This workbook unpacks to more than "
                          f"{MAX_UNZIPPED // (1024 * 1024)} MB; it is not a registry sheet.")
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                              data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(NOT_XLSX) from error
    return _sheet_rows(workbook)


def _sheet_rows(workbook) -> Iterator[tuple]:
    try:
        if not workbook.worksheets:
            raise FileRefused("The workbook has no worksheet.")
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
            raise FileRefused(f"The column “{title}” appears twice; keep one.")
        else:
            positions[name] = index
    if not any(name in positions for name in KEY_COLUMNS[kind]):
        raise FileRefused(
            f"The first row must name the columns, with at least "
            f"{' or '.join(KEY_COLUMNS[kind])}. The columns are: {', '.join(COLUMNS[kind])}.")
    data_rows = []
    for number, raw in enumerate(rows, start=2):
        cells = {name: _text(raw[index]) if index < len(raw) else ""
                 for name, index in positions.items()}
        if not any(cells.values()):
            continue
        if len(data_rows) == MAX_ROWS:
            raise FileRefused(f"The file has more than {MAX_ROWS:,} rows; split it into "
                              "smaller files.")
        data_rows.append((number, cells))
    columns = [name for name in COLUMNS[kind] if name in positions]
    return Table(kind, file_name, fmt, columns, unknown, data_rows)


# --- Parsing cells ----------------------------------------------------------------------------

def _lookup(pairs) -> dict[str, str]:
    """code or label, case-insensitively → code."""
    found = {}
    for code, label in pairs:
        found.setdefault(str(label).casefold(), code)
    for code, _ in pairs:
        found[str(code).casefold()] = code
    return found


@cache
def _vocabularies() -> dict[str, dict[str, str]]:
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


def _tags(tags) -> list[str]:
    """A list as registry.services stores it: spaces collapsed, duplicates dropped."""
    seen, clean = set(), []
    for tag in tags or []:
        tag = " ".join(str(tag).split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            clean.append(tag)
    return clean


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
        raise ValidationError("Organisations list SDG goals (1–17), not targets.")
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
        errors[name] = ["Use an ISO 3166 country code, e.g. KE or JM."]
    else:
        allowed = ", ".join(sorted(set(_vocabularies()[name].values())))
        errors[name] = [f"“{value}” is not one of the choices: {allowed}."]
    return None


def _coded_list(name: str, value: str, errors: dict) -> list[str]:
    lookup = _vocabularies()[name]
    items = _split(value)
    unknown = [item for item in items if item.casefold() not in lookup]
    if unknown:
        allowed = ", ".join(sorted(set(lookup.values())))
        errors[name] = [f"Unknown choice: {', '.join(unknown)} (choose from {allowed})."]
        return []
    return list(dict.fromkeys(lookup[item.casefold()] for item in items))


def _parse_organisation(cells: dict) -> tuple[dict, dict]:
    data, errors = {}, {}
    for name, value in cells.items():
        if not value:
            continue
        if name in TEXTS:
            data[name] = value
        elif name == "website":
            try:
                data[name] = forms.URLField(assume_scheme="https").to_python(value)
            except ValidationError as error:
                errors[name] = error.messages
        elif name in ("sector", "iati_type", "country"):
            code = _coded(name, value, errors)
            if code is not None:
                data[name] = code
        elif name in ("motivations", "interests"):
            items = _coded_list(name, value, errors)
            if items:
                data[name] = items
        elif name in LISTS:
            data[name] = _tags(_split(value))
        elif name == "sdg_goals":
            try:
                data[name] = _sdg_goals(value)
            except ValidationError as error:
                errors[name] = error.messages
    return data, errors


def _parse_person(cells: dict) -> tuple[dict, dict]:
    data, errors = {}, {}
    for name, value in cells.items():
        if not value:
            continue
        if name in TEXTS or name in ("organisation_identifier", "organisation_name"):
            data[name] = value
        elif name == "partnering_role":
            code = _coded(name, value, errors)
            if code is not None:
                data[name] = code
        elif name == "skills":
            data[name] = _tags(_split(value))
    return data, errors


# --- Planning -------------------------------------------------------------------------------

@dataclass
class Row:
    number: int
    name: str
    action: str = CREATE
    target: object = None  # the registry record it updates
    data: dict = field(default_factory=dict)  # what the service is called with
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)
    keys: list[tuple[tuple, str]] = field(default_factory=list)  # what it writes: (key, label)
    object_id: int | None = None

    def reject(self, reasons: list[tuple[str, str]]) -> None:
        self.action = REJECTED
        self.reasons.extend(reasons)

    def as_dict(self) -> dict:
        return {
            "row": self.number, "action": self.action, "name": self.name,
            "object_id": self.object_id if self.object_id is not None else (
                self.target.pk if self.target is not None else None),
            "changes": [{"field": f, "old": old, "new": new} for f, old, new in self.changes],
            "reasons": [{"field": f, "message": message} for f, message in self.reasons],
        }


@dataclass
class Plan:
    kind: str
    file_name: str
    format: str
    columns: list[str]
    unknown_columns: list[str]
    rows: list[Row]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def writable(self) -> int:
        counts = self.counts
        return counts[CREATE] + counts[UPDATE]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "file_name": self.file_name, "format": self.format,
                "columns": self.columns, "unknown_columns": self.unknown_columns,
                "counts": self.counts, "rows": [row.as_dict() for row in self.rows]}


def _reasons(error: Exception) -> list[tuple[str, str]]:
    if isinstance(error, PermissionDenied):
        return [("", "You may not make this change.")]
    if hasattr(error, "error_dict"):
        return [("" if name == "__all__" else name, message)
                for name, messages in error.message_dict.items() for message in messages]
    return [("", message) for message in error.messages]


def _merge(errors: dict, error: Exception) -> dict:
    """The file's own messages, and the service's about the other fields."""
    merged = {name: list(messages) for name, messages in errors.items()}
    for name, message in _reasons(error):
        if name not in errors:
            merged.setdefault(name, []).append(message)
    return merged


def _cell(value) -> str:
    """A value as the export writes it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    if isinstance(value, Organisation):
        return value.name
    return str(value)


def _same_text(old, new) -> bool:
    def norm(value):
        return str(value or "").replace("\r\n", "\n").strip()

    return norm(old) == norm(new)


def build_plan(actor, table: Table) -> Plan:
    rows = (_plan_organisations if table.kind == ORGANISATIONS else _plan_people)(actor, table)
    _reject_duplicates(rows)
    return Plan(table.kind, table.file_name, table.format, table.columns,
                table.unknown_columns, rows)


def _registry_organisations(identifiers: set[str], names: set[str]):
    """Organisations whose identifier or name (casefolded) is wanted: one pass, one query.
    Python compares, not the database: SQLite's lower() ignores letters like "Č"."""
    by_identifier, by_name = {}, defaultdict(list)
    if not identifiers and not names:
        return by_identifier, by_name
    for pk, name, identifier, country in (Organisation.objects.order_by("id")
                                          .values_list("id", "name", "identifier", "country")
                                          .iterator(chunk_size=5000)):
        if identifier and identifier.casefold() in identifiers:
            by_identifier[identifier.casefold()] = (pk, identifier, country)
        if name.casefold() in names:
            by_name[name.casefold()].append((pk, identifier, country))
    return by_identifier, by_name


def _in_bulk(queryset, ids) -> dict:
    found, ids = {}, sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        found.update(queryset.in_bulk(ids[start:start + CHUNK]))
    return found


def _sdg_numbers(organisation_ids) -> dict[int, list[int]]:
    numbers, ids = defaultdict(list), sorted(set(organisation_ids))
    through = Organisation.sdg_goals.through.objects
    for start in range(0, len(ids), CHUNK):
        for org_id, number in (through.filter(organisation_id__in=ids[start:start + CHUNK])
                               .order_by("sdggoal__number")
                               .values_list("organisation_id", "sdggoal__number")):
            numbers[org_id].append(number)
    return numbers


def _match_organisation(data, by_identifier, by_name) -> tuple[int | None, str]:
    identifier = data.get("identifier", "").casefold()
    if identifier and identifier in by_identifier:
        return by_identifier[identifier][0], ""
    name = data.get("name", "").casefold()
    country = data.get("country", "")
    fits = [pk for pk, other_identifier, other_country in by_name.get(name, [])
            if not (identifier and other_identifier and other_identifier.casefold() != identifier)
            and not (country and other_country and other_country != country)]
    if len(fits) > 1:
        return None, (f"{len(fits)} organisations in the registry are called “{data['name']}”; "
                      "add the identifier or the country to say which.")
    return (fits[0] if fits else None), ""


def _plan_organisations(actor, table: Table) -> list[Row]:
    parsed = [(number, *_parse_organisation(cells)) for number, cells in table.rows]
    by_identifier, by_name = _registry_organisations(
        {data["identifier"].casefold() for _, data, _ in parsed if data.get("identifier")},
        {data["name"].casefold() for _, data, _ in parsed if data.get("name")})
    matches = [_match_organisation(data, by_identifier, by_name) for _, data, _ in parsed]
    targets = _in_bulk(Organisation.objects.all(), [pk for pk, _ in matches if pk])
    goals = _sdg_numbers(targets)
    rows = []
    for (number, data, errors), (pk, ambiguity) in zip(parsed, matches, strict=True):
        target = targets.get(pk)
        row = Row(number, data.get("name") or (target.name if target else "")
                  or data.get("identifier", ""), target=target)
        if ambiguity:
            row.reject([("name", ambiguity)])
        elif target is None:
            _plan_create(actor, row, data, errors, _check_organisation)
        else:
            current = {name: (goals.get(target.pk, []) if name == "sdg_goals"
                              else getattr(target, name)) for name in data}
            _plan_update(actor, row, data, errors, current, _check_organisation,
                         permissions.can_edit_organisation)
        identifier = (row.data.get("identifier") or data.get("identifier")
                      or (target.identifier if target else ""))
        if target is not None:
            row.keys.append((("record", target.pk), f"“{target}”"))
        if identifier:
            row.keys.append((("identifier", identifier.casefold()),
                             f"the organisation with the identifier {identifier}"))
        elif target is None and data.get("name"):
            row.keys.append((("name", data["name"].casefold(), data.get("country", "")),
                             f"“{data['name']}”"))
        rows.append(row)
    return rows


def _check_organisation(actor, organisation, **fields):
    # The identifier was looked up to match the row, and duplicates in the file are caught
    # apart: the unique-identifier query would cost more than the rest of the row.
    return services.check_organisation(actor, organisation, validate_constraints=False,
                                       **fields)


def _plan_create(actor, row: Row, data: dict, errors: dict, check) -> None:
    fields = {name: value for name, value in data.items() if name != "sdg_goals"}
    if check is _check_organisation:
        fields.setdefault("sector", "")  # left empty, it follows from the IATI type
    try:
        check(actor, None, **fields)
    except (ValidationError, PermissionDenied) as error:
        errors = _merge(errors, error)
    if errors:
        row.reject([(name, message) for name, messages in errors.items()
                    for message in messages])
        return
    row.action = CREATE
    row.data = {**fields, **({"sdg_goals": data["sdg_goals"]} if "sdg_goals" in data else {})}
    row.changes = [(name, "", _cell(value)) for name, value in data.items()]


def _plan_update(actor, row: Row, data: dict, errors: dict, current: dict, check,
                 may_edit) -> None:
    target = row.target
    changed = {}
    for name, value in data.items():
        old = current[name]
        if name == "sdg_goals":
            same = sorted(set(value)) == sorted(old)
        elif name == "organisation":
            same = (value.pk if value else None) == (old.pk if old else None)
        elif name in LISTS:
            same = _tags(value) == list(old or [])
        elif name in ("identifier", "email"):  # matched case-insensitively: case is no change
            same = value.casefold() == (old or "").casefold()
        else:
            same = _same_text(old, value)
        if not same:
            changed[name] = value
    if not changed and not errors:
        row.action = UNCHANGED
        return
    row.changes = [(name, _cell(current[name]), _cell(value)) for name, value in changed.items()]
    fields = {name: value for name, value in changed.items() if name != "sdg_goals"}
    if not may_edit(actor, target):
        errors = {"": [f"You may not change “{target}”: only its organisation admins and "
                       "platform admins can."], **errors}
        checked = None
    else:
        try:
            checked = check(actor, target, **fields)
        except (ValidationError, PermissionDenied) as error:
            errors = _merge(errors, error)
            checked = None
    if checked is not None:
        checked = checked[0] if isinstance(checked, tuple) else checked
        # What the service stores (e.g. an upper-cased country) may equal what is there.
        fields = {name: value for name, value in fields.items()
                  if getattr(checked, name) != getattr(target, name)}
        changed = {**fields, **({"sdg_goals": changed["sdg_goals"]}
                                if "sdg_goals" in changed else {})}
        row.changes = [(name, _cell(current[name]),
                        _cell(value if name == "sdg_goals" else getattr(checked, name)))
                       for name, value in changed.items()]
    if errors:
        row.reject([(name, message) for name, messages in errors.items()
                    for message in messages])
        return
    row.action = UPDATE if changed else UNCHANGED
    row.data = changed


def _plan_people(actor, table: Table) -> list[Row]:
    parsed = [(number, *_parse_person(cells)) for number, cells in table.rows]
    by_identifier, by_name = _registry_organisations(
        {d["organisation_identifier"].casefold() for _, d, _ in parsed
         if d.get("organisation_identifier")},
        {d["organisation_name"].casefold() for _, d, _ in parsed
         if d.get("organisation_name") and not d.get("organisation_identifier")})
    resolved = [_resolve_organisation(data, by_identifier, by_name) for _, data, _ in parsed]
    organisations = _in_bulk(Organisation.objects.all(), [pk for pk, _ in resolved if pk])
    emails = {d["email"].casefold() for _, d, _ in parsed if d.get("email")}
    names = {d["name"].casefold() for _, d, _ in parsed if d.get("name")}
    by_email, by_name_org = defaultdict(list), defaultdict(list)
    if emails or names:
        for pk, name, email, org_id in (Person.objects.order_by("id")
                                        .values_list("id", "name", "email", "organisation_id")
                                        .iterator(chunk_size=5000)):
            if email and email.casefold() in emails:
                by_email[email.casefold()].append((pk, org_id))
            if name.casefold() in names:
                by_name_org[(name.casefold(), org_id)].append((pk, email))
    matches = []
    for (_, data, _), (org_id, _) in zip(parsed, resolved, strict=True):
        matches.append(_match_person(data, org_id, by_email, by_name_org))
    targets = _in_bulk(Person.objects.select_related("organisation"),
                       [pk for pk, _ in matches if pk])
    rows = []
    for (number, data, errors), (org_id, org_error), (pk, ambiguity) in zip(
            parsed, resolved, matches, strict=True):
        target = targets.get(pk)
        row = Row(number, data.get("name") or (target.name if target else "")
                  or data.get("email", ""), target=target)
        fields = {name: value for name, value in data.items()
                  if name not in ("organisation_identifier", "organisation_name")}
        if org_error:
            errors = {**errors, "organisation": [org_error]}
        elif org_id:
            fields["organisation"] = organisations[org_id]
        if ambiguity:
            row.reject([("name", ambiguity)])
        elif target is None:
            _plan_create(actor, row, fields, errors, services.check_person)
        else:
            current = {name: getattr(target, name) for name in fields}
            _plan_update(actor, row, fields, errors, current, services.check_person,
                         permissions.can_edit_person)
        if target is not None:
            row.keys.append((("record", target.pk), f"“{target}”"))
        email = fields.get("email") or (target.email if target else "")
        if email:
            row.keys.append((("email", email.casefold()),
                             f"the person with the e-mail address {email}"))
        elif target is None and fields.get("name"):
            row.keys.append((("name", fields["name"].casefold(), org_id),
                             f"“{fields['name']}”"))
        rows.append(row)
    return rows


def _resolve_organisation(data, by_identifier, by_name) -> tuple[int | None, str]:
    identifier = data.get("organisation_identifier", "")
    if identifier:
        found = by_identifier.get(identifier.casefold())
        if found:
            return found[0], ""
        return None, (f"No organisation with the identifier “{identifier}” in the registry: "
                      "import or add it first, or correct the identifier.")
    name = data.get("organisation_name", "")
    if not name:
        return None, ""
    found = by_name.get(name.casefold(), [])
    if len(found) > 1:
        return None, (f"{len(found)} organisations in the registry are called “{name}”; give "
                      "the organisation_identifier instead.")
    if not found:
        return None, (f"No organisation called “{name}” in the registry: import or add it "
                      "first, or correct the name.")
    return found[0][0], ""


def _match_person(data, org_id, by_email, by_name_org) -> tuple[int | None, str]:
    email = data.get("email", "").casefold()
    if email and email in by_email:
        found = by_email[email]
        if len(found) > 1:
            found = [item for item in found if item[1] == org_id] or found
        if len(found) > 1:
            return None, (f"{len(found)} people in the registry have the e-mail address "
                          f"“{data['email']}”; edit them in the registry instead.")
        return found[0][0], ""
    fits = [pk for pk, other_email in by_name_org.get((data.get("name", "").casefold(), org_id),
                                                       [])
            if not (email and other_email and other_email.casefold() != email)]
    if len(fits) > 1:
        return None, (f"{len(fits)} people called “{data['name']}” work for this organisation "
                      "in the registry; add their e-mail addresses to say which.")
    return (fits[0] if fits else None), ""


def _reject_duplicates(rows: list[Row]) -> None:
    groups = defaultdict(list)
    for row in rows:
        for key, label in row.keys:
            groups[key].append((row, label))
    reported = defaultdict(set)
    for members in groups.values():
        if len(members) < 2:
            continue
        label = members[0][1]
        numbers = [row.number for row, _ in members]
        for row, _ in members:
            others = [str(n) for n in numbers if n != row.number]
            if tuple(others) in reported[row.number]:
                continue
            reported[row.number].add(tuple(others))
            many = len(others) > 1
            row.reject([("", f"Row{'s' if many else ''} {', '.join(others)} of this file also "
                             f"describe{'' if many else 's'} {label}; keep one.")])
            row.data = {}


# --- Writing --------------------------------------------------------------------------------

WRITE_BATCH = 200  # rows written per transaction


def run_import(actor, table: Table, progress=None) -> Plan:
    """Plan the file against the registry as it is now and write the valid rows,
    WRITE_BATCH to a transaction; `progress(fraction)` after each. Rows the services refuse
    are rolled back alone and reported as rejected."""
    plan = build_plan(actor, table)
    rows = [row for row in plan.rows if row.action in (CREATE, UPDATE)]
    for start in range(0, len(rows), WRITE_BATCH):
        with transaction.atomic():
            for row in rows[start:start + WRITE_BATCH]:
                try:
                    with transaction.atomic():
                        row.object_id = _write(actor, table.kind, row).pk
                except (ValidationError, PermissionDenied) as error:
                    row.reject(_reasons(error))
        if progress is not None:
            progress(min(start + WRITE_BATCH, len(rows)) / len(rows))
    return plan


def _write(actor, kind: str, row: Row):
    if kind == ORGANISATIONS:
        if row.action == CREATE:
            return services.create_organisation(actor, **row.data)
        return services.update_organisation(actor, row.target, **row.data)
    if row.action == CREATE:
        return services.create_person(actor, **row.data)
    return services.update_person(actor, row.target, **row.data)


# --- Uploads kept between preview and confirmation ------------------------------------------

ROOT = "registry-imports"


def _folder(user) -> str:
    return f"{ROOT}/{user.pk}"


def _paths(user, token: str) -> tuple[str, str, str]:
    """The names, in the default storage, of the upload, its details and its result."""
    if not TOKEN.match(token or ""):
        raise UploadGone
    folder = _folder(user)
    return f"{folder}/{token}.upload", f"{folder}/{token}.json", f"{folder}/{token}.result.json"


class UploadGone(ValidationError):
    def __init__(self):
        super().__init__("This upload has expired or was already imported; upload the file "
                         "again.", code="upload_gone")


def _write_private(name: str, data: bytes) -> None:
    """Kept readable by the platform only (FILE_UPLOAD_PERMISSIONS, on a folder)."""
    default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def _read_stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def store_upload(user, kind: str, file_name: str, data: bytes) -> str:
    sweep()
    token = secrets.token_urlsafe(24)
    upload, meta, _ = _paths(user, token)
    _write_private(upload, data)
    _write_private(meta, json.dumps({"kind": kind, "file_name": file_name,
                                     "stored": time.time()}).encode())
    return token


def load_upload(user, token: str) -> tuple[str, str, bytes]:
    upload, meta, _ = _paths(user, token)
    try:
        info = json.loads(_read_stored(meta))
        return info["kind"], info["file_name"], _read_stored(upload)
    except (OSError, ValueError, KeyError) as error:
        raise UploadGone from error


def load_result(user, token: str) -> dict:
    _, _, result = _paths(user, token)
    try:
        return json.loads(_read_stored(result))
    except (OSError, ValueError) as error:
        raise UploadGone from error


def sweep(max_age: int = KEEP_UPLOADS) -> None:
    """Forget uploads and results older than a day."""
    limit = timezone.now() - timedelta(seconds=max_age)
    try:
        folders, _ = default_storage.listdir(ROOT)
    except (OSError, NotImplementedError):
        return
    for folder in folders:
        try:
            _, names = default_storage.listdir(f"{ROOT}/{folder}")
        except OSError:
            continue
        for name in names:
            stored = f"{ROOT}/{folder}/{name}"
            try:
                if default_storage.get_modified_time(stored) < limit:
                    default_storage.delete(stored)
            except OSError:
                continue


def _read(uploaded) -> bytes:
    if uploaded is None:
        raise ValidationError({"file": "Choose a CSV or XLSX file."})
    if uploaded.size is not None and uploaded.size > MAX_BYTES:
        raise FileRefused(too_large_message())
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large_message())
    return data


def _file_name(uploaded) -> str:
    return Path(uploaded.name or "upload").name[:200]


def preview_upload(user, kind: str, uploaded) -> tuple[str, Plan]:
    """Read and plan an uploaded file without writing to the registry; keep the file for
    the confirmation. Returns the upload's token and the plan."""
    data = _read(uploaded)
    table = read_table(kind, _file_name(uploaded), data)
    plan = build_plan(user, table)
    return store_upload(user, kind, table.file_name, data), plan


def confirm_upload(user, token: str, progress=None) -> Plan:
    """Import a previewed upload: the file is read and checked again, then written (the
    body of the registry import job, registry_jobs.py)."""
    kind, file_name, data = load_upload(user, token)
    plan = run_import(user, read_table(kind, file_name, data), progress)
    upload, meta, result = _paths(user, token)
    _write_private(result, json.dumps(plan.as_dict()).encode())
    default_storage.delete(upload)
    default_storage.delete(meta)
    return plan


def store_file(user, kind: str, uploaded) -> str:
    """Read and check a file and keep it, as a preview does, for a confirmation job (the API's
    one-step import). Returns its upload token."""
    data = _read(uploaded)
    table = read_table(kind, _file_name(uploaded), data)
    return store_upload(user, kind, table.file_name, data)


# --- Export ---------------------------------------------------------------------------------

def guard(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (see the module's docstring)."""
    if value and (value[0] in FORMULA_START
                  or (value[0] == "'" and len(value) > 1 and value[1] in FORMULA_START)):
        return "'" + value
    return value


def organisation_table(queryset) -> Iterator[list[str]]:
    """The header and one row per organisation, read CHUNK rows at a time: two queries for
    a registry of up to CHUNK organisations, whatever is filtered."""
    fields = [name for name in COLUMNS[ORGANISATIONS] if name != "sdg_goals"]
    yield COLUMNS[ORGANISATIONS]
    rows = (queryset.order_by("name", "id").values_list("id", *fields)
            .iterator(chunk_size=CHUNK))
    while batch := list(islice(rows, CHUNK)):
        goals = _sdg_numbers(row[0] for row in batch)
        for row in batch:
            yield [_cell(value) for value in row[1:]] + [_cell(goals.get(row[0], []))]


def person_table(queryset) -> Iterator[list[str]]:
    yield COLUMNS[PEOPLE]
    rows = (queryset.order_by("name", "id")
            .values_list("name", "email", "organisation__identifier", "organisation__name",
                         "job_title", "partnering_role", "skills")
            .iterator(chunk_size=CHUNK))
    for row in rows:
        yield [_cell(value) for value in row]


class _Echo:
    def write(self, value):
        return value


def csv_chunks(table: Iterable[list[str]]) -> Iterator[str]:
    """CSV UTF-8 with a byte-order mark, which Excel needs to read "Delić" right."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in table:
        yield writer.writerow([guard(value) for value in row])


def xlsx_file(table: Iterable[list[str]], title: str):
    """An XLSX workbook written row by row (openpyxl write_only) into a temporary file."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    rows = iter(table)
    bold = Font(bold=True)
    header = []
    for value in next(rows):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        header.append(cell)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    for row in rows:
        # XML 1.0 cannot carry most control characters; openpyxl refuses them.
        sheet.append([guard(ILLEGAL_XLSX.sub("", value)) for value in row])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out


def people_matching(user, text: str = "", organisation_id: int | None = None):
    """The people list's filter: words of the name, and the organisation."""
    people = Person.objects.visible_to(user)
    for word in text.split()[:8]:
        people = people.filter(name__icontains=word)
    if organisation_id:
        people = people.filter(organisation_id=organisation_id)
    return people


def export_response(table: Iterable[list[str]], kind: str, fmt: str):
    """A download: CSV streamed as it is read, XLSX written to a temporary file first (a
    workbook is a zip, complete only at its end) and then streamed from it."""
    name = f"{kind}-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(table),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return FileResponse(xlsx_file(table, KINDS[kind]), as_attachment=True,
                        filename=f"{name}.xlsx", content_type=XLSX_TYPE)
