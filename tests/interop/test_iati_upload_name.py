"""An IATI import job reports the uploaded file by the name it was uploaded with, made safe
to show, never by the random name it was stored under."""

import re

from partnering.interop.iati.jobs import display_name
from partnering.interop.models import IatiActivity, ImportJob
from tests.interop.test_iati_web import WebTestCase, upload

STORED = re.compile(r"[0-9a-f]{32}\.xml")
NAME = "Safe Childhoods activities 2025.xml"


class UploadNameTest(WebTestCase):
    def test_it_reports_the_uploaded_name_on_the_page_in_the_api_and_on_the_activity(self):
        self.sign_in(self.carol)  # the Ministry's activity is imported, the other skipped
        self.client.post("/interop/iati/", {"file": upload(self.file, NAME)})
        job = ImportJob.objects.get()
        self.assertEqual(job.file_name, NAME)
        self.assertEqual([f["name"] for f in job.summary["files"]], [NAME])
        self.assertEqual({p["file"] for p in job.summary["problems"]}, {NAME})
        self.assertEqual(IatiActivity.objects.get().source_file, NAME)
        page = self.client.get(f"/interop/iati/jobs/{job.pk}/").content.decode()
        api = self.client.get(f"/api/v1/imports/{job.pk}").content.decode()
        for shown in (page, api, self.client.get("/interop/iati/").content.decode()):
            self.assertIn(NAME, shown)
            self.assertIsNone(STORED.search(shown))

    def test_it_names_a_refused_file_by_its_uploaded_name(self):
        self.sign_in(self.admin)
        response = self.client.post("/api/v1/imports/iati",
                                    {"file": upload(b"<iati-activities><oops>", "broken.xml")})
        self.assertTrue(response.json()["error"].startswith("broken.xml: "))
        self.assertIsNone(STORED.search(response.content.decode()))

    def test_it_strips_what_would_disguise_the_name(self):
        self.sign_in(self.admin)
        self.client.post("/interop/iati/", {"file": upload(self.file, "report\u202egpj.xml")})
        self.assertEqual(ImportJob.objects.get().file_name, "reportgpj.xml")
        self.assertEqual(display_name("C:\\Users\\amina\\Desktop\\wv bih.xml"), "wv bih.xml")
        self.assertEqual(display_name("../../etc/passwd"), "passwd")
        self.assertEqual(display_name("a\u00a0\u00a0b\u200b.xml\n"), "a b.xml")
        self.assertEqual(display_name(".."), "upload.xml")
        self.assertEqual(display_name(None), "upload.xml")
        self.assertEqual(len(display_name("x" * 400 + ".xml")), 200)
