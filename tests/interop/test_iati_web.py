"""The upload page, the import jobs API, who may import and see jobs, and what the
partnership page shows of imported data."""

import os
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partnering.interop.models import IatiActivity, ImportJob
from partnering.partnerships.models import Partnership
from tests.base import PartneringTestCase
from tests.interop.iati_files import activity, document

MINISTRY = ("XX-MOW-1", "10", "Ministry of Water")
BODY = """<budget type="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
 <value currency="USD" value-date="2023-01-01">1000</value></budget>
<budget type="2"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
 <value currency="USD" value-date="2023-06-01">1500</value></budget>
<transaction><transaction-type code="2"/><transaction-date iso-date="2023-01-10"/>
 <value currency="USD" value-date="2023-01-10">3000</value></transaction>
<transaction><transaction-type code="3"/><transaction-date iso-date="2023-02-10"/>
 <value currency="USD" value-date="2023-02-10">1200</value></transaction>
<result type="1"><title><narrative>Water points built</narrative></title>
 <indicator measure="1"><title><narrative>Working water points</narrative></title>
  <reference vocabulary="9" code="6.1.1"/>
  <baseline year="2022" value="10"/>
  <period><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <target value="40"/><actual value="35"/></period>
 </indicator>
</result>"""


def upload(content: bytes, name: str = "activities.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/xml")


class WebTestCase(PartneringTestCase):
    @classmethod
    def setUpClass(cls):
        cls.media = tempfile.TemporaryDirectory()
        cls.settings_override = override_settings(IATI_IMPORT_INLINE=True,
                                                  MEDIA_ROOT=cls.media.name)
        cls.settings_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.settings_override.disable()
        cls.media.cleanup()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.file = document(
            activity("XM-DAC-41114-WEB", titles={"": "Clean water", "fr": "De l'eau potable"},
                     body=BODY),
            activity("XX-MOW-1-OWN", reporting=MINISTRY, titles={"": "Ministry's own"},
                     participants=[(*MINISTRY[:2], "2", MINISTRY[2])]))
        cls.carol_person.is_organisation_admin = True
        cls.carol_person.save()


class UploadPageTest(WebTestCase):
    def test_it_imports_a_file_from_the_page_and_shows_the_report(self):
        self.sign_in(self.admin)
        page = self.client.get("/interop/iati/")
        self.assertContains(page, 'enctype="multipart/form-data"')
        self.assertContains(page, 'name="csrfmiddlewaretoken"')
        response = self.client.post("/interop/iati/", {"file": upload(self.file),
                                                       "public": "on"})
        job = ImportJob.objects.get()
        self.assertRedirects(response, f"/interop/iati/jobs/{job.pk}/")
        self.assertEqual((job.status, job.progress, job.public), ("done", 100, True))
        self.assertEqual(job.summary["activities"]["created"], 2)
        self.assertEqual(job.stored_file, "")
        self.assertEqual(os.listdir(os.path.join(self.media.name, "imports")), [])
        report = self.client.get(f"/interop/iati/jobs/{job.pk}/")
        self.assertContains(report, "2 created, 0 updated, 0 unchanged, 0 skipped")
        self.assertNotContains(report, 'http-equiv="refresh"')
        self.assertEqual(Partnership.objects.get(iati__iati_identifier="XM-DAC-41114-WEB")
                         .visibility, "public")

    def test_it_refreshes_itself_with_a_progress_bar_while_running(self):
        job = ImportJob.objects.create(file_name="big.xml", status="running", progress=40,
                                       created_by=self.admin)
        self.sign_in(self.admin)
        page = self.client.get(f"/interop/iati/jobs/{job.pk}/")
        self.assertContains(page, '<meta http-equiv="refresh" content="2">')
        self.assertContains(page, '<progress id="job-progress" max="100" value="40">')

    def test_it_shows_why_a_file_was_refused(self):
        self.sign_in(self.admin)
        self.client.post("/interop/iati/", {"file": upload(b"<iati-activities><oops>")})
        job = ImportJob.objects.get()
        self.assertEqual(job.status, "failed")
        page = self.client.get(f"/interop/iati/jobs/{job.pk}/")
        self.assertContains(page, "not well-formed XML")
        self.assertContains(page, "Nothing was written.")
        self.assertFalse(IatiActivity.objects.exists())

    def test_it_refuses_people_who_may_not_import(self):
        for user in (self.alice, self.bob, self.olga):
            self.sign_in(user)
            self.assertEqual(self.client.get("/interop/iati/").status_code, 403)
            response = self.client.post("/interop/iati/", {"file": upload(self.file)})
            self.assertEqual(response.status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/interop/iati/").status_code, 302)
        self.assertFalse(ImportJob.objects.exists())

    def test_it_lets_an_organisation_admin_import_only_their_own_activities(self):
        self.sign_in(self.carol)
        self.assertContains(self.client.get("/interop/iati/"), "Ministry of Water")
        self.client.post("/interop/iati/", {"file": upload(self.file)})
        job = ImportJob.objects.get()
        self.assertEqual(job.summary["activities"], {"created": 1, "updated": 0,
                                                     "unchanged": 0, "skipped": 1})
        self.assertIn("not by Ministry of Water", job.summary["problems"][0]["message"])
        own = Partnership.objects.get(iati__iati_identifier="XX-MOW-1-OWN")
        self.assertTrue(own.memberships.filter(organisation=self.ministry, role="lead")
                        .exists())

    def test_it_hides_other_peoples_jobs(self):
        job = ImportJob.objects.create(file_name="admin.xml", status="done",
                                       created_by=self.admin)
        for user in (self.carol, self.olga):
            self.sign_in(user)
            self.assertEqual(self.client.get(f"/interop/iati/jobs/{job.pk}/").status_code,
                             404)
            self.assertEqual(self.client.get(f"/api/v1/imports/{job.pk}").status_code, 404)


class ImportApiTest(WebTestCase):
    def test_it_runs_an_import_and_answers_202_with_the_job(self):
        response = self.client.post("/api/v1/imports/iati", {"file": upload(self.file)},
                                    headers=self.bearer(self.admin))
        self.assertEqual(response.status_code, 202, response.content)
        job = response.json()
        self.assertEqual((job["status"], job["progress"]), ("done", 100))
        # UNDP is new; the Ministry of Water is found in the registry by its name
        self.assertEqual(job["summary"]["organisations"], {"created": 1, "matched": 1,
                                                           "sector_guessed": 0})
        polled = self.client.get(f"/api/v1/imports/{job['id']}",
                                 headers=self.bearer(self.admin))
        self.assertEqual(polled.json()["summary"], job["summary"])
        listed = self.client.get("/api/v1/imports", headers=self.bearer(self.admin)).json()
        self.assertEqual([j["id"] for j in listed["items"]], [job["id"]])

    def test_it_reports_a_refused_file_in_the_job(self):
        response = self.client.post("/api/v1/imports/iati",
                                    {"file": upload(b"<rss version='2.0'/>")},
                                    headers=self.bearer(self.admin))
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json()["status"], "failed")
        self.assertIn("not an IATI activity file", response.json()["error"])

    def test_it_refuses_bad_requests(self):
        headers = self.bearer(self.admin)
        self.assertEqual(self.client.post("/api/v1/imports/iati", {},
                                          headers=headers).status_code, 422)
        empty = self.client.post("/api/v1/imports/iati", {"file": upload(b"")},
                                 headers=headers)
        self.assertEqual(empty.status_code, 422)
        self.assertEqual(self.client.post("/api/v1/imports/iati",
                                          {"file": upload(self.file)}).status_code, 401)
        self.assertFalse(ImportJob.objects.exists())

    def test_it_refuses_non_staff_with_403(self):
        response = self.client.post("/api/v1/imports/iati", {"file": upload(self.file)},
                                    headers=self.bearer(self.olga))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ImportJob.objects.exists())

    def test_it_lists_only_ones_own_jobs_in_fixed_queries(self):
        self.sign_in(self.carol)
        headers = {}

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get("/api/v1/imports?limit=200", headers=headers)
            self.assertEqual(response.status_code, 200)
            return len(queries)

        def grow(n):
            ImportJob.objects.bulk_create(
                [ImportJob(file_name=f"{n}-{i}.xml", created_by=self.carol) for i in range(n)]
                + [ImportJob(file_name=f"admin-{n}-{i}.xml", created_by=self.admin)
                   for i in range(n)])
        grow(5)
        small = count()
        grow(45)
        self.assertEqual(count(), small)
        listed = self.client.get("/api/v1/imports?limit=200", headers=headers).json()
        self.assertEqual(listed["count"], 50)


class PartnershipPageTest(WebTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from tests.interop.iati_files import TempFiles, run

        files = TempFiles()
        run([files.write("web.xml", cls.file)], cls.admin)
        files.cleanup()
        cls.imported = Partnership.objects.get(iati__iati_identifier="XM-DAC-41114-WEB")

    def test_it_shows_results_resources_and_the_export_link(self):
        self.sign_in(self.admin)
        page = self.client.get(f"/partnerships/{self.imported.pk}/")
        self.assertContains(page, "Results and indicators")
        self.assertContains(page, "<th scope=\"row\">Working water points</th>", html=False)
        self.assertContains(page, "6.1.1")
        self.assertContains(page, "<strong>US$1,500</strong>")  # revised replaces original
        self.assertContains(page, "Contributions by provider")
        self.assertContains(page, f"/api/v1/partnerships/{self.imported.pk}/iati.xml")
        self.assertContains(page, "XM-DAC-41114-WEB")

    def test_it_shows_the_title_in_the_readers_language(self):
        self.sign_in(self.admin)
        french = self.client.get(f"/partnerships/{self.imported.pk}/",
                                 headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
        self.assertContains(french, "<h1>De l&#39;eau potable</h1>", html=False)
        english = self.client.get(f"/partnerships/{self.imported.pk}/",
                                  headers={"Accept-Language": "de, en;q=0.5"})
        self.assertContains(english, "<h1>Clean water</h1>", html=False)

    def test_it_offers_the_export_on_partnerships_made_here(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.private.pk}/")
        self.assertContains(page, "Export IATI XML")
        self.assertNotContains(page, "Results and indicators")
