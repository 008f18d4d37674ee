"""Real `partnering worker` processes on a SQLite data directory of their own:
- `kill -9` in the middle of an IATI import, then a restart: the job ends finished, with the
  same rows as an import nobody interrupted, and its upload is gone;
- two workers started together enqueue the daily health snapshot once."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.test import SimpleTestCase

from bench.iati_import import build_large
from tests.interop.iati_files import sample

PARTNERING = [sys.executable, "-m", "partnering.cli"]
# Tables whose rows an import writes (audit, jobs and sessions are bookkeeping).
COUNTED = ("partnerships_", "registry_", "finance_", "monitoring_", "interop_iatiactivity",
           "interop_organisationalias", "governance_")
ENQUEUE = """
import sys
from partnering.accounts.models import User
from partnering.interop.models import ImportJob
from partnering.interop.tasks import run_iati_import
from partnering.jobs.queue import enqueue
admin = User.objects.create_superuser("admin", "admin@example.org", "x")
job = ImportJob.objects.create(kind="iati", file_name="big.xml", stored_file=sys.argv[-1],
                               created_by=admin)
enqueue(run_iati_import, job.pk)
"""


class DataDir:
    """A migrated SQLite data directory, and the commands run against it."""

    def __init__(self, template: "DataDir | None" = None):
        self.path = Path(tempfile.mkdtemp(prefix="partnering-worker-test-"))
        self.env = {key: value for key, value in os.environ.items()
                    if key not in ("DATABASE_URL", "TASKS_IMMEDIATE", "BACKGROUND_INLINE",
                                   "IATI_IMPORT_INLINE")}
        self.env.update(PARTNERING_DATA_DIR=str(self.path), DISCOVERY_EMBEDDINGS="off",
                        PYTHONUNBUFFERED="1")
        if template is None:
            self.run("migrate", "--no-input", "-v", "0")
        else:
            for name in ("partnering.sqlite3", "secret_key"):
                shutil.copy(template.path / name, self.path / name)
        self.db = self.path / "partnering.sqlite3"
        self.logs = []

    def run(self, *arguments: str, timeout: int = 300) -> str:
        done = subprocess.run([*PARTNERING, *arguments], env=self.env,  # noqa: S603
                              capture_output=True,
                              text=True, timeout=timeout, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start_worker(self, *arguments: str) -> subprocess.Popen:
        log = open(self.path / "worker.log", "ab")  # noqa: SIM115 - the child writes it
        self.logs.append(log)
        return subprocess.Popen([*PARTNERING, "worker", "--interval", "0.2",  # noqa: S603
                                 *arguments], env=self.env, stdout=log, stderr=log)

    def query(self, sql: str, *params):
        with sqlite3.connect(self.db, timeout=30) as connection:
            return connection.execute(sql, params).fetchall()

    def counts(self) -> dict[str, int]:
        tables = [name for (name,) in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
            if name.startswith(COUNTED)]
        return {table: self.query(f'SELECT COUNT(*) FROM "{table}"')[0][0]  # noqa: S608
                for table in tables}

    def job(self) -> tuple[str, int, str, str]:
        return self.query("SELECT status, progress, error, stored_file FROM "
                          "interop_importjob")[0]

    def remove(self) -> None:
        for log in self.logs:
            log.close()
        shutil.rmtree(self.path, ignore_errors=True)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class KilledWorkerTest(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = DataDir()
        cls.big = cls.template.path / "big-source.xml"
        build_large(Path(sample("dportal-food-security.xml")), cls.big, 1)

    @classmethod
    def tearDownClass(cls):
        cls.template.remove()
        super().tearDownClass()

    def queue_import(self, data: DataDir) -> Path:
        upload = data.path / "uploads" / "imports" / "big.xml"
        upload.parent.mkdir(parents=True)
        shutil.copy(self.big, upload)
        data.run("shell", "-c", ENQUEUE.replace("sys.argv[-1]", repr("imports/big.xml")))
        return upload

    def test_it_finishes_an_import_whose_worker_was_killed_with_the_same_rows(self):
        killed, calm = DataDir(self.template), DataDir(self.template)
        self.addCleanup(killed.remove)
        self.addCleanup(calm.remove)
        upload = self.queue_import(killed)
        worker = killed.start_worker()
        try:
            wait_for(lambda: killed.job()[0] == "running" and 10 <= killed.job()[1] < 90,
                     240, "the import to be under way")
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
        status, progress, _, stored = killed.job()
        assert (status, stored) == ("running", "imports/big.xml")  # what a crash leaves
        assert 0 < progress < 100
        # A restarted worker sees at once that the job's worker is gone and runs it again.
        killed.run("worker", "--batch", timeout=600)
        status, progress, error, stored = killed.job()
        assert (status, progress, error, stored) == ("done", 100, "", "")
        assert not upload.exists()
        attempts = killed.query("SELECT worker_ids, status FROM "
                                "django_tasks_database_dbtaskresult WHERE task_path LIKE "
                                "'%run_iati_import'")
        assert attempts[0][1] == "SUCCESSFUL" and attempts[0][0].count(",") == 1  # two runs
        self.queue_import(calm)
        calm.run("worker", "--batch", timeout=600)
        assert calm.job()[0] == "done"
        expected = calm.counts()
        assert expected["partnerships_partnership"] > 0
        assert killed.counts() == expected

    def test_it_enqueues_scheduled_work_once_with_two_workers(self):
        data = DataDir(self.template)
        self.addCleanup(data.remove)
        workers = [data.start_worker() for _ in range(2)]
        hourly = "task_path LIKE '%embed_missing_profiles'"  # due whatever the time
        try:
            wait_for(lambda: data.query("SELECT COUNT(*) FROM jobs_workerheartbeat")[0][0] == 2,
                     120, "both workers to start")
            wait_for(lambda: data.query(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE "  # noqa: S608
                f"{hourly} AND status = 'SUCCESSFUL'")[0][0], 120, "the hourly job to run")
            time.sleep(1)  # both have ticked by now (each ticks when it starts)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                assert worker.wait(timeout=60) == 0
        runs = data.query("SELECT name, period_key FROM jobs_scheduledrun")
        assert len(runs) == len(set(runs))
        assert [name for name, _ in runs].count("embed-missing-profiles") == 1
        jobs = data.query("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult")[0][0]
        assert jobs == len(runs)  # one job per scheduled run, nothing else queued
        assert data.query("SELECT COUNT(*) FROM jobs_workerheartbeat")[0][0] == 0
