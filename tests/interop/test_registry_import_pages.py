"""The import pages (/interop/registry/) and POST /api/v1/registry/imports[/preview]."""

import re
from pathlib import Path

from partnering.audit.models import AuditEvent
from partnering.interop.models import ImportJob
from partnering.registry.models import Organisation
from tests.interop.registry_files import (
    ORG_HEADER,
    RegistryFilesTestCase,
    csv_bytes,
    org_row,
    upload,
    xlsx_bytes,
)

ROWS = [ORG_HEADER,
        org_row(name="Dosso Women Farmers' Union", sector="community", country="NE",
                competencies="seed banks; irrigation"),
        org_row(name="Sahel Water Trust", acronym="SWT2"),
        org_row(name="Broken Goals Org", sector="public", sdg_goals="99")]
SAMPLE = (Path(__file__).resolve().parents[2] / "src" / "partnering" / "platform"
          / "demo_data" / "organisations_sample.csv")


class ImportPagesTest(RegistryFilesTestCase):
    def post_file(self, data, name="registry.csv", kind="organisations"):
        return self.client.post("/interop/registry/", {"kind": kind,
                                                       "file": upload(data, name)})

    def test_it_sends_visitors_to_sign_in(self):
        for url in ("/interop/registry/", "/interop/registry/result/?upload=x"):
            response = self.client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        response = self.client.post("/interop/registry/confirm/", {"upload": "x" * 32})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_it_shows_the_upload_form_with_the_columns_and_the_example(self):
        self.sign_in(self.alice)
        response = self.client.get("/interop/registry/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert "/interop/registry/organisations_sample.csv" in html
        assert "<code>organisation_identifier</code>" in html
        assert html.count("<h1>") == 1

    def test_it_previews_then_imports_then_shows_the_result(self):
        self.sign_in(self.alice)
        count = Organisation.objects.count()
        response = self.post_file(csv_bytes(ROWS))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Import 1 row" in html
        assert "You may not change “Sahel Water Trust (SWT)”" in html
        assert "Unknown SDG code: 99" in html
        assert "<del>SWT</del> → <ins>SWT2</ins>" in html
        assert Organisation.objects.count() == count
        upload_token = re.search(r'name="upload" value="([^"]+)"', html).group(1)
        response = self.client.post("/interop/registry/confirm/", {"upload": upload_token})
        assert response.status_code == 302
        job = ImportJob.objects.get(kind="registry")
        assert response["Location"] == f"/interop/registry/jobs/{job.pk}/"
        assert (job.status, job.progress, job.file_name) == ("done", 100, "registry.csv")
        response = self.client.get(response["Location"])
        assert response["Location"] == f"/interop/registry/result/?upload={upload_token}"
        union = Organisation.objects.get(name="Dosso Women Farmers' Union")
        assert AuditEvent.objects.for_object(union).get().actor == self.alice
        assert self.reload(self.trust).acronym == "SWT"
        result = self.client.get(response["Location"])
        html = result.content.decode()
        assert result.status_code == 200
        assert f'href="/organisations/{union.pk}/"' in html
        assert "Rejected rows, not imported" in html
        # Results belong to whoever imported; a second confirmation finds nothing to do.
        again = self.client.post("/interop/registry/confirm/", {"upload": upload_token},
                                 follow=True)
        assert "This upload has expired or was already imported" in again.content.decode()
        self.sign_in(self.olga)
        assert self.client.get(response["Location"]).status_code == 404

    def test_it_previews_xlsx_files_and_people(self):
        self.sign_in(self.admin)
        response = self.post_file(xlsx_bytes(ROWS), name="registry.xlsx")
        assert response.status_code == 200
        assert "Import 2 rows" in response.content.decode()
        response = self.post_file(csv_bytes([["name", "email"], ["Zara", "zara@example.org"]]),
                                  kind="people")
        assert "Import 1 row" in response.content.decode()

    def test_it_shows_why_a_file_is_refused(self):
        self.sign_in(self.alice)
        for data, name, message in (
                (b"PK\x03\x04 not really", "r.xlsx", "not a valid XLSX workbook"),
                (b"title\nX\n", "r.csv", "The first row must name the columns"),
                (b"", "r.csv", "The submitted file is empty.")):
            with self.subTest(name=name, message=message):
                response = self.post_file(data, name)
                assert response.status_code == 200
                assert message in response.content.decode()
                assert "Preview the import" in response.content.decode()

    def test_it_offers_nothing_to_import_when_nothing_changes(self):
        self.sign_in(self.alice)
        response = self.post_file(csv_bytes([["name", "sector"],
                                             ["Ministry of Water", "public"]]))
        html = response.content.decode()
        assert "Nothing to import" in html and "Import 0" not in html
        assert "1 row the registry already matches" in html

    def test_it_serves_the_example_file(self):
        response = self.client.get("/interop/registry/organisations_sample.csv")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == SAMPLE.read_bytes()

    def test_it_links_import_and_export_from_the_registry_lists(self):
        self.sign_in(self.alice)
        html = self.client.get("/organisations/?sector=public&page=1").content.decode()
        assert 'href="/interop/registry/"' in html
        assert 'href="/organisations/export.csv?sector=public"' in html
        assert 'href="/organisations/export.xlsx?sector=public"' in html
        html = self.client.get("/people/?q=Carol").content.decode()
        assert 'href="/people/export.csv?q=Carol"' in html


class ImportApiTest(RegistryFilesTestCase):
    def test_it_answers_401_to_visitors(self):
        for path in ("/api/v1/registry/imports/preview", "/api/v1/registry/imports"):
            response = self.client.post(path, {"kind": "organisations",
                                               "file": upload(csv_bytes(ROWS))})
            assert response.status_code == 401, path
        assert self.client.get("/api/v1/registry/people.csv").status_code == 401

    def test_it_previews_and_then_imports_the_previewed_upload(self):
        headers = self.bearer(self.admin)
        count = Organisation.objects.count()
        response = self.client.post("/api/v1/registry/imports/preview", {
            "kind": "organisations", "file": upload(csv_bytes(ROWS))}, headers=headers)
        assert response.status_code == 200, response.content
        plan = response.json()
        assert plan["counts"] == {"create": 1, "update": 1, "unchanged": 0, "rejected": 1}
        assert plan["rows"][2]["reasons"] == [{
            "field": "sdg_goals",
            "message": "Unknown SDG code: 99. Goals are 1 to 17; targets look like 4.1 or 17.b."}]
        assert Organisation.objects.count() == count
        response = self.client.post("/api/v1/registry/imports", {"upload": plan["upload"]},
                                    headers=headers)
        assert response.status_code == 422
        assert "confirm=true" in response.json()["detail"]
        response = self.client.post("/api/v1/registry/imports",
                                    {"upload": plan["upload"], "confirm": "true"},
                                    headers=headers)
        assert response.status_code == 202, response.content
        job = response.json()
        assert (job["status"], job["progress"]) == ("done", 100)
        assert self.client.get(f"/api/v1/registry/imports/{job['id']}",
                               headers=headers).json() == job
        result = job["result"]
        assert result["counts"] == plan["counts"]
        assert [row["action"] for row in result["rows"]] == ["create", "update", "rejected"]
        assert result["rows"][0]["object_id"] == Organisation.objects.get(
            name="Dosso Women Farmers' Union").pk
        assert self.reload(self.trust).acronym == "SWT2"
        response = self.client.post("/api/v1/registry/imports",
                                    {"upload": plan["upload"], "confirm": "true"},
                                    headers=headers)
        assert response.status_code == 422
        assert "expired or was already imported" in response.json()["detail"]

    def test_it_imports_a_file_in_one_step(self):
        response = self.client.post("/api/v1/registry/imports", {
            "kind": "organisations", "confirm": "true",
            "file": upload(xlsx_bytes(ROWS), "r.xlsx")}, headers=self.bearer(self.alice))
        assert response.status_code == 202, response.content
        assert response.json()["result"]["counts"] == {"create": 1, "update": 0,
                                                       "unchanged": 0, "rejected": 2}
        job_url = f"/api/v1/registry/imports/{response.json()['id']}"
        assert self.client.get(job_url, headers=self.bearer(self.olga)).status_code == 404

    def test_it_answers_422_for_bad_input(self):
        headers = self.bearer(self.alice)
        for data, message in (
                ({"kind": "things", "file": upload(csv_bytes(ROWS))}, "organisations or people"),
                ({"kind": "organisations"}, "Choose a CSV or XLSX file"),
                ({"kind": "organisations", "file": upload(b"\xff\xfe\x00x", "r.csv")},
                 "not UTF-8"),
                ({"kind": "organisations", "file": upload(b"x" * (5 * 1024 * 1024 + 1))},
                 "larger than 5 MB")):
            with self.subTest(message=message):
                response = self.client.post("/api/v1/registry/imports/preview", data,
                                            headers=headers)
                assert response.status_code == 422, response.content
                assert message in response.json()["detail"]
        response = self.client.post("/api/v1/registry/imports",
                                    {"upload": "../../secret", "confirm": "true"},
                                    headers=headers)
        assert response.status_code == 422
