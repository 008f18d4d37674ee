"""`partnering serve`: the web workers (granian) and, unless `--no-worker`, one job worker
(`partnering worker`) beside them, so that one command runs everything. The command stays as
their parent: SIGTERM or Ctrl+C stops both (the job worker finishes its running job first);
a job worker that dies is started again (after 1 s, doubling up to a minute); when the web
server stops, the job worker is stopped and the command exits with the server's status."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

RESTART_MAX = 60.0


class Command(BaseCommand):
    help = "Serve Partnering with granian (WSGI; TARGETS.md explains why not ASGI)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_false", dest="job_worker",
                            help="do not start a job worker (run `partnering worker` "
                                 "elsewhere)")

    def handle(self, *args, host, port, workers, job_worker, **options):
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535", returncode=2)
        if workers < 1:
            raise CommandError("--workers must be at least 1", returncode=2)
        granian = Path(sys.executable).with_name("granian")
        if not granian.exists():
            raise CommandError("granian is not installed in this environment", returncode=2)
        self.stdout.write(f"Partnering is being served on http://{host}:{port}/ "
                          f"({workers} worker{'s' if workers > 1 else ''}"
                          f"{', and a job worker' if job_worker else ''}).")
        self.stdout.flush()
        # One blocking thread per worker: granian's default exhausted PostgreSQL
        # connections under load (TARGETS.md).
        web = [str(granian), "--interface", "wsgi", "--host", host, "--port", str(port),
               "--workers", str(workers), "--blocking-threads", "1",
               "--no-ws", "partnering.wsgi:application"]
        if not job_worker:
            os.execv(web[0], web)  # noqa: S606 - fixed argv, no shell
            return  # not reached: execv replaces this process
        sys.exit(Supervisor(web, [sys.executable, "-m", "partnering.cli", "worker"]).run())


class Supervisor:
    def __init__(self, web: list[str], worker: list[str]):
        self.web_argv, self.worker_argv = web, worker
        self.stopping = False

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self.stop)
        # Their own process groups: Ctrl+C reaches them once, forwarded from here.
        self.web = subprocess.Popen(self.web_argv, process_group=0)  # noqa: S603
        self.worker = subprocess.Popen(self.worker_argv, process_group=0)  # noqa: S603
        delay = 1.0
        while True:
            code = self.web.poll()
            if code is not None:
                self.stopping = True
                self._end(self.worker)
                return code
            if self.worker.poll() is not None and not self.stopping:
                sys.stderr.write(f"The job worker stopped (status {self.worker.returncode}); "
                                 f"starting it again in {delay:.0f} s.\n")
                time.sleep(delay)
                delay = min(delay * 2, RESTART_MAX)
                self.worker = subprocess.Popen(self.worker_argv,  # noqa: S603
                                               process_group=0)
            time.sleep(0.5)

    def stop(self, signum, frame) -> None:
        self.stopping = True
        for process in (self.worker, self.web):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM if signum == signal.SIGHUP else signum)

    @staticmethod
    def _end(process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=600)  # the running job finishes
        except subprocess.TimeoutExpired:
            process.kill()
