"""How fast are the portfolio dashboard and one health index on a large platform?

Builds a fresh database with 10,000 partnerships (or --partnerships; three members each,
SDGs, a progress report for two in three, a health snapshot for half), 50,000 indicators
(each with a baseline and two milestones) and 1,000,000 measurements with bulk_create, on
SQLite and on PostgreSQL, stores each indicator's latest value and progress as the services
keep them (monitoring/summaries.py, one UPDATE), then times the portfolio dashboard (every
table of partnering.monitoring.portfolio.data.portfolio, whole platform and filtered by
organisation, SDG and phase, plus the first page of the partnership table) and one
partnership's health index.

The whole platform's figures are kept in one row (monitoring/rollup/platform.py, recomputed
by the job worker after changes): the page reads that row and the first page of the table;
"computed on request" is what the page did before (every aggregate over every partnership,
and the table's first page annotating every row), now the job's work. The health index is
timed computed from the database (the job's work) and read from the partnership's summary
(the page's). --partnerships sets the number of partnerships apart from the rest (e.g.
100,000 partnerships with --scale 0.2: the aggregates read indicator columns, not the
measurements).

    python bench/portfolio.py [--scale 1.0] [--partnerships N] [--repeat 5] [--skip-postgres]
           [--postgres postgres://postgres@127.0.0.1:5432/partnering_bench_portfolio]
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres, run_worker  # noqa: E402


def worker(scale: float, repeat: int, partnerships: int = 0) -> dict:
    import random
    import statistics
    import time
    from datetime import date, timedelta
    from decimal import Decimal

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from django.core.paginator import Paginator

    from partnering.monitoring.health.scoring import compute_health, partnership_health
    from partnering.monitoring.models import (
        HealthSnapshot,
        Indicator,
        IndicatorTarget,
        Measurement,
        ProgressReport,
    )
    from partnering.monitoring.portfolio.data import (
        PagedRows,
        compute_portfolio,
        partnership_rows,
        portfolio,
    )
    from partnering.monitoring.rollup.compute import refresh_summary
    from partnering.monitoring.summaries import refresh_indicators
    from partnering.partnerships.models import Membership, Partnership
    from partnering.reference.models import SdgGoal
    from partnering.registry.models import Organisation

    random.seed(7)
    n_partnerships = partnerships or int(10_000 * scale)
    n_indicators = int(50_000 * scale)
    n_measurements = int(1_000_000 * scale)
    today = date.today()
    start = today - timedelta(days=3 * 365)
    sectors = ["public", "private", "civil_society", "academia", "faith_based", "community",
               "multilateral", "philanthropy"]
    phases = ["exploration", "building", "running", "reviewing", "scale"]
    built = time.perf_counter()
    with transaction.atomic():
        Organisation.objects.bulk_create([
            Organisation(name=f"Organisation {i}", sector=sectors[i % 8],
                         country=["KE", "BA", "JM", "NE", "CO"][i % 5])
            for i in range(max(30, n_partnerships // 5))], batch_size=5000)
        org_ids = list(Organisation.objects.values_list("pk", flat=True))
        Partnership.objects.bulk_create([
            Partnership(title=f"Partnership {i}", problem_statement="A shared problem",
                        visibility="public" if i % 2 else "private",
                        phase=phases[i % len(phases)], start_date=start)
            for i in range(n_partnerships)], batch_size=5000)
        p_ids = list(Partnership.objects.values_list("pk", flat=True))
        Membership.objects.bulk_create([
            Membership(partnership_id=p, organisation_id=org_ids[(k * 7 + j) % len(org_ids)])
            for k, p in enumerate(p_ids) for j in range(3)], batch_size=10000)
        through = Partnership.sdg_goals.through
        goal_ids = dict(SdgGoal.objects.values_list("number", "pk"))
        through.objects.bulk_create([
            through(partnership_id=p, sdggoal_id=goal_ids[1 + (k % 17)])
            for k, p in enumerate(p_ids)], batch_size=10000)
        ProgressReport.objects.bulk_create([
            ProgressReport(partnership_id=p, period_start=start, period_end=today,
                           narrative="Progress", submitted_on=today - timedelta(
                               days=random.randint(0, 900)))
            for k, p in enumerate(p_ids) if k % 3], batch_size=10000)
        HealthSnapshot.objects.bulk_create([
            HealthSnapshot(partnership_id=p, computed_on=today,
                           index=random.uniform(10, 95)) for k, p in enumerate(p_ids)
            if k % 2], batch_size=10000)
        Indicator.objects.bulk_create([
            Indicator(partnership_id=p_ids[i % len(p_ids)], name=f"Indicator {i}",
                      unit="people", baseline_value=Decimal(100), baseline_date=start)
            for i in range(n_indicators)], batch_size=10000)
        i_ids = list(Indicator.objects.values_list("pk", flat=True))
        IndicatorTarget.objects.bulk_create([
            IndicatorTarget(indicator_id=i, value=Decimal(value), date=day)
            for i in i_ids for value, day in ((300, today), (500, today + timedelta(days=365)))
        ], batch_size=20000)
        per = max(1, n_measurements // len(i_ids))
        batch = []
        for i in i_ids:
            for k in range(per):
                end = start + timedelta(days=30 * (k + 1))
                batch.append(Measurement(indicator_id=i, period_start=end - timedelta(days=29),
                                         period_end=end, value=Decimal(100 + 10 * k)))
            if len(batch) >= 50_000:
                Measurement.objects.bulk_create(batch, batch_size=10000)
                batch = []
        Measurement.objects.bulk_create(batch, batch_size=10000)
    built = time.perf_counter() - built
    # bulk_create skips the services, which keep each indicator's latest value and progress:
    # fill them as the migration that added them does (and time it).
    summarised = time.perf_counter()
    refresh_indicators(Indicator.objects.all())
    summarised = time.perf_counter() - summarised
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, on both databases

    admin = get_user_model().objects.create_superuser("bench-admin", password=None)
    one = Partnership.objects.order_by("pk").first()

    def timed(fn) -> dict:
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
        return {"median_ms": round(statistics.median(times) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1)}

    def dashboard(**filters):
        data = portfolio(admin, **filters)
        list(Paginator(PagedRows(admin, **filters), 25).get_page(1))
        return data

    def on_request():
        """What the page did before: every aggregate over every partnership, and the
        table's first page annotating every row."""
        data = compute_portfolio(Partnership.objects.all())
        list(partnership_rows(admin)[:25])
        return data

    dashboard()  # the kept figures: computed once here, then read
    return {
        "database": connection.vendor,
        "partnerships": Partnership.objects.count(), "indicators": Indicator.objects.count(),
        "measurements": Measurement.objects.count(), "build_seconds": round(built, 1),
        "summaries_seconds": round(summarised, 1),
        "indicators_with_progress": Indicator.objects.filter(progress__isnull=False).count(),
        "portfolio_whole_platform_page": timed(dashboard),
        "portfolio_whole_platform_computed_on_request": timed(on_request),
        "platform_figures_recomputed_by_the_job": timed(
            lambda: compute_portfolio(Partnership.objects.all())),
        "portfolio_filtered": timed(lambda: dashboard(organisation=org_ids[0], sdg=6,
                                                      phase="running")),
        "health_index_computed": timed(lambda: compute_health(one)),
        "summary_recomputed_by_the_job": timed(lambda: refresh_summary(one)),
        "health_index_read_from_the_summary": timed(lambda: partnership_health(one)),
    }


def arguments():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1.0: 10,000 partnerships, 50,000 indicators, 1,000,000 values")
    parser.add_argument("--partnerships", type=int, default=0,
                        help="partnerships, whatever the scale (default: 10,000 × scale)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres",
                        default="postgres://postgres@127.0.0.1:5432/partnering_bench_portfolio")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def run_on_both_databases(args) -> list[dict]:
    import tempfile

    worker_args = ("--scale", str(args.scale), "--repeat", str(args.repeat),
                   "--partnerships", str(args.partnerships))
    with tempfile.TemporaryDirectory() as folder:
        results = [run_worker(__file__, f"sqlite:///{folder}/bench.sqlite3", *worker_args)]
    if not args.skip_postgres:
        fresh_postgres(args.postgres)
        results.append(run_worker(__file__, args.postgres, *worker_args))
    return results


def main() -> None:
    args = arguments()
    if args.worker:
        print(json.dumps(worker(args.scale, args.repeat, args.partnerships)))
        return
    for result in run_on_both_databases(args):
        print(f"{result['database']}: {result['partnerships']:,} partnerships, "
              f"{result['indicators']:,} indicators, {result['measurements']:,} "
              f"measurements (built in {result['build_seconds']} s; latest value and progress "
              f"of {result['indicators_with_progress']:,} indicators stored in "
              f"{result['summaries_seconds']} s)")
        for key, figures in result.items():
            if isinstance(figures, dict):
                print(f"  {key.replace('_', ' ')}: median {figures['median_ms']} ms, "
                      f"max {figures['max_ms']} ms")


if __name__ == "__main__":
    main()
