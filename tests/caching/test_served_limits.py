"""Served by `partnering serve --workers 2`, the survey links' limit holds for the install,
not for each worker: 200 guessed tokens from one address answer 404 up to the limit, then
429. (Before, each worker counted in its own memory and the limit was multiplied.)

The served install gets its own data directory and database: a fresh SQLite file, or with
DATABASE_URL=postgres://… a fresh database on that server; CACHE_URL passes through."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.test import SimpleTestCase

LIMIT = 40
GUESSES = 200
PARTNERING = Path(sys.executable).with_name("partnering")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def postgres(url: str, name: str, *, create: bool) -> str:
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


class ServedRateLimitTest(SimpleTestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory(prefix="partnering-served-")
        self.addCleanup(folder.cleanup)
        database = f"sqlite:///{folder.name}/partnering.sqlite3"
        configured = os.environ.get("DATABASE_URL", "")
        if configured.startswith(("postgres://", "postgresql://")):
            name = f"partnering_served_{os.getpid()}"
            database = postgres(configured, name, create=True)
            self.addCleanup(postgres, configured, name, create=False)
        self.env = {**os.environ, "PARTNERING_DATA_DIR": folder.name,
                    "DATABASE_URL": database, "DEBUG": "off",
                    "ASSESSMENT_ADDRESS_RATE_PER_MINUTE": str(LIMIT)}
        subprocess.run([str(PARTNERING), "migrate", "--no-input", "-v", "0"],  # noqa: S603
                       env=self.env, check=True, timeout=600)

    def serve(self) -> str:
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own entry point
            [str(PARTNERING), "serve", "--port", str(port), "--workers", "2"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)

        def stop():
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()

        self.addCleanup(stop)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if status(base + "/healthz") == 200:
                    return base
            except OSError:
                pass
            self.assertIsNone(server.poll(), "partnering serve stopped")
            time.sleep(0.3)
        self.fail("partnering serve did not answer /healthz within 120 s")

    def test_it_answers_429_after_the_limit_whichever_worker_answers(self):
        base = self.serve()
        # The window is the clock's minute: the 200 guesses start early in one (35 s left).
        while time.time() % 60 > 25:
            time.sleep(1)
        window = int(time.time()) // 60
        codes = [status(f"{base}/respond/{secrets.token_urlsafe(24)}/")
                 for _ in range(GUESSES)]
        self.assertEqual(int(time.time()) // 60, window, "the guesses took over 35 s")
        self.assertEqual(codes[:LIMIT], [404] * LIMIT)
        self.assertEqual(codes[LIMIT:], [429] * (GUESSES - LIMIT))
