"""Load with writes: N connections for S seconds against `partnering serve --workers 2` (which
starts its job worker beside the web workers), on SQLite and on PostgreSQL.

A mix of reads (JSON lists, public pages, a partnership through the API) and writes through
the API (meetings, action-plan items, reported values, survey submissions), each connection
keeping its HTTP connection open. Afterwards it counts, in the database, the rows each kind of
write made and compares them with the writes the server acknowledged (2xx): they must be
equal. It also counts server errors (5xx) and "database is locked" in the server's log, and
prints the figures beside the same server's Django hello-world route under the same load.

    python bench/load.py [--seconds 60] [--connections 64] [--databases sqlite,postgres]
           [--postgres postgres://postgres@127.0.0.1:5432/partnering_load]

The survey rate limits are raised for the run (one address sends everything here).
"""

import argparse
import http.client
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import fresh_postgres, wait_until_up  # noqa: E402

PARTNERING = [sys.executable, "-m", "partnering.cli"]
SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from partnering.accounts.models import User
from partnering.assessments import services as surveys
from partnering.assessments.models import Instrument, Question
from partnering.monitoring import services as monitoring
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation

from django.db import transaction
admin = User.objects.create_superuser("load-admin", "load@example.org", "load-password-1")
lead = Organisation.objects.create(name="Sahel Water Trust", sector="civil_society",
                                   country="NE")
with transaction.atomic():  # one indexing job for them all
    for n in range(200):
        Organisation.objects.create(name=f"Partner {n}", sector="public", country="KE",
                                    mission="Water, sanitation and hygiene")
partnership = partnerships.create_partnership(
    admin, lead_organisation=lead, title="Water for Tillaberi",
    problem_statement="Rural households walk hours for unsafe water.", visibility="public",
    sdg_codes=["6"], countries=["NE"])
indicator = monitoring.create_indicator(
    admin, partnership, name="Water points working", unit="water points", baseline_value=0,
    baseline_date="2026-01-01", responsible_organisation=lead.pk,
    targets=[{"value": 100, "date": "2027-12-31"}])
instrument = Instrument.objects.get(key="partnership-health-check")
now = timezone.now()
round_ = surveys.create_round(admin, instrument, title="Load test round",
                              opens_at=now - timedelta(days=1),
                              closes_at=now + timedelta(days=30), partnership=partnership)
group = round_.groups.first()
tokens = [surveys.invite(admin, round_, group=group, email=f"r{n}@example.org",
                         send=False)[1] for n in range(TOKENS)]
question = Question.objects.filter(instrument=instrument, kind="likert").first().code
print(json.dumps({"partnership": partnership.pk, "indicator": indicator.pk, "lead": lead.pk,
                  "round": round_.pk, "question": question, "tokens": tokens}))
"""
COUNT = """
import json
from partnering.assessments.models import ActionPlanItem, Response
from partnering.monitoring.models import Measurement
from partnering.partnerships.models import Meeting
print(json.dumps({"meeting": Meeting.objects.filter(purpose__startswith="load ").count(),
                  "action": ActionPlanItem.objects.filter(title__startswith="load ").count(),
                  "value": Measurement.objects.filter(comment__startswith="load ").count(),
                  "submission": Response.objects.filter(submitted=True).count()}))
"""


def partnering(env: dict, *arguments: str) -> str:
    return subprocess.run([*PARTNERING, *arguments], env=env, check=True,
                          capture_output=True, text=True).stdout


class Load:
    """The requests of one run, spread over `connections` threads."""

    def __init__(self, port: int, token: str, data: dict, hello_only: bool = False):
        self.port, self.data, self.hello_only = port, data, hello_only
        self.auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.tokens = iter(data.get("tokens", []))
        self.lock = threading.Lock()
        self.status = Counter()
        self.acknowledged = Counter()
        self.seconds: Counter = Counter()  # time spent per path kind
        self.calls: Counter = Counter()
        self.serial = itertools.count()

    def request(self) -> tuple[str, str, str, dict | None]:
        """(kind, method, path, body) of the next request."""
        if self.hello_only:
            return "read", "GET", "/bench/hello", None
        d = self.data
        n = next(self.serial)
        roll = random.random()
        if roll < 0.70:
            path = random.choice([
                "/api/v1/partnerships?limit=20", "/api/v1/organisations?limit=50",
                f"/api/v1/partnerships/{d['partnership']}",
                f"/api/v1/partnerships/{d['partnership']}/meetings?limit=20",
                "/directory/", "/organisations/", f"/partnerships/{d['partnership']}/"])
            return "read", "GET", path, None
        if roll < 0.78:
            return "meeting", "POST", f"/api/v1/partnerships/{d['partnership']}/meetings", {
                "date": "2026-03-01", "purpose": f"load {n}", "minutes": "Agreed next steps."}
        if roll < 0.86:
            return "action", "POST", f"/api/v1/rounds/{d['round']}/actions", {
                "title": f"load {n}", "due_date": "2026-12-31",
                "owner_organisation_id": d["lead"]}
        if roll < 0.93:
            return "value", "POST", f"/api/v1/indicators/{d['indicator']}/measurements", {
                "period_start": "2026-01-01", "period_end": "2026-03-31", "value": n % 90,
                "comment": f"load {n}"}
        with self.lock:
            token = next(self.tokens, None)
        if token is None:
            return "read", "GET", "/api/v1/partnerships?limit=20", None
        return "submission", "PUT", f"/api/v1/responses/{token}", {
            "answers": [{"question": d["question"], "value": 4}], "submit": True}

    def connection_loop(self, deadline: float) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        status, acknowledged, spent, calls = Counter(), Counter(), Counter(), Counter()
        while time.monotonic() < deadline:
            kind, method, path, body = self.request()
            headers = self.auth if path.startswith("/api/") else {}
            what = kind if kind != "read" else path.split("?")[0].rstrip("/").rsplit("/", 1)[
                -1 if not path.split("?")[0].rstrip("/").rsplit("/", 1)[-1].isdigit() else 0]
            began = time.monotonic()
            try:
                connection.request(method, path, body=json.dumps(body) if body else None,
                                   headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                status["no answer"] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            status[response.status] += 1
            spent[what] += time.monotonic() - began
            calls[what] += 1
            if kind != "read" and 200 <= response.status < 300:
                acknowledged[kind] += 1
        connection.close()
        with self.lock:
            self.status.update(status)
            self.acknowledged.update(acknowledged)
            self.seconds.update(spent)
            self.calls.update(calls)

    def run(self, connections: int, seconds: float) -> float:
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=self.connection_loop, args=(deadline,))
                   for _ in range(connections)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started


def drained(port: int, seconds: float = 300) -> None:
    """Wait until the job worker has done the set-up's jobs (indexing), so that the run
    measures requests, not the start."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        jobs = json.loads(urllib.request.urlopen(  # noqa: S310 - loopback only
            f"http://127.0.0.1:{port}/healthz", timeout=10).read())["jobs"]
        if jobs["queued"] == 0 and jobs["running"] == 0:
            return
        time.sleep(1)
    raise SystemExit("the job worker did not drain the queue")


def one_database(name: str, url: str, args) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix="partnering-load-"))
    env = {**os.environ, "PARTNERING_DATA_DIR": str(data_dir), "DEBUG": "off",
           "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "DISCOVERY_EMBEDDINGS": "off",
           "ASSESSMENT_TOKEN_RATE_PER_MINUTE": "100000",
           "ASSESSMENT_ADDRESS_RATE_PER_MINUTE": "1000000",
           "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    for key in ("TASKS_IMMEDIATE", "BACKGROUND_INLINE", "IATI_IMPORT_INLINE"):
        env.pop(key, None)
    if url:
        env["DATABASE_URL"] = url
        fresh_postgres(url)
    else:
        env.pop("DATABASE_URL", None)
    partnering(env, "migrate", "--no-input", "-v", "0")
    data = json.loads(partnering(env, "shell", "-c", SETUP.replace(
        "TOKENS", str(args.tokens))).strip().splitlines()[-1])
    token = partnering(env, "create-token", "load-admin").strip().split()[-1]
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 - the server writes it
    server = subprocess.Popen([*PARTNERING, "serve", "--port", str(args.port), "--workers",
                               "2"], env=env, stdout=log, stderr=log, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{args.port}/bench/hello", 240)
        drained(args.port)
        hello = Load(args.port, token, data, hello_only=True)
        hello_seconds = hello.run(args.connections, max(3.0, args.seconds / 6))
        load = Load(args.port, token, data)
        seconds = load.run(args.connections, args.seconds)
        time.sleep(1)
        health = json.loads(urllib.request.urlopen(  # noqa: S310 - loopback only
            f"http://127.0.0.1:{args.port}/healthz", timeout=10).read())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=120)
        log.close()
    found = json.loads(partnering(env, "shell", "-c", COUNT).strip().splitlines()[-1])
    server_log = (data_dir / "server.log").read_text(errors="replace")
    requests = sum(load.status.values())
    return {"database": name, "requests": requests, "rps": requests / seconds,
            "hello_rps": sum(hello.status.values()) / hello_seconds,
            "server_errors": sum(v for k, v in load.status.items()
                                 if isinstance(k, int) and k >= 500),
            "no_answer": load.status.get("no answer", 0),
            "client_errors": sum(v for k, v in load.status.items()
                                 if isinstance(k, int) and 400 <= k < 500),
            "locked": server_log.lower().count("database is locked"),
            "acknowledged": dict(load.acknowledged), "found": found,
            "jobs": health.get("jobs", {}), "status": dict(load.status),
            "mean_ms": {what: round(1000 * load.seconds[what] / load.calls[what])
                        for what in load.calls}}


def report(results: list[dict], args) -> None:
    print(f"\n{args.connections} connections, {args.seconds:.0f} s, partnering serve "
          f"--workers 2 with its job worker\n")
    print(f"{'database':10} {'requests':>9} {'req/s':>7} {'÷ hello':>8} {'5xx':>5} "
          f"{'4xx':>5} {'locked':>7} {'writes acked':>13} {'in the DB':>10} {'lost':>5}")
    for r in results:
        acked = sum(r["acknowledged"].values())
        found = sum(r["found"].get(kind, 0) for kind in r["acknowledged"])
        print(f"{r['database']:10} {r['requests']:9} {r['rps']:7.0f} "
              f"{r['rps'] / r['hello_rps']:8.2f} {r['server_errors'] + r['no_answer']:5} "
              f"{r['client_errors']:5} {r['locked']:7} {acked:13} {found:10} "
              f"{acked - found:5}")
    for r in results:
        kinds = ", ".join(f"{kind} {r['acknowledged'].get(kind, 0)}/{r['found'][kind]}"
                          for kind in r["found"])
        print(f"  {r['database']}: acknowledged/in the DB by kind: {kinds}; hello-world "
              f"{r['hello_rps']:.0f} req/s; statuses {r['status']}; queue after: {r['jobs']}")
        print(f"  {r['database']}: mean ms by request: {r['mean_ms']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres",
                        default="postgres://postgres@127.0.0.1:5432/partnering_load")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--tokens", type=int, default=3000,
                        help="survey invitations to submit (each once)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    for name in args.databases.split(","):
        if name not in ("sqlite", "postgres"):
            raise SystemExit("--databases takes sqlite and/or postgres")
        results.append(one_database(name, args.postgres if name == "postgres" else "", args))
    if args.json:
        print(json.dumps(results))
    report(results, args)
    bad = [r for r in results if r["server_errors"] or r["locked"] or r["no_answer"]
           or sum(r["acknowledged"].values()) != sum(
               r["found"].get(k, 0) for k in r["acknowledged"])]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
