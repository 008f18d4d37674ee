"""How fast does "find a broker" answer among 10,000 brokers?

Builds (in a fresh database) a roster of N brokers (default 10,000) with languages,
countries, regions, sectors and specialties drawn from realistic pools (English and French
common, Bosnian rare), their tags (brokers.roster.services.tag_keys) and some current load,
and a Bosnian child-protection partnership of three members whose lead's representative is
the steward. Then requests, in-process with Django's test client as that steward:

- hello-world: a bare Django view, the baseline measured in the same run;
- the candidates API, /api/v1/partnerships/{id}/broker-candidates, with the partnership's
  own needs and with specialties asked for;
- the find-a-broker page;

and prints p50 and p99 in ms over the renders, the p99 as a ratio to hello-world's, and the
queries per request (which must not grow with the roster). The target: p99 <= 50 ms.

    python bench/find_broker.py [--brokers 10000] [--renders 200] [--skip-postgres]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_bench_brokers]
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

LANGUAGES = [("en", 0.7), ("fr", 0.35), ("es", 0.2), ("pt", 0.1), ("sw", 0.08),
             ("bs", 0.03), ("hr", 0.03), ("ar", 0.05)]
COUNTRIES = ["KE", "MW", "NE", "SN", "BA", "HR", "RS", "BR", "IN", "PH", "JM", "UG", "TZ",
             "FR", "GB", "US"]
SECTORS = ["child_protection", "education", "health", "water_sanitation", "food_security",
           "livelihoods", "social_protection", "gender_equality", "climate_environment",
           "energy", "governance", "humanitarian"]
SPECIALTIES = ["negotiating_agreements", "difficult_conversations", "conflict_resolution",
               "evaluation", "health_checks"]


def _profile_fields(rng) -> dict:
    from decimal import Decimal

    languages = [code for code, share in LANGUAGES if rng.random() < share] or ["en"]
    return {"kind": "external" if rng.random() < 0.7 else "internal",
            "languages": languages, "countries": rng.sample(COUNTRIES, rng.randint(1, 3)),
            "sectors": rng.sample(SECTORS, rng.randint(1, 3)),
            "specialties": rng.sample(SPECIALTIES, rng.randint(0, 3)),
            "days_per_month": Decimal(rng.randint(0, 12)),
            "committed_days": Decimal(rng.randint(0, 6)), "listed": rng.random() < 0.5}


def _roster(count: int) -> None:
    """`count` brokers with their tags, in bulk (no service call per broker)."""
    import random

    from django.db import transaction

    from partnering.brokers.roster.models import BrokerProfile, BrokerTag
    from partnering.brokers.roster.services import tag_keys
    from partnering.registry.models import Person

    rng = random.Random(21)
    with transaction.atomic():
        people = Person.objects.bulk_create([Person(name=f"Broker {i:05d}")
                                             for i in range(count)], batch_size=5000)
        profiles = BrokerProfile.objects.bulk_create(
            [BrokerProfile(person=p, **_profile_fields(rng)) for p in people], batch_size=5000)
        BrokerTag.objects.bulk_create(
            [BrokerTag(profile=p, key=key, weight=weight)
             for p in profiles for key, weight in tag_keys(p).items()], batch_size=10000)


def _world():
    """The steward (a signed-in user) and the Bosnian partnership they lead."""
    from django.contrib.auth import get_user_model

    from partnering.partnerships import services as partnerships
    from partnering.registry.models import Organisation, Person

    steward = get_user_model().objects.create_user("steward", password="x")
    lead = Organisation.objects.create(name="World Vision BiH", sector="civil_society",
                                       country="BA")
    Person.objects.create(name="Steward", organisation=lead, user=steward)
    partnership = partnerships.create_partnership(
        steward, lead_organisation=lead, title="Roma children in school",
        problem_statement="Roma children drop out of school.", sdg_codes=["16.2", "4"],
        countries=["BA"], language="bs")
    for name in ("Ministry of Civil Affairs", "Sarajevo Child Rights Centre"):
        partnerships.add_member(steward, partnership, organisation=Organisation.objects.create(
            name=name, sector="public", country="BA"))
    return steward, partnership


def _measure(client, path: str, renders: int) -> dict:
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
    times.sort()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return {"p50": statistics.median(times), "p99": times[int(len(times) * 0.99) - 1],
            "queries": len(queries)}


def worker(brokers: int, renders: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    _roster(brokers)
    steward, partnership = _world()
    client = Client()
    client.force_login(steward)
    api = f"/api/v1/partnerships/{partnership.pk}/broker-candidates"
    rows = [("hello-world", "/bench/hello"),
            ("candidates API", api),
            ("candidates API, specialties", api + "?specialties=conflict_resolution"
                                                  "&specialties=negotiating_agreements"),
            ("find-a-broker page", f"/partnerships/{partnership.pk}/broker-assignments/find/")]
    return {"database": connection.vendor, "brokers": brokers,
            "rows": [{"name": name, "path": path, **_measure(client, path, renders)}
                     for name, path in rows]}


def run(database_url: str, args, folder: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "off",
           "PARTNERING_DATA_DIR": folder,
           "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "DISCOVERY_EMBEDDINGS": "off",
           "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}{os.pathsep}"
                         f"{os.environ.get('PYTHONPATH', '')}"}
    out = subprocess.run([sys.executable, __file__, "--worker", "--brokers",
                          str(args.brokers), "--renders", str(args.renders)],
                         env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print(result: dict) -> None:
    hello = result["rows"][0]["p99"]
    print(f"{result['database']}, {result['brokers']:,} brokers:")
    print(f"  {'request':<30} {'p50 ms':>8} {'p99 ms':>8} {'p99 x hello':>12} {'queries':>8}")
    for row in result["rows"]:
        print(f"  {row['name']:<30} {row['p50']:>8.2f} {row['p99']:>8.2f} "
              f"{row['p99'] / hello:>12.1f} {row['queries']:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brokers", type=int, default=10_000)
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/partnering_bench_brokers")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.brokers, args.renders)))
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run(f"sqlite:///{folder}/bench.sqlite3", args, folder))
    if not args.skip_postgres:
        fresh_postgres(args.database_url)
        with tempfile.TemporaryDirectory() as folder:
            results.append(run(args.database_url, args, folder))
    for result in results:
        print(json.dumps(result)) if args.json else _print(result)


if __name__ == "__main__":
    main()
