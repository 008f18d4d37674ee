"""`partnering worker`: run background jobs (partnering/jobs/worker.py). Run one or more per
machine; `partnering serve` starts one beside the web workers unless told `--no-worker`."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import valid_interval, valid_max_tasks

from partnering.jobs.worker import Worker, new_worker_id


class Command(BaseCommand):
    help = ("Run background jobs (IATI and registry imports, profile indexing, scheduled "
            "work) until stopped; SIGTERM lets the running job finish.")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=valid_interval, default=1.0,
                            help="seconds between looks at an empty queue (default 1)")
        parser.add_argument("--batch", action="store_true",
                            help="run the jobs that are due, then exit")
        parser.add_argument("--max-jobs", type=valid_max_tasks, default=None,
                            help="exit after this many jobs")
        parser.add_argument("--worker-id", default="",
                            help="unique among all workers (default: host-pid-random)")
        parser.add_argument("--no-schedule", action="store_false", dest="scheduling",
                            help="do not enqueue scheduled work (another worker does)")

    def handle(self, *args, interval, batch, max_jobs, worker_id, scheduling, verbosity,
               **options):
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError("the default TASKS backend is not the database backend: "
                               "nothing to take jobs from", returncode=2)
        if len(worker_id) > 64:
            raise CommandError("--worker-id must be at most 64 characters", returncode=2)
        # -v 2 logs every job's start and end; by default, what goes wrong and the
        # scheduled runs; -v 0 only errors.
        levels = {0: logging.ERROR, 1: logging.WARNING}
        for name in ("django_tasks", "django_tasks_db", "partnering.jobs"):
            logger = logging.getLogger(name)
            logger.setLevel(levels.get(verbosity, logging.INFO) if name != "partnering.jobs"
                            or verbosity != 1 else logging.INFO)
            if not logger.handlers:
                logger.addHandler(logging.StreamHandler(self.stderr))
                logger.propagate = False
        worker = Worker(queue_names=["*"], excluded_queue_names=[], interval=interval,
                        batch=batch, backend_name="default", startup_delay=not batch,
                        max_tasks=max_jobs, worker_id=worker_id or new_worker_id(),
                        scheduling=scheduling)
        worker.configure_signals()
        worker.run()
