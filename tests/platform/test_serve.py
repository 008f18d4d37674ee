"""`partnering serve` runs the web server and a job worker beside it (tests/jobs has the
worker itself): the worker is started again when it dies and stopped when the server stops;
--no-worker serves alone."""

import signal
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import SimpleTestCase

from partnering.platform.management.commands.serve import Supervisor

PY = sys.executable


class SupervisorTest(SimpleTestCase):
    def setUp(self):
        handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT,
                                                     signal.SIGHUP)}
        self.addCleanup(lambda: [signal.signal(s, h) for s, h in handlers.items()])

    def test_it_stops_the_job_worker_when_the_web_server_exits(self):
        supervisor = Supervisor([PY, "-c", "import time; time.sleep(1); raise SystemExit(3)"],
                                [PY, "-c", "import time; time.sleep(120)"])
        started = time.monotonic()
        assert supervisor.run() == 3
        assert supervisor.worker.poll() is not None
        assert time.monotonic() - started < 60

    def test_it_starts_a_job_worker_again_when_it_dies(self):
        with tempfile.TemporaryDirectory() as folder:
            runs = Path(folder) / "runs"
            supervisor = Supervisor(
                [PY, "-c", "import time; time.sleep(4)"],
                [PY, "-c", f"open({str(runs)!r}, 'a').write('run\\n'); raise SystemExit(1)"])
            assert supervisor.run() == 0
            assert runs.read_text().count("run") >= 2


class NoWorkerTest(SimpleTestCase):
    def test_it_serves_alone_with_no_worker(self):
        with mock.patch("os.execv") as execv, mock.patch(
                "partnering.platform.management.commands.serve.Supervisor") as supervisor:
            call_command("serve", "--no-worker", "--port", "8123", stdout=mock.Mock())
        argv = execv.call_args.args[1]
        assert "granian" in argv[0] and "8123" in argv
        supervisor.assert_not_called()
