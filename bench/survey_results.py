"""How fast are an assessment round's results at 100,000 and at 1,000,000 answers?

For each size, builds (in a fresh database) one partnership of five member organisations
with two rounds of its health check: the measured round holds SIZE answers (SIZE / 20
respondents × 20 scored items, one in ten also writes a comment) and the round before it
SIZE / 10. Answers are written in batches of 20,000 with COPY (PostgreSQL) or executemany
(SQLite), not one save per row; then the running totals (ResultCell) are filled by the
GROUP BY the migration uses, and 20 more people answer through the answering service, which
keeps the totals.

Then prints, per database and size, the median time of
- results: partnering.assessments.results.round_results (scores per dimension and group
  with distributions, the anonymity rules, perception gaps, change since the previous round
  and free text), for everyone and filtered to one group, and the trend across rounds;
- the same figures computed from the answers with GROUP BY (aggregates.cells_from_answers),
  which is what reading the totals saves;
- one submission through the answering service (with the totals kept);
as milliseconds and as ratios to a bare baseline measured in the same run (reading one
round by its key), with the queries per results computation.

    python bench/survey_results.py [--sizes 100000,1000000] [--repeat 5] [--skip-postgres]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_bench_survey]
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres, run_worker  # noqa: E402

ITEMS = 20
GROUP_WEIGHTS = [0.4, 0.25, 0.2, 0.15 - 0.001, 0.001]  # the last group is small
COLUMNS = ("response_id", "question_id", "round_id", "group_id", "dimension_id", "counted",
           "value", "score", "dont_know", "choices", "text")


def _insert_answers(rows: list) -> None:
    """COPY on PostgreSQL, executemany on SQLite: no model instance per answer."""
    from django.db import connection

    from partnering.assessments.models import Answer

    table = Answer._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(COLUMNS)}) "
                           f"VALUES ({', '.join(['%s'] * len(COLUMNS))})", rows)


def _answer_rows(rng, responses, items, free) -> list:
    rows = []
    for resp in responses:
        for q in items:
            value = rng.randint(1, 5)
            rows.append((resp.pk, q.pk, resp.round_id, resp.group_id, q.dimension_id, True,
                         value, 6 - value if q.reverse_scored else value, False, "[]", ""))
        if free and rng.random() < 0.1:
            q = rng.choice(free)
            rows.append((resp.pk, q.pk, resp.round_id, resp.group_id, q.dimension_id, True,
                         None, None, False, "[]", f"Comment {resp.pk % 97}"))
    return rows


def _fill_round(rng, round_, groups, answers_n: int, instrument) -> None:
    """`answers_n` scored answers in `round_`, written in batches of 20,000."""
    from partnering.assessments.models import Response

    items = list(instrument.questions.filter(kind="likert", dimension__isnull=False))[:ITEMS]
    free = list(instrument.questions.filter(kind="text", dimension__isnull=False))
    people = max(1, answers_n // len(items))
    batch = 20_000 // len(items)
    for start in range(0, people, batch):
        responses = Response.objects.bulk_create([
            Response(round=round_, group=rng.choices(groups, GROUP_WEIGHTS)[0], submitted=True)
            for _ in range(min(batch, people - start))])
        _insert_answers(_answer_rows(rng, responses, items, free))


def _build(size: int):
    """(previous round, measured round, still open) for one partnership; SIZE answers."""
    import random
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from partnering.assessments.models import Instrument, RespondentGroup, Round
    from partnering.partnerships.models import Membership, Partnership
    from partnering.registry.models import Organisation

    rng = random.Random(11)
    instrument = Instrument.objects.get(key="partnership-health-check")
    now = timezone.now()
    with transaction.atomic():
        partnership = Partnership.objects.create(title=f"Bench partnership {size}",
                                                 problem_statement="A shared problem")
        orgs = Organisation.objects.bulk_create([
            Organisation(name=f"Member {size} {i}", sector=sector) for i, sector in
            enumerate(["public", "private", "civil_society", "academia", "community"])])
        Membership.objects.bulk_create([
            Membership(partnership=partnership, organisation=o,
                       role="lead" if i == 0 else "core") for i, o in enumerate(orgs)])
        rounds = []
        for n, (opens, days, answers_n) in enumerate(((now - timedelta(days=400), 30,
                                                       size // 10),
                                                      (now - timedelta(days=30), 60, size))):
            round_ = Round.objects.create(instrument=instrument, partnership=partnership,
                                          title=f"Round {n + 1}", opens_at=opens,
                                          closes_at=opens + timedelta(days=days))
            groups = RespondentGroup.objects.bulk_create([
                RespondentGroup(round=round_, name=o.name, organisation=o,
                                perspective="self" if i == 0 else "partner")
                for i, o in enumerate(orgs)])
            _fill_round(rng, round_, groups, answers_n, instrument)
            rounds.append(round_)
    return rounds


def _submissions(round_, people: int = 20) -> float:
    """ms per submission of 20 scored answers through the answering service."""
    import time

    from partnering.assessments import answering
    from partnering.assessments.models import Invitation, token_hash

    items = round_.instrument.questions.filter(kind="likert", dimension__isnull=False)
    answers = [{"question": q.code, "value": 1 + n % 5} for n, q in enumerate(items[:ITEMS])]
    groups = list(round_.groups.all())
    tokens = [f"bench-token-{round_.pk}-{n:04d}-abcdefghijklmnop" for n in range(people)]
    Invitation.objects.bulk_create([
        Invitation(round=round_, group=groups[n % len(groups)], email=f"p{n}@example.org",
                   token_hash=token_hash(token)) for n, token in enumerate(tokens)])
    start = time.perf_counter()
    for token in tokens:
        answering.save_answers(token, answers, submit=True)
    return (time.perf_counter() - start) * 1000 / people


def _timed(fn, repeat: int) -> float:
    import statistics
    import time

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _measure(rounds: list, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnering.assessments.aggregates import cells_from_answers
    from partnering.assessments.models import Answer, Round
    from partnering.assessments.results import round_results, trend

    latest = rounds[-1]
    group = latest.groups.order_by("pk").first().pk
    with CaptureQueriesContext(connection) as queries:
        round_results(latest)
    return {
        "answers": Answer.objects.filter(round=latest).count(),
        "baseline_ms": _timed(lambda: Round.objects.filter(pk=latest.pk).first(), 50),
        "results_ms": _timed(lambda: round_results(latest), repeat),
        "one_group_ms": _timed(lambda: round_results(latest, group_id=group), repeat),
        "trend_ms": _timed(lambda: trend(latest), repeat),
        "group_by_ms": _timed(lambda: cells_from_answers(Answer, [latest.pk]), min(repeat, 3)),
        "queries": len(queries),
    }


def _close(round_) -> None:
    from django.utils import timezone

    from partnering.assessments.models import Round

    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now())
    round_.refresh_from_db()


def worker(sizes: list[int], repeat: int) -> dict:
    import time

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from partnering.assessments.aggregates import rebuild
    from partnering.assessments.models import Answer, ResultCell

    call_command("migrate", verbosity=0)
    out = {"database": connection.vendor, "sizes": []}
    for size in sizes:
        started = time.perf_counter()
        rounds = _build(size)
        built = time.perf_counter() - started
        started = time.perf_counter()
        rebuild(Answer, ResultCell, [r.pk for r in rounds])
        filled = time.perf_counter() - started
        submit_ms = _submissions(rounds[-1])
        _close(rounds[-1])
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        out["sizes"].append({"size": size, "build_s": round(built, 1),
                             "fill_totals_s": round(filled, 1), "submit_ms": submit_ms,
                             **_measure(rounds, repeat)})
    return out


def _print(result: dict) -> None:
    print(f"{result['database']}:")
    print(f"  {'answers':>10} {'results':>9} {'one group':>10} {'trend':>8} "
          f"{'GROUP BY':>9} {'baseline':>9} {'results/base':>13} {'GROUP BY/results':>17} "
          f"{'queries':>8} {'submit':>8}")
    for s in result["sizes"]:
        print(f"  {s['answers']:>10,} {s['results_ms']:>7.1f}ms {s['one_group_ms']:>8.1f}ms "
              f"{s['trend_ms']:>6.1f}ms {s['group_by_ms']:>7.0f}ms {s['baseline_ms']:>7.2f}ms "
              f"{s['results_ms'] / s['baseline_ms']:>12.0f}x "
              f"{s['group_by_ms'] / s['results_ms']:>16.0f}x {s['queries']:>8} "
              f"{s['submit_ms']:>6.1f}ms")
        print(f"  {'':>10} (built in {s['build_s']} s, totals filled by GROUP BY in "
              f"{s['fill_totals_s']} s)")
    first, last = result["sizes"][0], result["sizes"][-1]
    if last is not first:
        print(f"  {last['answers'] / first['answers']:.0f}x the answers: results "
              f"{last['results_ms'] / first['results_ms']:.2f}x the time, GROUP BY "
              f"{last['group_by_ms'] / first['group_by_ms']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="answers in the measured round, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/partnering_bench_survey",
                        help="the PostgreSQL database to (re)create and measure")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    if args.worker:
        print(json.dumps(worker(sizes, args.repeat)))
        return
    worker_args = ("--sizes", args.sizes, "--repeat", str(args.repeat))
    with tempfile.TemporaryDirectory() as folder:
        _print(run_worker(__file__, f"sqlite:///{folder}/bench.sqlite3", *worker_args))
    if not args.skip_postgres:
        fresh_postgres(args.database_url)
        _print(run_worker(__file__, args.database_url, *worker_args))


if __name__ == "__main__":
    main()
