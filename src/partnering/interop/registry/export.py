"""The registry as CSV or XLSX downloads, with cells a spreadsheet would run as formulas
guarded (see the package's docstring)."""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from partnering.interop.registry.columns import (
    CHUNK,
    COLUMNS,
    FORMULA_START,
    ILLEGAL_XLSX,
    KINDS,
    ORGANISATIONS,
    PEOPLE,
    XLSX_TYPE,
)
from partnering.interop.registry.match import sdg_numbers
from partnering.interop.registry.plan import cell
from partnering.registry.models import Organisation, Person


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
        goals = sdg_numbers(row[0] for row in batch)
        for row in batch:
            yield [cell(value) for value in row[1:]] + [cell(goals.get(row[0], []))]


def person_table(queryset) -> Iterator[list[str]]:
    yield COLUMNS[PEOPLE]
    rows = (queryset.order_by("name", "id")
            .values_list("name", "email", "organisation__identifier", "organisation__name",
                         "job_title", "partnering_role", "skills")
            .iterator(chunk_size=CHUNK))
    for row in rows:
        yield [cell(value) for value in row]


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
    return FileResponse(xlsx_file(table, str(KINDS[kind])), as_attachment=True,
                        filename=f"{name}.xlsx", content_type=XLSX_TYPE)


def organisations_download(user, fmt: str, *, q: str = "", sector: str = "",
                           iati_type: str = "", country: str = "", sdg=None):
    """The organisations this user sees that match the registry's search, as a download."""
    organisations = Organisation.objects.visible_to(user).search(q, sector, iati_type,
                                                                 country, sdg)
    return export_response(organisation_table(organisations), ORGANISATIONS, fmt)


def people_download(user, fmt: str, *, q: str = "", organisation_id: int | None = None):
    """The people this user sees whose name has the words of `q`, as a download."""
    return export_response(person_table(people_matching(user, q, organisation_id)), PEOPLE,
                           fmt)
