"""Interop in French: the registry import page and its preview (with a row's reasons), and
an IATI import's upload page and report."""

from django.utils import translation

from partnering.interop.models import ImportJob
from tests.interop.registry_files import ORG_HEADER, RegistryFilesTestCase, csv_bytes, org_row
from tests.interop.registry_files import upload as registry_upload
from tests.interop.test_iati_web import WebTestCase, upload


class RegistryImportInFrenchTest(RegistryFilesTestCase):
    def test_it_explains_the_file_and_previews_it_in_french(self):
        self.sign_in(self.alice)
        rows = [ORG_HEADER, org_row(name="Dosso Women Farmers' Union", sector="community",
                                    country="NE"),
                org_row(name="Sahel Water Trust", acronym="SWT2")]
        with translation.override("fr"):
            page = self.client.get("/interop/registry/", HTTP_ACCEPT_LANGUAGE="fr")
            preview = self.client.post("/interop/registry/", {
                "kind": "organisations",
                "file": registry_upload(csv_bytes(rows), "registry.csv")},
                HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        page = page.content.decode()
        self.assertIn("Importer des organisations ou des personnes", page)
        self.assertIn("Comment le fichier est lu", page)
        self.assertIn("Importer 1 ligne", preview)
        self.assertIn("Vous ne pouvez pas modifier «\u00a0Sahel Water Trust (SWT)\u00a0»",
                      preview)
        self.assertIn("À créer", preview)


class IatiImportInFrenchTest(WebTestCase):
    def test_it_reports_an_iati_import_in_french(self):
        self.sign_in(self.admin)
        with translation.override("fr"):
            form = self.client.get("/interop/iati/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
            self.client.post("/interop/iati/", {"file": upload(self.file)})
            job = ImportJob.objects.get()
            report = self.client.get(f"/interop/iati/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
        report = report.content.decode()
        self.assertIn("Importer des activités IATI", form)
        self.assertIn("Aucun import pour l’instant.", form)
        self.assertIn("Résumé", report)
        self.assertIn("2 créées, 0 mises à jour", report)
