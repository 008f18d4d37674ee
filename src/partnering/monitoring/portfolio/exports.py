"""CSV and XLSX downloads of the portfolio's tables, and the open-data zip of everything
public."""

import csv
import io
import tempfile
import zipfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgressReport,
    Result,
)
from partnering.partnerships.models import Membership, Partnership
from partnering.partnerships.vocabulary import Visibility
from partnering.platforms.loops.opendata import loop_tables

# Spreadsheet cells beginning with these are formulas in Excel: prefix them (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header, rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(v) for v in row])
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, title: str, header, rows) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


# --- Open data --------------------------------------------------------------------------

# Kept in memory up to this size, then spilled to a temporary file: memory stays bounded.
SPOOL_BYTES = 8 * 1024 * 1024


def _public():
    return Partnership.objects.filter(visibility=Visibility.PUBLIC)


def open_data_tables():
    """(file name, header, rows) of every public table; rows are streamed from the database."""
    public = _public().values("pk")
    yield ("partnerships.csv",
           ["id", "title", "problem_statement", "phase", "status", "countries", "start_date",
            "end_date"],
           (_public().order_by("pk").values_list(
               "pk", "title", "problem_statement", "phase", "status", "countries",
               "start_date", "end_date").iterator(chunk_size=2000)))
    yield ("partnership_sdgs.csv", ["partnership_id", "sdg_goal"],
           Partnership.sdg_goals.through.objects.filter(partnership_id__in=public)
           .order_by("partnership_id", "sdggoal__number")
           .values_list("partnership_id", "sdggoal__number").iterator(chunk_size=2000))
    yield ("partners.csv",
           ["partnership_id", "organisation", "sector", "country", "role", "joined"],
           Membership.objects.filter(partnership_id__in=public).order_by("partnership_id", "pk")
           .values_list("partnership_id", "organisation__name", "organisation__sector",
                        "organisation__country", "role", "joined").iterator(chunk_size=2000))
    yield ("results.csv", ["id", "partnership_id", "parent_id", "level", "title", "weight"],
           Result.objects.filter(partnership_id__in=public).order_by("pk")
           .values_list("pk", "partnership_id", "parent_id", "level", "title", "weight")
           .iterator(chunk_size=2000))
    yield ("indicators.csv",
           ["id", "partnership_id", "result_id", "name", "definition", "unit", "direction",
            "baseline_value", "baseline_date", "frequency", "responsible_organisation",
            "sdg_indicator", "disaggregation"],
           Indicator.objects.filter(partnership_id__in=public).order_by("pk")
           .values_list("pk", "partnership_id", "result_id", "name", "definition", "unit",
                        "direction", "baseline_value", "baseline_date", "frequency",
                        "responsible_organisation__name", "sdg_indicator__code",
                        "disaggregation").iterator(chunk_size=2000))
    yield ("targets.csv", ["indicator_id", "date", "value"],
           IndicatorTarget.objects.filter(indicator__partnership_id__in=public)
           .order_by("indicator_id", "date").values_list("indicator_id", "date", "value")
           .iterator(chunk_size=2000))
    yield ("measurements.csv",
           ["indicator_id", "period_start", "period_end", "value", "disaggregated", "status",
            "reported_by_organisation"],
           Measurement.objects.filter(indicator__partnership_id__in=public)
           .order_by("indicator_id", "period_end", "pk")
           .values_list("indicator_id", "period_start", "period_end", "value",
                        "disaggregated", "status", "reported_by_organisation__name")
           .iterator(chunk_size=5000))
    yield ("progress_reports.csv",
           ["partnership_id", "period_start", "period_end", "submitted_on", "narrative",
            "lessons_learned", "successes"],
           ProgressReport.objects.filter(partnership_id__in=public).order_by("pk")
           .values_list("partnership_id", "period_start", "period_end", "submitted_on",
                        "narrative", "lessons_learned", "successes").iterator(chunk_size=2000))
    yield from loop_tables()  # feedback-loop closure of public platforms' consultations


def open_data_zip() -> FileResponse:
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", "Partnering open data: the public partnerships, their "
                         "partners, SDGs, results, indicators, targets, measurements and "
                         "progress reports, one CSV per table (UTF-8).\n")
        for name, header, rows in open_data_tables():
            with archive.open(name, "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow(header)
                for row in rows:
                    writer.writerow([_cell(v) for v in row])
                text.flush()
                text.detach()
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename="partnering-open-data.zip",
                        content_type="application/zip")
