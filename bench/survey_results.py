"""How fast are an assessment round's results?

Builds a fresh database with one partnership of five member organisations and ten rounds of
its health check: the latest round holds 100,000 answers (5,000 respondents × 20 scored
items), and the ten rounds 1,000,000 answers together, all with bulk_create, on SQLite and
on PostgreSQL. Then prints the time of the results computation
(partnering.assessments.results.round_results: scores per dimension and group with their
distributions, the anonymity rules, perception gaps, change since the previous round and
free text) and of the trend across the ten rounds. The results are aggregated by the
database (values().annotate(Avg, Count)); no answer is loaded into Python.

    python bench/survey_results.py [--scale 1.0] [--repeat 5] [--skip-postgres]
           [--postgres postgres://postgres@127.0.0.1:5432/partnering_bench_survey]
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import benchmark_arguments, run_on_both_databases  # noqa: E402


def worker(scale: float, repeat: int) -> dict:
    import random
    import statistics
    import time
    from datetime import timedelta

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from partnering.assessments.models import (
        Answer,
        Instrument,
        RespondentGroup,
        Response,
        Round,
    )
    from partnering.assessments.results import round_results, trend
    from partnering.partnerships.models import Membership, Partnership
    from partnering.registry.models import Organisation

    random.seed(11)
    rounds_n = 10
    per_round = int(100_000 * scale)
    instrument = Instrument.objects.get(key="partnership-health-check")
    items = list(instrument.questions.filter(kind="likert"))[:20]
    free = list(instrument.questions.filter(kind="text", dimension__isnull=False))
    people = max(1, per_round // len(items))
    now = timezone.now()
    built = time.perf_counter()
    with transaction.atomic():
        partnership = Partnership.objects.create(title="Bench partnership",
                                                 problem_statement="A shared problem")
        orgs = Organisation.objects.bulk_create([
            Organisation(name=f"Member {i}", sector=["public", "private", "civil_society",
                                                     "academia", "community"][i])
            for i in range(5)])
        Membership.objects.bulk_create([
            Membership(partnership=partnership, organisation=o,
                       role="lead" if i == 0 else "core") for i, o in enumerate(orgs)])
        total = 0
        for r in range(rounds_n):
            opens = now - timedelta(days=365 * (rounds_n - r))
            round_ = Round.objects.create(instrument=instrument, partnership=partnership,
                                          title=f"Round {r + 1}", opens_at=opens,
                                          closes_at=opens + timedelta(days=30))
            groups = RespondentGroup.objects.bulk_create([
                RespondentGroup(round=round_, name=o.name, organisation=o,
                                perspective="self" if i == 0 else "partner")
                for i, o in enumerate(orgs)])
            # Group sizes are uneven; the last group is small so suppression is exercised.
            weights = [0.4, 0.25, 0.2, 0.15 - 0.001, 0.001]
            responses = Response.objects.bulk_create([
                Response(round=round_, group=random.choices(groups, weights)[0],
                         submitted=True) for _ in range(people)], batch_size=5000)
            answers = []
            for resp in responses:
                for q in items:
                    value = random.randint(1, 5)
                    answers.append(Answer(
                        response=resp, question=q, round=round_, group_id=resp.group_id,
                        dimension_id=q.dimension_id, counted=True, value=value,
                        score=6 - value if q.reverse_scored else value))
                if free and random.random() < 0.1:
                    q = random.choice(free)
                    answers.append(Answer(response=resp, question=q, round=round_,
                                          group_id=resp.group_id, dimension_id=q.dimension_id,
                                          counted=True, text=f"Comment {resp.pk % 97}"))
                if len(answers) >= 20000:
                    Answer.objects.bulk_create(answers, batch_size=5000)
                    total += len(answers)
                    answers = []
            Answer.objects.bulk_create(answers, batch_size=5000)
            total += len(answers)
    built = time.perf_counter() - built
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    latest = Round.objects.order_by("-opens_at").first()

    def timed(fn) -> dict:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        return {"median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1)}

    return {
        "database": connection.vendor,
        "answers_latest_round": Answer.objects.filter(round=latest).count(),
        "answers_total": total,
        "build_seconds": round(built, 1),
        "results_latest_round": timed(lambda: round_results(latest)),
        "results_one_group_filter": timed(
            lambda: round_results(latest, group_id=latest.groups.first().pk)),
        "trend_across_rounds": timed(lambda: trend(latest)),
    }


def main() -> None:
    args = benchmark_arguments(__doc__.split("\n\n")[0],
                               "1.0: 100,000 answers in the latest round, 1,000,000 in all",
                               "partnering_bench_survey")
    if args.worker:
        print(json.dumps(worker(args.scale, args.repeat)))
        return
    results = run_on_both_databases(__file__, args)
    for result in results:
        print(f"{result['database']}: {result['answers_latest_round']:,} answers in the "
              f"latest round, {result['answers_total']:,} in all "
              f"(built in {result['build_seconds']} s)")
        for key in ("results_latest_round", "results_one_group_filter",
                    "trend_across_rounds"):
            figures = result[key]
            print(f"  {key.replace('_', ' ')}: median {figures['median_ms']} ms, "
                  f"max {figures['max_ms']} ms")


if __name__ == "__main__":
    main()
