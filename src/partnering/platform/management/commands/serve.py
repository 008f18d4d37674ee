import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Partnering with granian (WSGI; TARGETS.md explains why not ASGI)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, host, port, workers, **options):
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535", returncode=2)
        if workers < 1:
            raise CommandError("--workers must be at least 1", returncode=2)
        granian = Path(sys.executable).with_name("granian")
        if not granian.exists():
            raise CommandError("granian is not installed in this environment", returncode=2)
        self.stdout.write(f"Partnering is being served on http://{host}:{port}/ "
                          f"({workers} worker{'s' if workers > 1 else ''}).")
        self.stdout.flush()
        # One blocking thread per worker: granian's default exhausted PostgreSQL
        # connections under load (TARGETS.md).
        os.execv(str(granian), [  # noqa: S606 - fixed argv, no shell
            str(granian), "--interface", "wsgi", "--host", host, "--port", str(port),
            "--workers", str(workers), "--blocking-threads", "1",
            "--no-ws", "partnering.wsgi:application",
        ])
