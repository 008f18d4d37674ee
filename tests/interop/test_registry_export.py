"""Exporting the registry as CSV and XLSX: filters, round trip, formula guard, query counts."""

import csv
import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.interop.registry.columns import XLSX_TYPE
from partnering.registry.models import Organisation, Person
from tests.interop.registry_files import ORG_HEADER, PEOPLE_HEADER, RegistryFilesTestCase


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_rows(response) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


class ExportTest(RegistryFilesTestCase):
    def enrich(self):
        self.trust.identifier = "GB-CHC-202918"
        self.trust.website = "https://sahelwater.example.org"
        self.trust.mission = "Safe water for rural communities.\nKiosks, boreholes; repairs."
        self.trust.motivations = ["social_development", "community_voice"]
        self.trust.interests = ["funding", "learning"]
        self.trust.interests_note = "-2% of households still walk more than an hour"
        self.trust.competencies = ["borehole drilling", "water committees"]
        self.trust.resources = ["engineers", "=cmd /C calc"]
        self.trust.save()
        self.trust.sdg_goals.set([6, 3, 11])

    def test_it_exports_the_columns_the_import_reads(self):
        self.enrich()
        response = self.client.get("/organisations/export.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="organisations-')
        rows = csv_rows(response)
        assert rows[0] == ORG_HEADER
        trust = dict(zip(ORG_HEADER, next(r for r in rows if r[0] == "Sahel Water Trust"),
                         strict=True))
        assert trust["sdg_goals"] == "3; 6; 11"
        assert trust["motivations"] == "social_development; community_voice"
        assert trust["mission"] == self.trust.mission
        assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])

    def test_it_guards_cells_a_spreadsheet_would_run_as_formulas(self):
        self.enrich()
        Organisation.objects.create(name="+Plus Partners", acronym="@AT", sector="private",
                                    mission="'=already quoted")
        for fmt in ("csv", "xlsx"):
            response = self.client.get(f"/organisations/export.{fmt}")
            rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
            by_name = {row[0]: dict(zip(ORG_HEADER, row, strict=True)) for row in rows[1:]}
            with self.subTest(fmt=fmt):
                assert by_name["'+Plus Partners"]["acronym"] == "'@AT"
                assert by_name["'+Plus Partners"]["mission"] == "''=already quoted"
                trust = by_name["Sahel Water Trust"]
                assert trust["interests_note"] == "'-2% of households still walk more than an hour"
                assert trust["resources"] == "engineers; =cmd /C calc"  # not at the start
        workbook = openpyxl.load_workbook(io.BytesIO(body(
            self.client.get("/organisations/export.xlsx"))))
        assert all(cell.data_type != "f" for row in workbook.active.iter_rows() for cell in row)

    def test_it_round_trips_export_then_import_unchanged(self):
        self.enrich()
        Organisation.objects.create(name="=SUM(A1:A9)", sector="private", country="FR",
                                    mission="Windows line\r\nbreaks\tand a tab")
        self.sign_in(self.olga)  # may edit nothing: unchanged rows need no permission
        for fmt in ("csv", "xlsx"):
            with self.subTest(fmt=fmt):
                data = body(self.client.get(f"/organisations/export.{fmt}"))
                _, plan = self.preview(self.olga, None, name=f"export.{fmt}", data=data)
                assert plan.counts == {"create": 0, "update": 0, "unchanged": 6,
                                       "rejected": 0}, plan.as_dict()["rows"]
                data = body(self.client.get(f"/people/export.{fmt}"))
                _, plan = self.preview(self.olga, None, kind="people", name=f"p.{fmt}",
                                       data=data)
                assert plan.counts["unchanged"] == Person.objects.count() == 5

    def test_it_exports_what_the_directorys_filters_show(self):
        self.trust.sdg_goals.set([6])
        for query, names in (
                ("sector=public", ["Ministry of Water"]),
                ("sdg=6", ["Sahel Water Trust"]),
                ("country=NE&iati_type=70", ["Clearwater Bottling"]),
                ("q=sahel", ["Sahel Water Trust"]),
                ("country=XX", None)):  # an invalid filter is ignored, as on the list page
            for fmt in ("csv", "xlsx"):
                with self.subTest(query=query, fmt=fmt):
                    response = self.client.get(f"/organisations/export.{fmt}?{query}")
                    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
                    expected = names or list(Organisation.objects.values_list("name", flat=True))
                    assert [row[0] for row in rows[1:]] == expected
        api = self.client.get("/api/v1/registry/organisations.csv?sector=public")
        assert [row[0] for row in csv_rows(api)[1:]] == ["Ministry of Water"]
        assert self.client.get("/api/v1/registry/organisations.csv?sdg=18").status_code == 422

    def test_it_exports_people_to_signed_in_users_only(self):
        response = self.client.get("/people/export.csv")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert self.client.get("/api/v1/registry/people.xlsx").status_code == 401
        self.sign_in(self.olga)
        rows = csv_rows(self.client.get("/people/export.csv?q=carol"))
        assert rows == [PEOPLE_HEADER, ["Carol Diallo", "carol@example.org", "",
                                        "Ministry of Water", "", "representative", ""]]
        response = self.client.get(f"/api/v1/registry/people.xlsx?organisation={self.ministry.pk}",
                                   headers=self.bearer(self.olga))
        assert response["Content-Type"] == XLSX_TYPE
        assert [row[0] for row in xlsx_rows(response)[1:]] == ["Carol Diallo", "Moussa Ibrahim"]

    def test_it_exports_organisations_to_anyone(self):
        for url in ("/organisations/export.xlsx", "/api/v1/registry/organisations.xlsx"):
            response = self.client.get(url)
            assert response.status_code == 200, url
            assert xlsx_rows(response)[0] == ORG_HEADER

    def count(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            assert response.status_code == 200, url
            body(response)
        return len(queries)

    def grow(self, n: int) -> None:
        for i in range(n):
            org = Organisation.objects.create(name=f"Org {n}-{i}", sector="private",
                                              iati_type="70", country="NE",
                                              competencies=["a", "b"])
            org.sdg_goals.set([6, 9] if i % 2 else [6])
            Person.objects.create(name=f"Rep {n}-{i}", organisation=org, skills=["x"])

    def test_it_reads_the_registry_in_a_fixed_number_of_queries(self):
        self.sign_in(self.alice)
        urls = ["/organisations/export.csv", "/organisations/export.xlsx",
                "/organisations/export.csv?sdg=6", "/people/export.csv", "/people/export.xlsx",
                "/api/v1/registry/organisations.csv", "/api/v1/registry/people.xlsx"]
        self.grow(5)
        small = {url: self.count(url) for url in urls}
        self.grow(45)
        large = {url: self.count(url) for url in urls}
        assert small == large
