"""HTTP throughput of the key pages and JSON lists against Django hello-world (TARGETS.md).

Builds a database with 100,000 organisations and 10,000 partnerships (public, with three
members each), serves it with `partnering serve` (granian, WSGI, 2 workers), and drives it
with wrk (Debian package `wrk`) from this machine, or with bench/common.py's Python load
generator where wrk is not installed. Prints requests per second, the ratio to
the same server's hello-world route, and latency percentiles.

    python bench/http_pages.py [--organisations N] [--partnerships N] [--seconds S]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_bench]
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import build_data, drive, load_generator, wait_until_up  # noqa: E402

BIN = Path(sys.executable).parent


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, check=True, **kwargs)


def api_token(env) -> str:
    """A personal API token of a fresh user, for the reads that are never kept."""
    run([BIN / "partnering", "shell", "-c",
         "from django.contrib.auth import get_user_model; "
         "get_user_model().objects.create_user('bench-reader')"], env, capture_output=True)
    out = run([BIN / "partnering", "create-token", "bench-reader"], env, capture_output=True,
              text=True)
    return out.stdout.strip().splitlines()[-1].split()[-1]


def print_rows(generator: str, port: int, targets: list, seconds: int) -> None:
    """Drive each (label, path, target %, token) and print its line; the first is hello-world."""
    hello = None
    print(f"load: {generator}, 64 connections, {seconds} s a row")
    print(f"{'what':34} {'req/s':>8} {'% hello':>8} {'target':>7} {'p50':>9} {'p99':>9}")
    for label, path, target, auth in targets:
        headers = {"Authorization": f"Bearer {auth}"} if auth else {}
        drive(generator, port, path, headers, 64, 2)  # warm up
        result = drive(generator, port, path, headers, 64, seconds)
        hello = hello or result["rps"]
        share = 100 * result["rps"] / hello
        verdict = "" if target is None else (f"≥{target}%" + (" ok" if share >= target
                                                               else " MISS"))
        print(f"{label:34} {result['rps']:8.0f} {share:7.1f}% {verdict:>7} "
              f"{result['p50']:7.1f}ms {result['p99']:7.1f}ms"
              + (f"  ({result['errors']} errors)" if result["errors"] else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--partnerships", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    generator = load_generator()

    data_dir = Path(tempfile.mkdtemp(prefix="partnering-bench-"))
    env = {**os.environ, "PARTNERING_DATA_DIR": str(data_dir), "DEBUG": "off",
           "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
           "PYTHONPATH": f"{ROOT}:{os.environ.get('PYTHONPATH', '')}"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        run([BIN / "partnering", "flush", "--no-input"], env)
    run([BIN / "partnering", "migrate", "-v0"], env)
    started = time.perf_counter()
    first = build_data(env, args.organisations, args.partnerships)
    token = api_token(env)
    print(f"data: {args.organisations} organisations, {args.partnerships} partnerships "
          f"built in {time.perf_counter() - started:.1f} s "
          f"({'PostgreSQL' if args.database_url else 'SQLite'})")

    server = subprocess.Popen([BIN / "partnering", "serve", "--port", str(args.port),
                               "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(base + "/bench/hello")
        # Visitors (no session, no token) get kept answers (partnering/pagecache.py); the
        # same lists read with an API token are built afresh on every request.
        targets = [
            ("Django hello-world", "/bench/hello", None, ""),
            ("JSON list: 50 organisations", "/api/v1/organisations?limit=50", 12, ""),
            ("JSON list: 50 partnerships", "/api/v1/partnerships?limit=50", 12, ""),
            ("page: public directory", "/directory/", 10, ""),
            ("page: organisations", "/organisations/", 10, ""),
            ("page: partnership", f"/partnerships/{first}/", 10, ""),
            ("page: lifecycle", f"/partnerships/{first}/lifecycle/", 10, ""),
            ("JSON list: 50 orgs, with a token", "/api/v1/organisations?limit=50", 12, token),
            ("JSON list: 50 partnerships, token", "/api/v1/partnerships?limit=50", 12, token),
        ]
        print_rows(generator, args.port, targets, args.seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
