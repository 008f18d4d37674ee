"""Deleting a partnership removes its evidence files (and their folder) once the deletion
commits; a deletion that is rolled back keeps them."""

from pathlib import Path

from django.db import transaction

from partnering.monitoring import services
from partnering.partnerships.models import Partnership
from tests.base import use_temporary_media
from tests.monitoring.base import MonitoringTestCase
from tests.monitoring.test_evidence import PDF, PNG, upload


class PartnershipEvidenceCleanupTest(MonitoringTestCase):
    def setUp(self):
        super().setUp()
        self.media = use_temporary_media(self)
        services.attach_evidence(self.carol, self.value, upload("survey.pdf", PDF))
        second = services.report_measurement(
            self.alice, self.trust_kpi, period_start="2026-01-01", period_end="2026-06-30",
            value=4)
        services.attach_evidence(self.alice, second, upload("photo.png", PNG))
        self.folder = Path(self.media) / "evidence" / str(self.private.pk)

    def stored(self) -> list[Path]:
        return sorted(p for p in Path(self.media).rglob("*") if p.is_file())

    def test_it_removes_every_evidence_file_and_the_folder_with_the_partnership(self):
        self.assertEqual(len(self.stored()), 2)
        with self.captureOnCommitCallbacks(execute=True):
            Partnership.objects.get(pk=self.private.pk).delete()
        self.assertEqual(self.stored(), [])
        self.assertFalse(self.folder.exists())

    def test_it_keeps_the_files_when_the_deletion_is_rolled_back(self):
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    Partnership.objects.get(pk=self.private.pk).delete()
                    raise RuntimeError("stop")
            except RuntimeError:
                pass
        self.assertEqual(len(self.stored()), 2)
        self.assertTrue(Partnership.objects.filter(pk=self.private.pk).exists())

    def test_it_leaves_other_partnerships_files_alone(self):
        other = Path(self.media) / "evidence" / str(self.public.pk) / "kept.pdf"
        other.parent.mkdir(parents=True)
        other.write_bytes(PDF)
        with self.captureOnCommitCallbacks(execute=True):
            Partnership.objects.get(pk=self.private.pk).delete()
        self.assertEqual(self.stored(), [other])
