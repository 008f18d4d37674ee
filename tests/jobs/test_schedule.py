"""Scheduled work runs once per period, whichever of several workers asks first."""

import threading
import unittest
from datetime import UTC, datetime, time, timedelta

import time_machine
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django_tasks_db.models import DBTaskResult

from partnering.jobs import schedule
from partnering.jobs.models import ScheduledRun
from partnering.jobs.schedule import DAILY, HOURLY, Scheduled
from partnering.jobs.worker import Worker
from tests.base import PartneringTestCase

NOW = datetime(2025, 6, 2, 3, 0, tzinfo=UTC)
HEALTH = "partnering.monitoring.tasks.record_health_snapshots"


@override_settings(TASKS_IMMEDIATE=False)
class ScheduleTest(PartneringTestCase):
    def test_it_declares_the_daily_health_snapshot(self):
        entry = next(e for e in schedule.SCHEDULE if e.name == "record-health")
        assert (entry.period, entry.task) == (DAILY, HEALTH)

    def test_it_enqueues_a_daily_job_once_a_day_after_its_time(self):
        entries = [Scheduled("record-health", DAILY, HEALTH, at=time(3, 15))]
        with time_machine.travel(NOW, tick=False):
            assert schedule.tick(schedule=entries) == []  # before 03:15
        with time_machine.travel(NOW + timedelta(minutes=20), tick=False):
            assert schedule.tick(schedule=entries) == ["record-health"]
            assert schedule.tick(schedule=entries) == []
        with time_machine.travel(NOW + timedelta(hours=20), tick=False):
            assert schedule.tick(schedule=entries) == []
        with time_machine.travel(NOW + timedelta(days=1, minutes=20), tick=False):
            assert schedule.tick(schedule=entries) == ["record-health"]
        assert list(ScheduledRun.objects.order_by("period_key").values_list(
            "period_key", flat=True)) == ["2025-06-02", "2025-06-03"]
        assert DBTaskResult.objects.filter(task_path=HEALTH).count() == 2

    def test_it_keys_hourly_work_by_the_hour(self):
        entry = Scheduled("x", HOURLY, HEALTH)
        assert entry.period_key(NOW) == "2025-06-02T03"
        assert entry.period_key(NOW + timedelta(minutes=59)) == "2025-06-02T03"

    def test_it_runs_once_when_two_workers_tick_in_the_same_period(self):
        first, second = (Worker(queue_names=["*"], excluded_queue_names=[], interval=0,
                                batch=True, backend_name="default", startup_delay=False,
                                max_tasks=None, worker_id=name) for name in ("a", "b"))
        with time_machine.travel(NOW + timedelta(hours=2), tick=False):
            first.chores()
            second.chores()
            first.chores()
        assert ScheduledRun.objects.filter(name="record-health").count() == 1
        assert DBTaskResult.objects.filter(task_path=HEALTH).count() == 1


@override_settings(TASKS_IMMEDIATE=False)
@unittest.skipUnless(connection.vendor == "postgresql",
                     "the in-memory SQLite test database locks whole tables across threads; "
                     "test_worker_process.py races two real workers on a SQLite file")
class ConcurrentScheduleTest(TransactionTestCase):
    """Four workers racing in threads, each on its own database connection."""

    def test_it_runs_once_when_workers_race(self):
        entries = [Scheduled("record-health", DAILY, HEALTH)]
        barrier, won, errors = threading.Barrier(4), [], []

        def race():
            try:
                barrier.wait()
                for _ in range(5):
                    won.extend(schedule.tick(now=NOW, schedule=entries))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=race) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert won == ["record-health"]
        assert DBTaskResult.objects.filter(task_path=HEALTH).count() == 1
