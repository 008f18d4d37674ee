"""Helpers the database benchmarks share: a fresh PostgreSQL database, and running the
measuring half of a benchmark in a child process against a given DATABASE_URL."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def settle_postgres(url: str, seconds: float = 300) -> str:
    """After a bulk load: write the dirty pages out (CHECKPOINT) and wait until no autovacuum
    worker runs, so that neither competes with the measured server. Says what it waited."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        while time.perf_counter() - started < seconds:
            busy = conn.execute("SELECT count(*) FROM pg_stat_activity "
                                "WHERE backend_type = 'autovacuum worker'").fetchone()[0]
            if not busy:
                break
            time.sleep(1)
    return f"PostgreSQL settled in {time.perf_counter() - started:.1f} s"


def run_worker(script: str, database_url: str, *arguments: str) -> dict:
    """Run `script --worker ARGUMENTS` with DATABASE_URL set; it prints one JSON line last."""
    env = {**os.environ, "DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "partnering.settings",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    out = subprocess.run([sys.executable, script, "--worker", *arguments], env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def benchmark_arguments(description: str, scale_help: str, postgres_name: str):
    """The options both database benchmarks take."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=float, default=1.0, help=scale_help)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres",
                        default=f"postgres://postgres@127.0.0.1:5432/{postgres_name}")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def run_on_both_databases(script: str, args) -> list[dict]:
    """Run the measuring half on a fresh SQLite file, then on a fresh PostgreSQL database."""
    import tempfile

    worker_args = ("--scale", str(args.scale), "--repeat", str(args.repeat))
    with tempfile.TemporaryDirectory() as folder:
        results = [run_worker(script, f"sqlite:///{folder}/bench.sqlite3", *worker_args)]
    if not args.skip_postgres:
        fresh_postgres(args.postgres)
        results.append(run_worker(script, args.postgres, *worker_args))
    return results


# --- Serving and loading over HTTP (http_pages.py, signed_in_pages.py, load.py) -------------

def wait_until_up(url: str, seconds: float = 60) -> None:
    """Wait until `url` answers, or stop the benchmark."""
    import time
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not come up at {url}")


def build_data(env: dict, organisations: int, partnerships: int) -> int:
    """Bulk-create `organisations` organisations and `partnerships` public, running
    partnerships with three member organisations and one SDG each (fast: no services, no
    signals), then refresh the planner's statistics as the hourly job does. Returns the
    first new partnership's id."""
    script = f"""
import random
from django.db import transaction
from partnering.registry.models import Organisation
from partnering.partnerships.models import Partnership, Membership
from partnering.reference.models import SdgGoal
random.seed(7)
sectors = ["public", "private", "civil_society", "academia", "faith_based", "community",
           "multilateral", "philanthropy"]
before = Partnership.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
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
    ids = list(Partnership.objects.filter(pk__gt=before).values_list("pk", flat=True))
    Membership.objects.bulk_create([
        Membership(partnership_id=pid, organisation_id=oid, role="core")
        for pid in ids for oid in random.sample(org_ids, 3)], batch_size=5000)
    goals = list(SdgGoal.objects.all())
    through = Partnership.sdg_goals.through
    through.objects.bulk_create([through(partnership_id=pid, sdggoal_id=goals[pid % 17].pk)
                                 for pid in ids], batch_size=5000)
# What the hourly database-statistics job (jobs/schedule.py) does after a bulk load on
# SQLite, and PostgreSQL's autovacuum soon after one: the planner's statistics.
from partnering.jobs.tasks import database_statistics
database_statistics()
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
print(min(ids) if ids else 0)
"""
    out = subprocess.run([Path(sys.executable).parent / "partnering", "shell", "-c", script],
                         env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def process_cpu_seconds(root_pid: int) -> float:
    """User + system CPU seconds of `root_pid` and every process below it (granian's main
    process and its workers), read from /proc/<pid>/stat."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, total, grew = {root_pid}, 0, True
    while grew:
        grown = tree | {pid for pid, (parent, _) in stats.items() if parent in tree}
        grew, tree = grown != tree, grown
    for pid in tree:
        total += stats.get(pid, (0, 0))[1]
    return total / ticks


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _load_thread(port: int, path: str, headers: dict, deadline: float, out: list) -> None:
    import http.client
    import time

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, errors = [], 0
    while time.monotonic() < deadline:
        began = time.monotonic()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        latencies.append(time.monotonic() - began)
        errors += not 200 <= response.status < 400
    connection.close()
    out.append((latencies, errors))


def _load_process(port: int, path: str, headers: dict, connections: int,
                  seconds: float) -> tuple[list[float], int]:
    import threading
    import time

    deadline, out = time.monotonic() + seconds, []
    threads = [threading.Thread(target=_load_thread, args=(port, path, headers, deadline, out))
               for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [x for latencies, _ in out for x in latencies], sum(e for _, e in out)


def python_load(port: int, path: str, headers: dict, connections: int, seconds: float,
                processes: int = 2) -> dict:
    """wrk's figures from Python: `connections` keep-alive connections (threads with
    http.client) spread over `processes` processes, GET `path` for `seconds`."""
    import time
    from concurrent.futures import ProcessPoolExecutor

    share = [connections // processes + (n < connections % processes)
             for n in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        started = time.monotonic()
        parts = list(pool.map(_load_process, *zip(*[
            (port, path, headers, n, seconds) for n in share if n], strict=True)))
        elapsed = time.monotonic() - started
    latencies = [x for part, _ in parts for x in part]
    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
            "p50": percentile(latencies, 0.50) * 1000, "p99": percentile(latencies, 0.99) * 1000,
            "errors": sum(e for _, e in parts)}


def _wrk_ms(text: str) -> float:
    import re

    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict:
    """GET `path` with wrk (2 threads, `connections` connections) for `seconds`."""
    import re

    flags = [x for name, value in headers.items() for x in ("-H", f"{name}: {value}")]
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                          "--latency", *flags, f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"(\d+) requests in", out).group(1))
    percentiles = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", out))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"requests": total, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
            "p50": _wrk_ms(percentiles["50"]), "p99": _wrk_ms(percentiles["99"]),
            "errors": int(errors.group(1)) if errors else 0}


def load_generator() -> str:
    """"wrk" when it is installed, else "python" (python_load)."""
    import shutil

    return "wrk" if shutil.which("wrk") else "python"


def drive(generator: str, port: int, path: str, headers: dict, connections: int,
          seconds: float) -> dict:
    if generator == "wrk":
        return wrk(port, path, headers, connections, seconds)
    return python_load(port, path, headers, connections, seconds)
