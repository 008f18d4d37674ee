"""What a survey's results page and API, and the organisations list, cost per render.

Builds the demo portfolio (`partnering demo`) plus N organisations in a fresh database, then
renders each page in-process with Django's test client as the persona who reads it (the
broker, signed in), and prints the median ms per render, the ratio to a Django hello-world
rendered the same way in the same run, and the queries per render (which must not grow
with the data).

    python bench/results_pages.py [--organisations 10000] [--renders 40] [--skip-postgres]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_bench_pages]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres  # noqa: E402

# name, persona, path ({round} is a closed round of the demo the broker may read)
PAGES = [
    ("hello-world", "", "/bench/hello"),
    ("survey results page", "broker", "/assessments/rounds/{round}/"),
    ("survey results page, one group", "broker", "/assessments/rounds/{round}/?group={group}"),
    ("survey results API", "broker", "/api/v1/rounds/{round}/results"),
    ("organisations list", "broker", "/organisations/"),
    ("organisations list, one country", "broker", "/organisations/?country=KE"),
]


def _closed_round():
    from django.utils import timezone

    from partnering.assessments.models import Round

    return (Round.objects.filter(closes_at__lte=timezone.now(), partnership__isnull=False)
            .order_by("-closes_at").first())


def _organisations(count: int) -> None:
    from django.db import transaction

    from partnering.registry.models import Organisation

    sectors = ["public", "private", "civil_society", "academia", "community"]
    countries = ["KE", "SN", "NE", "BR", "IN", "DE"]
    with transaction.atomic():
        Organisation.objects.bulk_create([
            Organisation(name=f"Organisation {i}", sector=sectors[i % 5],
                         country=countries[i % 6], mission="Water and sanitation")
            for i in range(count)], batch_size=5000)


def _render(client, path: str, renders: int) -> dict:
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm-up
    assert response.status_code == 200, (path, response.status_code)  # noqa: S101
    times = []
    for _ in range(renders):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return {"ms": statistics.median(times), "queries": len(queries)}


def worker(organisations: int, renders: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    _organisations(organisations)
    round_ = _closed_round()
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in={persona for _, persona, _ in PAGES if persona})}
    rows = []
    for name, persona, path in PAGES:
        client = Client()
        if persona:
            client.force_login(users[persona])
        path = path.format(round=round_.pk, group=round_.groups.order_by("pk").first().pk)
        rows.append({"name": name, "persona": persona, "path": path,
                     **_render(client, path, renders)})
    return {"database": connection.vendor, "rows": rows}


def run(database_url: str, args, folder: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "off",
           "PARTNERING_DATA_DIR": folder,
           "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "DISCOVERY_EMBEDDINGS": "off",
           "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}{os.pathsep}"
                         f"{os.environ.get('PYTHONPATH', '')}"}
    out = subprocess.run([sys.executable, __file__, "--worker", "--organisations",
                          str(args.organisations), "--renders", str(args.renders)],
                         env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print(result: dict) -> None:
    hello = result["rows"][0]["ms"]
    print(f"{result['database']}:")
    print(f"  {'page':<34} {'persona':<8} {'ms/render':>10} {'x hello':>8} {'queries':>8}")
    for row in result["rows"]:
        print(f"  {row['name']:<34} {row['persona'] or '-':<8} {row['ms']:>10.2f} "
              f"{row['ms'] / hello:>8.1f} {row['queries']:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--renders", type=int, default=40)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/partnering_bench_pages")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.organisations, args.renders)))
        return
    with tempfile.TemporaryDirectory() as folder:
        _print(run(f"sqlite:///{folder}/bench.sqlite3", args, folder))
    if not args.skip_postgres:
        fresh_postgres(args.database_url)
        with tempfile.TemporaryDirectory() as folder:
            _print(run(args.database_url, args, folder))


if __name__ == "__main__":
    main()
