"""Registry import confirmation: rows per second and peak memory (issue 16, point 4).

A CSV of --rows new organisations (names, identifiers, sectors, countries, websites, SDG
goals, competencies) is uploaded by a platform admin and confirmed; the confirmation job's
body (interop.registry.jobs.run_job: the file planned again against the registry, then
written through the registry's services) is timed in a child process, on a fresh SQLite
database and a fresh PostgreSQL database. The floor, in the same child: reading and
parsing the same file (interop.registry.parse.read_table), which every import does first.
Peak memory is the child's ru_maxrss after the job.

    python bench/registry_import.py [--rows 10000] [--skip-postgres]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_registry_bench]
"""

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres, run_worker  # noqa: E402

SECTORS = ["public", "private", "civil_society", "academia", "faith_based", "community",
           "multilateral", "philanthropy"]
COUNTRIES = ["KE", "BA", "JM", "NE", "PH", "GB", "NL", "AR"]


def organisations_csv(rows: int) -> bytes:
    from partnering.interop.registry.columns import COLUMNS, ORGANISATIONS

    header = COLUMNS[ORGANISATIONS]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(rows):
        cells = {"name": f"Bench Organisation {i}", "identifier": f"GB-CHC-{900000 + i}",
                 "sector": SECTORS[i % 8], "country": COUNTRIES[i % 8],
                 "website": f"example.org/{i}", "mission": "Water and sanitation in rural "
                 "communities", "sdg_goals": f"{i % 17 + 1}; 6", "competencies": "wash; data"}
        writer.writerow([cells.get(column, "") for column in header])
    return out.getvalue().encode()


def worker(rows: int) -> None:
    import django

    django.setup()
    import resource

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.contrib.auth import get_user_model

    from partnering.interop.models import ImportJob
    from partnering.interop.registry import jobs
    from partnering.interop.registry.parse import read_table
    from partnering.interop.registry.uploads import store_upload
    from partnering.registry.models import Organisation

    data = organisations_csv(rows)
    started = time.perf_counter()
    read_table("organisations", "bench.csv", data)
    parse_seconds = time.perf_counter() - started
    admin = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "x")
    token = store_upload(admin, "organisations", "bench.csv", data)
    job = ImportJob.objects.create(kind=jobs.KIND, file_name="bench.csv", stored_file=token,
                                   summary={"kind": "organisations"}, created_by=admin)
    started = time.perf_counter()
    jobs.run_job(job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    print(json.dumps({"rows": rows, "seconds": seconds, "parse_seconds": parse_seconds,
                      "status": job.status, "counts": job.summary.get("counts", {}),
                      "organisations": Organisation.objects.count(),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/partnering_registry_bench")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.rows)
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PARTNERING_DATA_DIR"] = folder
        results.append(("SQLite", run_worker(__file__, f"sqlite:///{folder}/bench.sqlite3",
                                             "--rows", str(args.rows))))
        if not args.skip_postgres:
            fresh_postgres(args.database_url)
            results.append(("PostgreSQL", run_worker(__file__, args.database_url,
                                                     "--rows", str(args.rows))))
    print(f"Confirming a registry import of {args.rows} new organisations (the job's body)")
    print(f"  {'database':10} {'status':7} {'created':>7} {'seconds':>8} {'rows/s':>7} "
          f"{'parse rows/s':>12} {'import/parse':>12} {'peak RSS':>9}")
    for label, r in results:
        rate, floor = r["rows"] / r["seconds"], r["rows"] / r["parse_seconds"]
        print(f"  {label:10} {r['status']:7} {r['counts'].get('create', 0):7d} "
              f"{r['seconds']:8.2f} {rate:7.0f} {floor:12.0f} {floor / rate:11.1f}x "
              f"{r['peak_mb']:6.0f} MB")
    print("  target: 10,000 new organisations in ≤ 10 s (≥ 1,000 rows/s)")


if __name__ == "__main__":
    main()
