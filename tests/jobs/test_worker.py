"""The job worker: retries with back-off, failures that are not retried, postponed jobs, and
jobs whose worker is gone (recovered at once on this host, after the lease elsewhere)."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.jobs import recovery
from partnering.jobs.models import WorkerHeartbeat
from partnering.jobs.queue import enqueue
from partnering.jobs.worker import Worker
from tests.base import PartneringTestCase
from tests.jobs import sample_tasks

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)


def worker(worker_id: str = "test-worker") -> Worker:
    return Worker(queue_names=["*"], excluded_queue_names=[], interval=0, batch=True,
                  backend_name="default", startup_delay=False, max_tasks=None,
                  worker_id=worker_id)


def run_next(test_worker: Worker) -> DBTaskResult:
    row = DBTaskResult.objects.ready().first()
    row.claim(test_worker.worker_id)
    test_worker.run_task(row)
    row.refresh_from_db()
    return row


@override_settings(TASKS_IMMEDIATE=False)
@time_machine.travel(NOW, tick=False)
class RetryTest(PartneringTestCase):
    def setUp(self):
        sample_tasks.CALLS.clear()
        sample_tasks.LOST.clear()

    def test_it_queues_a_job_again_with_a_growing_back_off_then_succeeds(self):
        enqueue(sample_tasks.flaky, 2)
        first = run_next(worker())
        assert first.status == TaskResultStatus.READY
        assert first.run_after == NOW + timedelta(seconds=10)
        assert "the disk hiccuped" in first.traceback
        assert DBTaskResult.objects.ready().count() == 0  # not before its back-off
        with time_machine.travel(NOW + timedelta(seconds=10), tick=False):
            second = run_next(worker())
        assert second.run_after == NOW + timedelta(seconds=30)  # 10 s, then 20 s
        with time_machine.travel(NOW + timedelta(seconds=30), tick=False):
            third = run_next(worker())
        assert (third.status, third.return_value, len(third.worker_ids)) == (
            TaskResultStatus.SUCCESSFUL, 42, 3)

    def test_it_fails_a_job_after_its_last_attempt(self):
        enqueue(sample_tasks.flaky, 5)
        for seconds in (0, 10, 30):
            with time_machine.travel(NOW + timedelta(seconds=seconds), tick=False):
                row = run_next(worker())
        assert row.status == TaskResultStatus.FAILED
        assert "OSError" in row.exception_class_path
        assert len(sample_tasks.CALLS) == 3

    def test_it_never_retries_a_job_that_says_it_failed(self):
        enqueue(sample_tasks.refused)
        row = run_next(worker())
        assert row.status == TaskResultStatus.FAILED
        assert "the file is not IATI" in row.traceback
        assert sample_tasks.CALLS == [("refused",)]

    def test_it_postpones_a_job_without_counting_an_attempt(self):
        enqueue(sample_tasks.waits)
        row = run_next(worker())
        assert (row.status, row.worker_ids) == (TaskResultStatus.READY, [])
        assert row.run_after == NOW + timedelta(seconds=5)


@override_settings(TASKS_IMMEDIATE=False)
@time_machine.travel(NOW, tick=False)
class RecoveryTest(PartneringTestCase):
    def setUp(self):
        sample_tasks.LOST.clear()

    def claimed(self, declared, worker_id, *, hostname="elsewhere", pid=4242, beat=NOW):
        result = enqueue(declared, 7)
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={
            "hostname": hostname, "pid": pid, "started": beat, "beat": beat})
        row = DBTaskResult.objects.get(pk=result.id)
        row.claim(worker_id)
        return row

    def test_it_leaves_alone_a_job_whose_worker_beats(self):
        row = self.claimed(sample_tasks.twice, "w1")
        assert recovery.recover("me") == 0
        row.refresh_from_db()
        assert row.status == TaskResultStatus.RUNNING

    def test_it_queues_again_a_job_whose_worker_fell_silent(self):
        row = self.claimed(sample_tasks.twice, "w1", beat=NOW - timedelta(seconds=61))
        assert recovery.recover("me") == 1
        row.refresh_from_db()
        assert row.status == TaskResultStatus.READY
        assert "w1" in row.traceback and "Attempt 1 of 2" in row.traceback
        assert sample_tasks.LOST == [((7,), "requeued")]

    def test_it_recovers_at_once_a_job_whose_process_is_gone_from_this_host(self):
        import socket

        row = self.claimed(sample_tasks.twice, "w1", hostname=socket.gethostname(),
                           pid=2 ** 22 + 17)  # no such process
        assert recovery.recover("me") == 1
        row.refresh_from_db()
        assert row.status == TaskResultStatus.READY

    def test_it_fails_a_job_with_its_reason_when_no_attempt_is_left(self):
        row = self.claimed(sample_tasks.once, "w1", beat=NOW - timedelta(minutes=5))
        recovery.recover("me")
        row.refresh_from_db()
        assert row.status == TaskResultStatus.FAILED
        assert row.exception_class_path == recovery.LOST
        assert "interrupted 1 time" in row.traceback
        assert sample_tasks.LOST[0][0] == (7,)
        assert "stopped" in sample_tasks.LOST[0][1]
