"""Platform admins see queued, running, failed and finished jobs (page and API) and run a
failed one again; everybody else gets 403. /healthz says whether the queue is drained."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.audit.models import AuditEvent
from partnering.interop.models import ImportJob
from partnering.jobs.queue import enqueue
from partnering.jobs.recovery import LOST
from tests.base import PartneringTestCase
from tests.jobs import sample_tasks

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)


@override_settings(TASKS_IMMEDIATE=False)
class JobsPageTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel(NOW, tick=False):
            cls.queued = DBTaskResult.objects.get(pk=enqueue(sample_tasks.once, 1).id)
            cls.failed = DBTaskResult.objects.get(pk=enqueue(sample_tasks.twice, 2).id)
        cls.failed.claim("w1")
        DBTaskResult.objects.filter(pk=cls.failed.pk).update(
            status=TaskResultStatus.FAILED, exception_class_path=LOST, finished_at=NOW,
            traceback="It was interrupted 2 times and is not tried again: the worker "
                      "running it (w1) stopped.")

    def test_it_lists_the_jobs_with_their_status_for_platform_admins(self):
        self.sign_in(self.admin)
        with self.assertNumQueries(7):  # 7: the bell (unread notifications)
            response = self.client.get("/jobs/")
        self.assertContains(response, "Twice")
        self.assertContains(response, "the worker running it (w1) stopped")
        self.assertContains(response, f"/jobs/{self.failed.pk}/rerun/")
        self.assertNotContains(response, f"/jobs/{self.queued.pk}/rerun/")
        failed = self.client.get("/jobs/?status=failed")
        self.assertNotContains(failed, "Once")

    def test_it_refuses_everybody_else(self):
        self.sign_in(self.alice)
        assert self.client.get("/jobs/").status_code == 403
        assert self.client.post(f"/jobs/{self.failed.pk}/rerun/").status_code == 403
        response = self.client.get("/api/v1/jobs", headers=self.bearer(self.alice))
        assert response.status_code == 403

    def test_it_runs_a_failed_job_again(self):
        self.sign_in(self.admin)
        response = self.client.post(f"/jobs/{self.failed.pk}/rerun/")
        self.assertRedirects(response, "/jobs/")
        again = DBTaskResult.objects.exclude(pk__in=[self.queued.pk, self.failed.pk]).get()
        assert (again.task_path, again.args_kwargs["args"], again.status) == (
            self.failed.task_path, [2], TaskResultStatus.READY)
        assert AuditEvent.objects.filter(action="job.rerun").get().actor == self.admin
        response = self.client.post(f"/jobs/{self.queued.pk}/rerun/", follow=True)
        self.assertContains(response, "Only a failed job can be run again.")

    def test_it_answers_the_api_for_platform_admins(self):
        headers = self.bearer(self.admin)
        body = self.client.get("/api/v1/jobs?status=failed", headers=headers).json()
        assert body["count"] == 1
        job = body["items"][0]
        assert (job["id"], job["status"], job["attempts"], job["max_attempts"]) == (
            str(self.failed.pk), "failed", 1, 2)
        assert "stopped" in job["error"]
        assert self.client.get(f"/api/v1/jobs/{self.queued.pk}",
                               headers=headers).json()["status"] == "queued"
        assert self.client.get("/api/v1/jobs/not-a-job", headers=headers).status_code == 404
        response = self.client.post(f"/api/v1/jobs/{self.failed.pk}/rerun", headers=headers)
        assert response.status_code == 202
        assert response.json()["status"] == "queued"
        response = self.client.post(f"/api/v1/jobs/{self.queued.pk}/rerun", headers=headers)
        assert response.status_code == 422


@override_settings(TASKS_IMMEDIATE=False, JOBS_STALLED_SECONDS=300)
class QueueHealthTest(PartneringTestCase):
    def test_it_reports_the_queue_and_degrades_when_nobody_drains_it(self):
        with time_machine.travel(NOW, tick=False):
            enqueue(sample_tasks.once, 1)
        with time_machine.travel(NOW + timedelta(seconds=299), tick=False):
            body = self.client.get("/healthz").json()
        assert (body["status"], body["database"]) == ("ok", "ok")
        assert body["jobs"] == {"queued": 1, "running": 0, "oldest_queued_seconds": 299,
                                "workers": 0}
        with time_machine.travel(NOW + timedelta(seconds=301), tick=False):
            response = self.client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["status"] == "degraded"


@override_settings(TASKS_IMMEDIATE=False)
class ImportJobFollowsItsTaskTest(PartneringTestCase):
    def test_it_shows_an_interrupted_import_as_waiting_then_failed_with_the_reason(self):
        from partnering.interop.iati import jobs as iati_jobs

        job = ImportJob.objects.create(kind="iati", file_name="big.xml", status="running",
                                       created_by=self.admin)
        iati_jobs.job_requeued(job.pk)
        job.refresh_from_db()
        assert job.status == "queued"
        iati_jobs.job_lost(job.pk, reason="It was interrupted 3 times.")
        job.refresh_from_db()
        assert job.status == "failed" and job.finished is not None
        assert "It was interrupted 3 times." in job.error
