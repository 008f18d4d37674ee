"""Uploaded files go through Django's storage API only (STORAGES["default"]): with a storage
that is not a folder (here Django's in-memory one, standing in for a shared volume or an
S3-compatible store), evidence files, IATI uploads and registry uploads work and nothing is
written under MEDIA_ROOT."""

import os
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.test import SimpleTestCase, override_settings

from partnering.env import storage_backend
from partnering.interop.models import ImportJob
from partnering.interop.registry.services import confirm_upload
from partnering.interop.registry.uploads import load_result, preview_upload
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from tests.interop.iati_files import activity, document
from tests.interop.registry_files import ORG_HEADER, csv_bytes, org_row
from tests.interop.test_iati_web import upload as xml_upload
from tests.monitoring.base import MonitoringTestCase
from tests.monitoring.test_evidence import PDF
from tests.monitoring.test_evidence import upload as evidence_upload

IN_MEMORY = {"default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
             "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def stored(folder: str) -> list[str]:
    """Every file under `folder` of the default storage, walked through the storage API."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder}/{name}" for name in files] + [
        name for sub in folders for name in stored(f"{folder}/{sub}")]


class StorageTestCase(MonitoringTestCase):
    def setUp(self):
        super().setUp()
        self.media = tempfile.mkdtemp(prefix="partnering-media-")
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(STORAGES=IN_MEMORY, MEDIA_ROOT=self.media,
                                     IATI_IMPORT_INLINE=True)
        override.enable()
        self.addCleanup(override.disable)

    def tearDown(self):
        self.assertEqual([p for p in Path(self.media).rglob("*")], [],
                         "a file was written under MEDIA_ROOT instead of the storage")
        super().tearDown()


class FilesInStorageTest(StorageTestCase):
    def test_it_keeps_evidence_files_in_the_storage(self):
        self.sign_in(self.carol)
        url = (f"/api/v1/indicators/{self.water.pk}/measurements/{self.value.pk}/evidence")
        self.assert_status(self.client.post(url, {"file": evidence_upload("survey.pdf", PDF)}),
                           200)
        [name] = stored("evidence")
        with default_storage.open(name, "rb") as handle:
            self.assertEqual(handle.read(), PDF)
        self.assertEqual(b"".join(self.client.get(url).streaming_content), PDF)
        with self.captureOnCommitCallbacks(execute=True):  # files leave after the commit
            self.assertEqual(self.client.delete(url).status_code, 200)
        self.assertEqual(stored("evidence"), [])

    def test_it_imports_an_iati_upload_read_from_the_storage(self):
        self.sign_in(self.admin)
        content = document(activity("XM-DAC-41114-STORED", titles={"": "Stored water"}))
        response = self.client.post("/api/v1/imports/iati",
                                    {"file": xml_upload(content, "stored.xml")})
        self.assertEqual(response.status_code, 202, response.content)
        job = ImportJob.objects.get()
        self.assertEqual((job.status, job.summary["activities"]["created"]), ("done", 1))
        self.assertEqual(job.summary["files"][0]["name"], "stored.xml")
        self.assertTrue(Partnership.objects.filter(title="Stored water").exists())
        self.assertEqual(stored("imports"), [])

    def test_it_keeps_a_registry_upload_in_the_storage_until_confirmed(self):
        data = csv_bytes([ORG_HEADER, org_row(name="Stored Savings Group", sector="community",
                                              country="NE")])
        token, plan = preview_upload(
            self.alice, "organisations", evidence_upload("registry.csv", data))
        self.assertEqual(sorted(stored("registry-imports")), [
            f"registry-imports/{self.alice.pk}/{token}.json",
            f"registry-imports/{self.alice.pk}/{token}.upload"])
        confirm_upload(self.alice, token)
        self.assertTrue(Organisation.objects.filter(name="Stored Savings Group").exists())
        self.assertEqual(stored("registry-imports"),
                         [f"registry-imports/{self.alice.pk}/{token}.result.json"])
        self.assertEqual(load_result(self.alice, token)["counts"]["create"], 1)


class StorageSettingTest(SimpleTestCase):
    def backend(self, **env) -> dict:
        saved = {name: os.environ.pop(name, None)
                 for name in ("FILE_STORAGE", "FILE_STORAGE_OPTIONS")}
        os.environ.update(env)
        try:
            return storage_backend()
        finally:
            for name, value in saved.items():
                os.environ.pop(name, None)
                if value is not None:
                    os.environ[name] = value

    def test_it_defaults_to_the_uploads_folder(self):
        self.assertEqual(self.backend(),
                         {"BACKEND": "django.core.files.storage.FileSystemStorage"})

    def test_it_takes_a_storage_class_and_its_options(self):
        self.assertEqual(self.backend(FILE_STORAGE="storages.backends.s3.S3Storage",
                                      FILE_STORAGE_OPTIONS='{"bucket_name": "partnering"}'),
                         {"BACKEND": "storages.backends.s3.S3Storage",
                          "OPTIONS": {"bucket_name": "partnering"}})

    def test_it_refuses_malformed_values_naming_the_variable(self):
        for env, variable in (({"FILE_STORAGE": "s3"}, "FILE_STORAGE"),
                              ({"FILE_STORAGE": "a.B", "FILE_STORAGE_OPTIONS": "{bucket"},
                               "FILE_STORAGE_OPTIONS"),
                              ({"FILE_STORAGE": "a.B", "FILE_STORAGE_OPTIONS": "[1]"},
                               "FILE_STORAGE_OPTIONS"),
                              ({"FILE_STORAGE_OPTIONS": "{}"}, "FILE_STORAGE_OPTIONS")):
            with self.subTest(env=env), self.assertRaises(ImproperlyConfigured) as refused:
                self.backend(**env)
            self.assertTrue(str(refused.exception).startswith(variable))
