"""How fast are a consultation's loop metrics at 100,000 submissions across 1,000 forums?

Builds (in a fresh database) one platform with three levels and 1,000 forums (10 national
working groups, 90 parish committees, 900 community committees), one consultation with
SCALE × 100,000 submissions spread over the forums, eight sectors and three languages. One
item in ten is merged in pairs (the merged item carries both origins); seven live items in
ten are answered (days to answer spread over 0–60), four deliveries in five are delivered,
and one answered origin in three says whether it feels heard. Everything is bulk-created
(no services, no signals); the loop facts are then written by the services' bulk equivalent
(partnering.platforms.loops.facts.rebuild) and the tables vacuumed and analysed.

Then times the loop metrics (the whole consultation and by forum, level, sector and
language, with the median and 90th percentile days to answer) two ways: computed from the
loop facts, as after each change of them, and read as kept until the next change
(loops/kept.py), as every other reader gets them; prints, per database, the milliseconds at
p50 and p99 over --repeat runs and the queries of each. The target: p50 ≤ 200 ms on
PostgreSQL.

    python bench/loop_metrics.py [--scale 1] [--repeat 30] [--skip-postgres]
           [--postgres postgres://postgres@127.0.0.1:5432/partnering_bench_loops]
"""

import json
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import benchmark_arguments, run_on_both_databases  # noqa: E402

SUBMISSIONS, FORUMS = 100_000, 1_000
SECTORS = ["public", "private", "civil_society", "academia", "faith_based", "community",
           "multilateral", ""]
LANGUAGES = ["en", "en", "en", "es", "fr"]
BATCH = 5_000


def _world():
    from partnering.platforms.models import Consultation, Forum, ForumLevel, Platform

    platform = Platform.objects.create(title="Bench platform", slug="bench",
                                       time_zone="America/Jamaica", visibility="public")
    levels = [ForumLevel.objects.create(platform=platform, name=n, rank=r)
              for r, n in enumerate(["Community", "Parish", "National"], start=1)]
    national = Forum.objects.bulk_create([Forum(platform=platform, level=levels[2],
                                                title=f"National {i}") for i in range(10)])
    parish = Forum.objects.bulk_create([Forum(platform=platform, level=levels[1],
                                              parent=national[i % 10], title=f"Parish {i}")
                                        for i in range(90)])
    community = Forum.objects.bulk_create([Forum(platform=platform, level=levels[0],
                                                 parent=parish[i % 90],
                                                 title=f"Community {i}") for i in range(900)])
    consultation = Consultation.objects.create(
        platform=platform, title="MTF bench", document="Plan", opens_on=date(2027, 1, 1),
        closes_on=date(2027, 2, 28), answer_deadline=date(2027, 3, 30), status="open")
    return consultation, national + parish + community


def _submissions(rng, consultation, forums, n):
    from partnering.platforms.models import Item, ItemOrigin, Submission

    for start in range(0, n, BATCH):
        batch = [(forums[rng.randrange(len(forums))], rng.choice(SECTORS),
                  rng.choice(LANGUAGES)) for _ in range(min(BATCH, n - start))]
        subs = Submission.objects.bulk_create([
            Submission(consultation=consultation, forum=f, level_id=f.level_id, sector=s,
                       language=lang, text="Input", voice="organisation")
            for f, s, lang in batch])
        items = Item.objects.bulk_create([
            Item(consultation=consultation, forum_id=s.forum_id, level_id=s.level_id,
                 title="Input", text="Input") for s in subs])
        ItemOrigin.objects.bulk_create([ItemOrigin(item=i, submission=s)
                                        for i, s in zip(items, subs, strict=True)])
        yield list(zip(items, subs, strict=True))


def _merge(consultation, pairs):
    """One item in ten is merged with its neighbour into an item carrying both origins."""
    from partnering.platforms.models import Item, ItemOrigin

    chosen = pairs[: len(pairs) // 10 // 2 * 2]
    merged = Item.objects.bulk_create([
        Item(consultation=consultation, forum_id=a.forum_id, level_id=a.level_id,
             title="Merged", text="Merged", kind="merged") for (a, _s), _b in
        zip(chosen[0::2], chosen[1::2], strict=True)])
    origins = []
    for m, (a, sa), (b, sb) in zip(merged, chosen[0::2], chosen[1::2], strict=True):
        a.parent_id = b.parent_id = m.pk
        origins += [ItemOrigin(item=m, submission=sa), ItemOrigin(item=m, submission=sb)]
    Item.objects.bulk_update([a for a, _s in chosen], ["parent"], batch_size=BATCH)
    ItemOrigin.objects.bulk_create(origins, batch_size=BATCH)
    live = [(i, [s]) for i, s in pairs[len(chosen):]]
    by_merged = {}
    for m, (_a, sa), (_b, sb) in zip(merged, chosen[0::2], chosen[1::2], strict=True):
        by_merged[m.pk] = (m, [sa, sb])
    return live + list(by_merged.values())


def _answers(rng, consultation, live):
    from partnering.platforms.models import Answer, AnswerDelivery, HeardResponse

    base = datetime(2027, 3, 1, 12, tzinfo=UTC)
    answered = [(i, subs) for i, subs in live if rng.random() < 0.7]
    answers = Answer.objects.bulk_create([
        Answer(item=i, consultation=consultation, forum_id=i.forum_id, level_id=i.level_id,
               outcome=rng.choice(["accepted", "partly_accepted", "not_accepted",
                                   "outside_scope"]), language="en",
               answered_at=base + timedelta(hours=rng.randrange(0, 60 * 24)))
        for i, _subs in answered], batch_size=BATCH)
    deliveries, heard = [], []
    for answer, (_i, subs) in zip(answers, answered, strict=True):
        for s in subs:
            delivered = rng.random() < 0.8
            deliveries.append(AnswerDelivery(answer=answer, submission=s, channel="ledger",
                                             forum_id=s.forum_id,
                                             delivered_at=base if delivered else None))
            if delivered and rng.random() < 0.33:
                heard.append(HeardResponse(answer=answer, submission=s, at=base,
                                           feeling=rng.choice(["yes", "partly", "no"])))
    AnswerDelivery.objects.bulk_create(deliveries, batch_size=BATCH)
    HeardResponse.objects.bulk_create(heard, batch_size=BATCH)
    return len(answers)


def _build(scale: float) -> tuple:
    from django.db import connection, transaction

    from partnering.platforms.loops import facts

    rng = random.Random(19)
    with transaction.atomic():
        consultation, forums = _world()
        pairs = [p for batch in _submissions(rng, consultation, forums,
                                             int(SUBMISSIONS * scale)) for p in batch]
        live = _merge(consultation, pairs)
        answers = _answers(rng, consultation, live)
        facts.rebuild(consultation)
    with connection.cursor() as cursor:
        # Statistics, and the visibility map the index-only scans of the percentiles need.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return consultation, len(pairs), answers


def worker(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from partnering.platforms.loops.metrics import loop_metrics

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    consultation, submissions, answers = _build(args.scale)
    built = time.perf_counter() - started
    now = datetime(2027, 4, 15, tzinfo=UTC)
    computed = _timed(args.repeat, lambda: _computed(consultation, now))
    loop_metrics(consultation, now=now)  # kept from here on (loops/kept.py)
    kept = _timed(args.repeat, lambda: loop_metrics(consultation, now=now))
    metrics = loop_metrics(consultation, now=now)
    return {"database": connection.vendor, "submissions": submissions, "forums": FORUMS,
            "answers": answers, "build_s": round(built, 1), "computed": computed,
            "kept": kept, "answered_share": round(metrics.total.answered_share, 3),
            "median_days": round(metrics.total.median_days, 2)}


def _computed(consultation, now):
    from partnering.platforms.loops.metrics import _computed as compute

    return compute(consultation, now)


def _timed(repeat: int, call) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm the database's caches
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p99_ms": round(times[min(len(times) - 1, int(0.99 * len(times)))], 1),
            "queries": len(queries.captured_queries)}


def main() -> None:
    args = benchmark_arguments(__doc__.split("\n")[0], "1 = 100,000 submissions",
                               "partnering_bench_loops")
    if args.worker:
        print(json.dumps(worker(args)))
        return
    for result in run_on_both_databases(__file__, args):
        print(f"{result['database']:>10}: {result['submissions']:,} submissions, "
              f"{result['forums']:,} forums, {result['answers']:,} answers "
              f"(built in {result['build_s']} s; answered {result['answered_share']:.1%}, "
              f"median {result['median_days']} d)")
        for name, what in (("computed", "computed from the loop facts"),
                           ("kept", "read as kept until the facts change")):
            found = result[name]
            print(f"{'':>12}loop metrics {what}: p50 {found['p50_ms']} ms, "
                  f"p99 {found['p99_ms']} ms, {found['queries']} queries")


if __name__ == "__main__":
    main()
