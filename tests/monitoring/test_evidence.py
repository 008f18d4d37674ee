"""Evidence files attached to reported values: what is accepted, who can download it, and
that files leave storage with the values they belong to."""

import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from django.urls import get_resolver
from django.views.static import serve

from partnering.monitoring import services
from partnering.monitoring.measurements import evidence
from partnering.monitoring.models import Measurement
from tests.base import use_temporary_media
from tests.monitoring.base import MonitoringTestCase

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def package(names: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = package({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODS = package({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
               "content.xml": "<office:document-content/>"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class EvidenceCheckTest(SimpleTestCase):
    def assert_refused(self, name, content, reason):
        with self.assertRaises(ValidationError) as caught:
            evidence.check_upload(upload(name, content))
        self.assertIn(reason, caught.exception.message_dict["evidence_file"][0], name)

    def test_it_accepts_files_whose_content_is_of_their_type(self):
        for name, content in (("survey.pdf", PDF), ("photo.PNG", PNG),
                              ("site.jpg", b"\xff\xd8\xff\xe0rest"),
                              ("chart.gif", b"GIF89a" + b"\x00" * 10),
                              ("map.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 "),
                              ("minutes.docx", DOCX), ("tally.ods", ODS),
                              ("tally.csv", "district,count\nTillabéri,12\n".encode()),
                              ("notes.txt", b"\xef\xbb\xbfCounted on 3 May.\r\n")):
            self.assertEqual(evidence.check_upload(upload(name, content)), name)

    def test_it_refuses_web_pages_pictures_that_run_code_and_programs(self):
        self.assert_refused("page.html", b"<html></html>", "one of these types")
        self.assert_refused("logo.svg", b"<svg/>", "one of these types")
        self.assert_refused("setup.exe", b"MZ\x90\x00", "one of these types")
        self.assert_refused("noextension", PDF, "one of these types")

    def test_it_refuses_a_file_whose_bytes_are_not_of_its_type(self):
        self.assert_refused("survey.pdf", b"<html><script>alert(1)</script></html>",
                            "not PDF")
        self.assert_refused("survey.pdf", b"MZ\x90\x00" + PDF, "not PDF")
        self.assert_refused("photo.png", PDF, "not PNG")
        self.assert_refused("minutes.docx", package({"evil.html": "<html/>"}), "not DOCX")
        self.assert_refused("minutes.docx", b"PK\x03\x04 not a zip", "not DOCX")
        self.assert_refused("tally.ods", DOCX, "not ODS")
        self.assert_refused("tally.csv", b"  <!DOCTYPE html><html>", "not CSV")
        self.assert_refused("notes.txt", b"\xef\xbb\xbf<svg onload=alert(1)>", "not TXT")
        self.assert_refused("notes.txt", b"MZ\x90\x00\x03\x00", "not TXT")

    def test_it_refuses_empty_and_too_large_files(self):
        self.assert_refused("survey.pdf", b"", "empty")
        with override_settings(EVIDENCE_MAX_MB=1):
            self.assert_refused("survey.pdf", PDF + b"0" * (1024 * 1024), "larger than 1 MB")
            evidence.check_upload(upload("survey.pdf", PDF + b"0" * 1000))

    def test_it_keeps_only_a_safe_name(self):
        self.assertEqual(evidence.clean_name("C:\\Users\\me\\survey.pdf"), "survey.pdf")
        self.assertEqual(evidence.clean_name("../../etc/\x00passwd.txt"), "passwd.txt")
        long = evidence.clean_name("x" * 300 + ".pdf")
        self.assertEqual((len(long), long[-4:]), (200, ".pdf"))


class EvidenceFileTest(MonitoringTestCase):
    def setUp(self):
        super().setUp()
        self.media = use_temporary_media(self)

    def api_url(self, measurement=None):
        m = measurement or self.value
        return f"/indicators/{m.indicator_id}/measurements/{m.pk}/evidence"

    def page_url(self, measurement=None):
        return (f"/partnerships/{self.private.pk}/measurements/"
                f"{(measurement or self.value).pk}/evidence/")

    def stored_files(self) -> list[Path]:
        return sorted(p for p in Path(self.media).rglob("*") if p.is_file())

    def attach(self, name="household survey.pdf", content=PDF, user=None):
        self.sign_in(user or self.carol)
        return self.client.post("/api/v1" + self.api_url(), {"file": upload(name, content)})

    def test_it_stores_an_uploaded_file_under_a_random_name(self):
        response = self.attach()
        body = self.assert_status(response, 200)
        self.assertEqual(body["evidence_name"], "household survey.pdf")
        self.assertEqual(body["evidence_download"], "/api/v1" + self.api_url())
        [stored] = self.stored_files()
        self.assertEqual(stored.parent, Path(self.media) / "evidence" / str(self.private.pk))
        self.assertRegex(stored.name, r"^[0-9a-f]{32}\.pdf$")
        self.assertEqual(stored.read_bytes(), PDF)
        event = self.assert_audited(self.value, "update", self.carol)
        self.assertEqual(event.changes["evidence_name"], ["", "household survey.pdf"])

    def test_it_lets_members_download_the_file_as_an_attachment(self):
        self.attach()
        for user in (self.alice, self.bob, self.carol):
            self.sign_in(user)
            response = self.client.get(self.page_url())
            self.assertEqual(response.status_code, 200)
            self.assertEqual(b"".join(response.streaming_content), PDF)
            self.assertEqual(response["Content-Type"], "application/pdf")
            self.assertEqual(response["Content-Disposition"],
                             'attachment; filename="household survey.pdf"')
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            self.assertIn("sandbox", response["Content-Security-Policy"])
        response = self.get(self.api_url())
        self.assertEqual(b"".join(response.streaming_content), PDF)
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/")
        self.assertContains(page, f'href="{self.page_url()}"')
        self.assertContains(page, "household survey.pdf")

    def test_it_hides_the_file_from_outsiders_and_visitors(self):
        self.attach()
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(self.page_url()).status_code, 404)
        self.assertEqual(self.get(self.api_url()).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.page_url()).status_code, 404)
        self.assertEqual(self.get(self.api_url()).status_code, 404)
        other = services.create_indicator(self.alice, self.public, name="Points mapped",
                                          baseline_value=0, baseline_date="2026-01-01")
        self.assertEqual(self.client.get(f"/partnerships/{self.public.pk}/measurements/"
                                         f"{self.value.pk}/evidence/").status_code, 404)
        self.assertEqual(self.get(f"/indicators/{other.pk}/measurements/{self.value.pk}"
                                  "/evidence").status_code, 404)

    def test_it_is_never_served_from_a_public_media_url(self):
        self.attach()
        [stored] = self.stored_files()
        relative = stored.relative_to(self.media).as_posix()
        self.sign_in(self.alice)
        for url in (f"/media/{relative}", f"/uploads/{relative}", f"/{relative}"):
            self.assertEqual(self.client.get(url).status_code, 404, url)

        def views(resolver):
            for pattern in resolver.url_patterns:
                if hasattr(pattern, "url_patterns"):
                    yield from views(pattern)
                else:
                    yield pattern.callback
        self.assertNotIn(serve, list(views(get_resolver())))

    def test_it_refuses_bad_files_and_changes_nothing(self):
        before = self.counts()
        with self.assert_nothing_saved(self.value):
            for name, content in (("page.html", b"<html></html>"),
                                  ("fake.pdf", b"<html><body>not a pdf</body></html>"),
                                  ("run.exe", b"MZ\x90\x00")):
                response = self.attach(name, content)
                self.assert_error(response, 422)
                self.assertEqual({e["loc"][0] for e in response.json()["errors"]},
                                 {"evidence_file"})
            with override_settings(EVIDENCE_MAX_MB=1):
                response = self.attach("big.pdf", PDF + b"0" * (1024 * 1024))
                self.assert_error(response, 422)
                self.assertIn("larger than 1 MB", response.json()["detail"])
            self.assert_error(self.client.post("/api/v1" + self.api_url(), {}), 422)
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.stored_files(), [])

    def test_it_lets_only_the_reporter_and_stewards_attach_a_file(self):
        self.assert_error(self.attach(user=self.olga), 404)
        by_alice = services.report_measurement(
            self.alice, self.water, period_start="2026-07-01", period_end="2026-09-30",
            value=250)
        self.sign_in(self.carol)
        response = self.client.post("/api/v1" + self.api_url(by_alice),
                                    {"file": upload("survey.pdf", PDF)})
        self.assert_error(response, 403)
        self.assertEqual(self.stored_files(), [])
        self.assert_status(self.attach(user=self.bob), 200)

    def test_it_removes_the_old_file_when_it_is_replaced_or_removed(self):
        self.attach()
        [first] = self.stored_files()
        with self.captureOnCommitCallbacks(execute=True):
            self.assert_status(self.attach("tally.csv", b"district,count\nA,1\n"), 200)
        [second] = self.stored_files()
        self.assertNotEqual(first, second)
        self.assertEqual(second.suffix, ".csv")
        with self.captureOnCommitCallbacks(execute=True):
            body = self.assert_status(self.client.delete("/api/v1" + self.api_url()), 200)
        self.assertEqual((body["evidence_name"], body["evidence_download"]), ("", None))
        self.assertEqual(self.stored_files(), [])
        self.assertFalse(self.reload(self.value).evidence_file)

    def test_it_deletes_the_file_with_its_value(self):
        self.attach()
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            self.assertEqual(self.delete(f"/indicators/{self.water.pk}/measurements/"
                                         f"{self.value.pk}").status_code, 204)
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(self.stored_files(), [])

    def test_it_deletes_the_files_with_their_indicator(self):
        self.attach()
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}"
                               "/delete/")
        self.assertContains(page, "1 evidence file attached to those values is deleted too")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/partnerships/{self.private.pk}/indicators/{self.water.pk}"
                             "/delete/")
        self.assertEqual(self.stored_files(), [])

    def test_it_keeps_the_file_when_the_deletion_is_refused(self):
        self.attach()
        with self.captureOnCommitCallbacks(execute=True):
            self.sign_in(self.olga)
            self.delete(f"/indicators/{self.water.pk}/measurements/{self.value.pk}")
        self.assertEqual(len(self.stored_files()), 1)

    def test_it_sends_a_confirmed_value_back_when_a_file_is_attached(self):
        services.validate_measurement(self.alice, self.value, status="confirmed")
        body = self.assert_status(self.attach(), 200)
        self.assertTrue(body["validation_cleared"])
        self.assertEqual(self.reload(self.value).status, "reported")

    def test_it_attaches_a_file_when_reporting_from_the_page(self):
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/indicators/{self.water.pk}/measurements/new/"
        self.assertContains(self.client.get(url), 'enctype="multipart/form-data"')
        data = {"period_start": "2026-07-01", "period_end": "2026-09-30", "value": "250",
                "by_sex": "female-headed=100, male-headed=150"}
        response = self.client.post(url, {**data, "evidence_file": upload("x.svg", b"<svg/>")})
        self.assertContains(response, "Attach a file of one of these types", status_code=422)
        self.assertEqual(Measurement.objects.filter(indicator=self.water).count(), 1)
        response = self.client.post(url, {**data, "evidence_file": upload("survey.pdf", PDF)})
        self.assertEqual(response.status_code, 302)
        measurement = Measurement.objects.filter(indicator=self.water).latest("id")
        self.assertEqual(measurement.evidence_name, "survey.pdf")
        self.assertEqual(len(self.stored_files()), 1)

    def test_it_replaces_and_removes_a_file_from_the_edit_page(self):
        self.attach()
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/measurements/{self.value.pk}/edit/"
        page = self.client.get(url)
        self.assertContains(page, "Remove the evidence file “household survey.pdf”")
        data = {"period_start": "2026-01-01", "period_end": "2026-06-30", "value": "200",
                "by_sex": "female-headed=80, male-headed=120"}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {**data, "evidence_file": upload(
                "photo.png", PNG)})
        self.assertEqual(response.status_code, 302)
        [stored] = self.stored_files()
        self.assertEqual(stored.suffix, ".png")
        self.assertEqual(self.reload(self.value).evidence_name, "photo.png")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {**data, "remove_evidence": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.stored_files(), [])
        self.assertEqual(self.reload(self.value).evidence_name, "")
