"""HTTP throughput of the key pages and JSON lists against Django hello-world (TARGETS.md).

Builds a database with 100,000 organisations and 10,000 partnerships (public, with three
members each), serves it with `partnering serve` (granian, WSGI, 2 workers), and drives it
with wrk (Debian package `wrk`) from this machine. Prints requests per second, the ratio to
the same server's hello-world route, and latency percentiles.

    python bench/http_pages.py [--organisations N] [--partnerships N] [--seconds S]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_bench]
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, check=True, **kwargs)


def build_data(env, organisations: int, partnerships: int) -> None:
    script = f"""
import random
from django.db import transaction
from partnering.registry.models import Organisation
from partnering.partnerships.models import Partnership, Membership
from partnering.reference.models import SdgGoal
random.seed(7)
sectors = ["public", "private", "civil_society", "academia", "faith_based", "community",
           "multilateral", "philanthropy"]
with transaction.atomic():
    Organisation.objects.bulk_create([
        Organisation(name=f"Organisation {{i}}", sector=sectors[i % 8], country="KE",
                     mission="Water, sanitation and hygiene in rural communities")
        for i in range({organisations})], batch_size=5000)
    org_ids = list(Organisation.objects.values_list("pk", flat=True))
    Partnership.objects.bulk_create([
        Partnership(title=f"Partnership {{i}}", problem_statement="A shared problem",
                    visibility="public", phase="running")
        for i in range({partnerships})], batch_size=5000)
    ids = list(Partnership.objects.values_list("pk", flat=True))
    Membership.objects.bulk_create([
        Membership(partnership_id=pid, organisation_id=oid, role="core")
        for pid in ids for oid in random.sample(org_ids, 3)], batch_size=5000)
    goals = list(SdgGoal.objects.all())
    through = Partnership.sdg_goals.through
    through.objects.bulk_create([through(partnership_id=pid, sdggoal_id=goals[pid % 17].pk)
                                 for pid in ids], batch_size=5000)
print(Partnership.objects.order_by("pk").values_list("pk", flat=True).first())
"""
    out = run([BIN / "partnering", "shell", "-c", script], env, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not come up at {url}")


def api_token(env) -> str:
    """A personal API token of a fresh user, for the reads that are never kept."""
    run([BIN / "partnering", "shell", "-c",
         "from django.contrib.auth import get_user_model; "
         "get_user_model().objects.create_user('bench-reader')"], env, capture_output=True)
    out = run([BIN / "partnering", "create-token", "bench-reader"], env, capture_output=True,
              text=True)
    return out.stdout.strip().splitlines()[-1].split()[-1]


def wrk(url: str, seconds: int, connections: int = 64, token: str = "") -> dict:
    headers = ["-H", f"Authorization: Bearer {token}"] if token else []
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                          *headers, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    percentiles = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", out))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": percentiles.get("50"), "p99": percentiles.get("99"),
            "errors": int(errors.group(1)) if errors else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--partnerships", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

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
        hello = None
        print(f"{'what':34} {'req/s':>8} {'% hello':>8} {'target':>7} {'p50':>9} {'p99':>9}")
        for label, path, target, auth in targets:
            wrk(base + path, 2, token=auth)  # warm up
            result = wrk(base + path, args.seconds, token=auth)
            hello = hello or result["rps"]
            share = 100 * result["rps"] / hello
            verdict = "" if target is None else (f"≥{target}%" + (" ok" if share >= target
                                                                   else " MISS"))
            print(f"{label:34} {result['rps']:8.0f} {share:7.1f}% {verdict:>7} "
                  f"{result['p50']:>9} {result['p99']:>9}"
                  + (f"  ({result['errors']} errors)" if result["errors"] else ""))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
