"""Feedback-loop closure, measured in the database: per consultation, and within it per
forum, level, sector and language of the origin.

The unit is the origin (a submission): it is answered when the item that carries it now (its
own, or the item it was merged into) has an answer. Days to answer run from the submission
to the answer. Overdue: answered after the published deadline, or not answered once it has
passed, the deadline's day ending at midnight in the platform's time zone. Delivered: the
answer reached that origin. Heard: the origin's own one-click response; a group of fewer
than five responses shows no share (MIN_HEARD), and enough of its siblings are hidden with
it that the total minus the groups shown tells nothing of fewer than five responses
(tables.hide_heard, the assessments' complementary suppression). Answers delivered to every
origin: each answer is counted on its first origin's fact, which says whether a delivery is
pending.

Everything is read from the loop facts (models.LoopFact, one narrow row per origin kept by
the services, see loops/facts.py), no other table joined. Counts are summed in one grouped
query at the finest grain (forum, level, sector, language) and rolled up on SQLite, over
hashed GROUPING SETS ((forum, level), sector, language; the total summed) on PostgreSQL;
the median and 90th percentile are computed by PostgreSQL with
`percentile_cont` per dimension, each read in (group, days) order from a partial index
(one UNION ALL query), and from each group's sorted durations on SQLite (one fetch)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from partnering.platforms.loops import kept
from partnering.platforms.models import Consultation, LoopFact
from partnering.platforms.vocabulary import Feeling, Outcome

MIN_HEARD = 5
DIMENSIONS = {"forum": "forum_id", "level": "level_id", "sector": "sector",
              "language": "language"}
ACCEPTED = [Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED]
COUNTS = ("submissions", "answered", "overdue", "accepted", "deliveries", "delivered",
          "heard", "yes", "partly", "no", "answers", "answers_pending")


@dataclass
class Row:
    key: object = None
    label: str = ""
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    median_days: float | None = None
    p90_days: float | None = None
    heard_hidden: bool = False  # hidden beside its siblings (tables.hide_heard)

    def share(self, part: str, whole: str) -> float | None:
        whole_n = self.counts[whole]
        return self.counts[part] / whole_n if whole_n else None

    @property
    def answered_share(self):
        return self.share("answered", "submissions")

    @property
    def overdue_share(self):
        return self.share("overdue", "submissions")

    @property
    def delivered_share(self):
        return self.share("delivered", "deliveries")

    def heard_share(self, feeling: str = "yes") -> float | None:
        """Share of responding origins who feel heard; none for a group under MIN_HEARD,
        nor for one hidden so that the total minus its siblings reveals no small group."""
        if self.counts["heard"] < MIN_HEARD or self.heard_hidden:
            return None
        return self.share(feeling, "heard")


@dataclass
class LoopMetrics:
    consultation: object
    total: Row
    by: dict
    answers: int = 0
    answers_delivered: int = 0
    equity: dict = field(default_factory=dict)

    @property
    def answers_delivered_share(self) -> float | None:
        return self.answers_delivered / self.answers if self.answers else None


def deadline_end(consultation) -> dt.datetime:
    """The moment the published answer deadline ends: midnight after it, platform time."""
    day = consultation.answer_deadline + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(0), tzinfo=consultation.platform.zone)


def days(value) -> float | None:
    return None if value is None else value.total_seconds() / 86400


def _facts(consultation):
    return LoopFact.objects.filter(consultation=consultation)


GRAIN = list(DIMENSIONS.values())


def _count_rows(consultation, now) -> list[tuple]:
    """One grouped query over the loop facts at the finest grain (the `loopfact_grain`
    index). An origin has at most one answer (only an item where it stands is answered,
    and an answered item is never merged), so at most one delivery and one heard response:
    one fact row each."""
    end = deadline_end(consultation)
    overdue = Q(answered_at__gte=end)
    if now >= end:
        overdue |= Q(answered_at__isnull=True)
    feelings = {feeling: Count("pk", filter=Q(feeling=feeling)) for feeling in Feeling.values}
    rows = _facts(consultation).values(*GRAIN).annotate(
        submissions=Count("pk"), answered=Count("answer_id"),
        overdue=Count("pk", filter=overdue),
        accepted=Count("pk", filter=Q(outcome__in=ACCEPTED)),
        deliveries=Count("pk", filter=Q(delivery=True)), delivered=Count("delivered_at"),
        heard=Count("pk", filter=~Q(feeling="")), **feelings,
        answers=Count("pk", filter=Q(answer_first=True)),
        answers_pending=Count("pk", filter=Q(answer_pending=True))).order_by()
    return [(tuple(r[g] for g in GRAIN), r) for r in rows]


def _roll_up(grain_rows) -> tuple[Row, dict]:
    total, by = Row(), {name: defaultdict(Row) for name in DIMENSIONS}
    for key, values in grain_rows:
        targets = [total] + [by[name][key[i]] for i, name in enumerate(DIMENSIONS)]
        for target in targets:
            for name in COUNTS:
                target.counts[name] += values.get(name, 0)
    for name, rows in by.items():
        for key, row in rows.items():
            row.key = key
        by[name] = dict(rows)
    return total, by


def _percentile(values: list, fraction: float):
    """percentile_cont over sorted values (linear interpolation)."""
    if not values:
        return None
    position = fraction * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


GROUPS = [None, *DIMENSIONS]


def _durations(consultation):
    """The answered origins: their group columns and days to answer."""
    return _facts(consultation).filter(answered_at__isnull=False).order_by()


COUNT_SQL = {
    "submissions": "count(*)", "answered": "count(answer_id)",
    "overdue": "count(*) FILTER (WHERE answered_at >= %(end)s"
               " OR (%(passed)s AND answered_at IS NULL))",
    "accepted": "count(*) FILTER (WHERE outcome = ANY(%(accepted)s))",
    "deliveries": "count(*) FILTER (WHERE delivery)", "delivered": "count(delivered_at)",
    "heard": "count(*) FILTER (WHERE feeling <> '')",
    **{f: f"count(*) FILTER (WHERE feeling = '{f}')" for f in Feeling.values},
    "answers": "count(*) FILTER (WHERE answer_first)",
    "answers_pending": "count(*) FILTER (WHERE answer_pending)",
}


def _add(row: Row, counts: dict) -> None:
    for name in COUNTS:
        row.counts[name] += counts[name]


def _counts_postgresql(consultation, now) -> tuple[Row, dict]:
    """One scan of the facts, every count over hashed GROUPING SETS: (forum, level) — summed
    here into both dimensions, a forum's origins sharing one level or a few —, sector and
    language; the total is the sum of the sectors (every fact has one, maybe "")."""
    keys = ", ".join(GRAIN)
    counts = ", ".join(COUNT_SQL[name] for name in COUNTS)
    # Only our own column names and expressions are joined in; values are parameters.
    query = (f"SELECT GROUPING(sector), GROUPING(language), {keys}, {counts} "  # noqa: S608
             f"FROM {LoopFact._meta.db_table} WHERE consultation_id = %(id)s "
             "GROUP BY GROUPING SETS ((forum_id, level_id), (sector), (language))")
    end = deadline_end(consultation)
    params = {"id": consultation.pk, "end": end, "passed": now >= end,
              "accepted": [str(o) for o in ACCEPTED]}
    total, by = Row(), {name: {} for name in DIMENSIONS}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for no_sector, no_language, forum, level, sector, language, *values in (
                cursor.fetchall()):
            found = dict(zip(COUNTS, values, strict=True))
            if not no_sector:
                targets = [("sector", sector), (None, None)]
            elif not no_language:
                targets = [("language", language)]
            else:
                targets = [("forum", forum), ("level", level)]
            for name, key in targets:
                _add(by[name].setdefault(key, Row(key=key)) if name else total, found)
    return total, by


NULL_TYPES = {"forum_id": "bigint", "level_id": "bigint", "sector": "text",
              "language": "text"}


def _percentiles_postgresql(consultation) -> dict:
    """percentile_cont per dimension, each branch an index-only scan of its partial
    `loopfact_days_*` index, so rows arrive sorted by (group, days): no big sort."""
    table = LoopFact._meta.db_table
    branches = []
    for i, group in enumerate(GROUPS):
        key = "" if group is None else DIMENSIONS[group]
        columns = ", ".join(g if g == key else f"NULL::{NULL_TYPES[g]}" for g in GRAIN)
        # Only our own column names are joined in; the consultation is a parameter.
        branches.append(
            f"SELECT {i}, {columns}, percentile_cont(ARRAY[0.5, 0.9]) "  # noqa: S608
            f"WITHIN GROUP (ORDER BY days_to_answer) FROM {table} "
            "WHERE consultation_id = %(id)s AND days_to_answer IS NOT NULL"
            + ("" if group is None else f" GROUP BY {key}"))
    found = {group: {} for group in GROUPS}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"({b})" for b in branches),
                       {"id": consultation.pk})
        for i, *keys, pair in cursor.fetchall():
            key = None if not i else keys[i - 1]
            found[GROUPS[i]][key] = tuple(pair) if pair else (None, None)
    return found


def _percentiles_sorted(consultation) -> dict:
    """Elsewhere (SQLite): one fetch of the durations, each group's sorted in turn."""
    values = defaultdict(list)
    for row in _durations(consultation).values_list(*GRAIN, "days_to_answer"):
        duration = row[-1]
        values[(None, None)].append(duration)
        for i, name in enumerate(DIMENSIONS):
            values[(name, row[i])].append(duration)
    found = {group: {} for group in GROUPS}
    for (group, key), durations in values.items():
        durations.sort()
        found[group][key] = (_percentile(durations, 0.5), _percentile(durations, 0.9))
    return found


def percentiles(consultation) -> dict:
    """{None or dimension: {group: (median, p90)}} of days to answer."""
    if connection.vendor == "postgresql":
        return _percentiles_postgresql(consultation)
    return _percentiles_sorted(consultation)


def _computed(consultation, now) -> tuple[Row, dict]:
    """Counts: one hashed GROUPING SETS scan on PostgreSQL, elsewhere (SQLite) one grouped
    query at the finest grain rolled up; then the percentiles (one query each way)."""
    if connection.vendor == "postgresql":
        total, by = _counts_postgresql(consultation, now)
    else:
        total, by = _roll_up(_count_rows(consultation, now))
    found = percentiles(consultation)
    total.median_days, total.p90_days = found[None].get(None, (None, None))
    for name in DIMENSIONS:
        for key, (p50, p90) in found[name].items():
            if key in by[name]:
                by[name][key].median_days, by[name][key].p90_days = p50, p90
    return total, by


def _plain(row: Row) -> tuple:
    return row.key, tuple(row.counts[name] for name in COUNTS), row.median_days, row.p90_days


def _row(plain: tuple) -> Row:
    key, counts, median_days, p90_days = plain
    return Row(key=key, counts=dict(zip(COUNTS, counts, strict=True)),
               median_days=median_days, p90_days=p90_days)


def _counted(consultation, now) -> tuple[Row, dict]:
    """The counts and percentiles, kept until the facts change (loops/kept.py); each call
    gets rows of its own, which the reader's tables may label and hide."""
    end = deadline_end(consultation)

    def compute():
        total, by = _computed(consultation, now)
        return _plain(total), {name: [_plain(r) for r in rows.values()]
                               for name, rows in by.items()}

    total, by = kept.kept(consultation.pk, end, now >= end, compute)
    return _row(total), {name: {plain[0]: _row(plain) for plain in rows}
                         for name, rows in by.items()}


def equity_index(rows: list[Row]) -> float | None:
    """Who is heard: 1 − ½ Σ |accepted share − submission share| over the groups. 1 when
    every group's share of accepted input equals its share of submissions; 0 when all that
    is accepted comes from groups that submitted nothing of the rest."""
    submitted = sum(r.counts["submissions"] for r in rows)
    accepted = sum(r.counts["accepted"] for r in rows)
    if not submitted or not accepted:
        return None
    gap = sum(abs(r.counts["accepted"] / accepted - r.counts["submissions"] / submitted)
              for r in rows)
    return 1 - gap / 2


def loop_metrics(consultation, now=None) -> LoopMetrics:
    now = now or timezone.now()
    total, by = _counted(consultation, now)
    answers = total.counts["answers"]
    metrics = LoopMetrics(consultation, total, by, answers,
                          answers - total.counts["answers_pending"])
    metrics.equity = {name: equity_index(list(by[name].values()))
                      for name in ("sector", "level")}
    return metrics


def count_again(consultation_id: int) -> dict:
    """The job after a change of the loop facts: the metrics of the consultation as it is
    now, kept (loops/kept.py) for its readers. Jobs queued by a burst of changes find the
    latest count kept by the first of them and count nothing."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return {"counted": False}
    _counted(consultation, timezone.now())
    return {"counted": True, "version": consultation.loop_version}
