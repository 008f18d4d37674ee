"""Import jobs as jobs: a failed IATI import whose file is kept runs again from the jobs
page; the daily clean-up removes the files of failed jobs after FAILED_UPLOAD_KEEP_DAYS and
files no job names."""

import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.interop.models import ImportJob
from partnering.interop.tasks import run_iati_import
from partnering.jobs import services, tasks
from partnering.jobs.queue import enqueue
from tests.base import PartneringTestCase
from tests.interop.iati_files import activity, document

NOW = datetime(2025, 6, 10, 4, 0, tzinfo=UTC)


class ImportJobTestCase(PartneringTestCase):
    def setUp(self):
        self.media = tempfile.TemporaryDirectory()
        self.addCleanup(self.media.cleanup)
        override = override_settings(MEDIA_ROOT=self.media.name, FAILED_UPLOAD_KEEP_DAYS=7)
        override.enable()
        self.addCleanup(override.disable)
        self.folder = Path(self.media.name) / "imports"
        self.folder.mkdir()

    def stored(self, name: str, content: bytes = b"<iati-activities/>") -> str:
        (self.folder / name).write_bytes(content)
        return f"imports/{name}"  # its name in the storage

    def path(self, stored: str) -> Path:
        return Path(self.media.name) / stored


class RerunTest(ImportJobTestCase):
    def test_it_runs_a_failed_import_again_from_its_kept_file(self):
        path = self.stored("a.xml", document(activity("XM-DAC-41114-RERUN")))
        job = ImportJob.objects.create(kind="iati", file_name="a.xml", stored_file=path,
                                       status="failed", error="The import stopped",
                                       created_by=self.admin)
        with override_settings(TASKS_IMMEDIATE=False):
            row = DBTaskResult.objects.get(pk=enqueue(run_iati_import, job.pk).id)
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.FAILED)
        services.rerun(self.admin, str(row.pk))  # runs at once here (TASKS_IMMEDIATE)
        job.refresh_from_db()
        assert (job.status, job.error, job.stored_file) == ("done", "", "")
        assert job.summary["activities"]["created"] == 1
        assert not self.path(path).exists()


@time_machine.travel(NOW, tick=False)
class CleanUpTest(ImportJobTestCase):
    def test_it_removes_failed_uploads_after_their_keeping_time_and_stray_files(self):
        old, recent = self.stored("old.xml"), self.stored("recent.xml")
        for path, days in ((old, 8), (recent, 6)):
            ImportJob.objects.create(kind="iati", file_name="x.xml", stored_file=path,
                                     status="failed", finished=NOW - timedelta(days=days),
                                     created_by=self.admin)
        stray = self.stored("stray.xml")
        self.stored("fresh.xml")  # a stray too young to be called one
        two_days_ago = time.time() - 2 * 86400
        for path in (stray, old, recent):
            os.utime(self.path(path), (two_days_ago, two_days_ago))
        with time_machine.travel(datetime.now(UTC), tick=False):  # files' own clock
            removed = tasks.remove_orphan_uploads()
        assert removed == 1
        assert tasks.remove_failed_uploads(NOW) == 1
        assert sorted(p.name for p in self.folder.iterdir()) == ["fresh.xml", "recent.xml"]
        assert list(ImportJob.objects.order_by("finished").values_list(
            "stored_file", flat=True)) == ["", recent]
