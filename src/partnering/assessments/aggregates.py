"""The running totals behind a round's results (ResultCell), and how they are kept.

The answering service calls `response_totals` before it changes a response's answers and
`record_change` after, in the same transaction: the difference (usually one respondent
more) is added to the cells of the response's group with one UPDATE ... SET x = x + d for
all of them, so concurrent submissions never lose a count. `cells_from_answers` computes
the same totals from the answers with GROUP BY (the migration fills the cells with it, and
tests check the kept totals against it); `union` adds the cells of several groups up,
which is exact because a respondent belongs to exactly one group.
"""

from collections import Counter, defaultdict

from django.db.models import Case, Count, F, FloatField, IntegerField, Q, Value, When

from partnering.assessments.result_cells import BUCKETS, FIGURES, ResultCell

Totals = dict  # {dimension_id or None: Counter of FIGURES}


def _add_answer(totals: Totals, dimension_id, score, dont_know: bool, times: int = 1) -> None:
    for key in {dimension_id, None}:
        cell = totals[key]
        if dont_know:
            cell["dont_know"] += times
        if score is not None:
            cell["answers"] += times
            cell["total"] += score * times
            if 1 <= round(score) <= 5:
                cell[BUCKETS[round(score) - 1]] += times


def response_totals(response) -> Totals:
    """What one submitted response adds to its group's cells."""
    totals = defaultdict(Counter)
    totals[None]["responses"] = 1
    rows = response.answers.filter(counted=True).values_list("dimension_id", "score",
                                                             "dont_know")
    for dimension_id, score, dont_know in rows:
        _add_answer(totals, dimension_id, score, dont_know)
    for cell in totals.values():
        cell["respondents"] = 1 if cell["answers"] else 0
    return totals


def record_change(response, before: Totals, after: Totals) -> None:
    """Add (after - before) to the cells of the response's group: one INSERT of the cells
    it lacks, one UPDATE of all of them."""
    changes = {}
    for key in set(before) | set(after):
        delta = {f: after.get(key, {}).get(f, 0) - before.get(key, {}).get(f, 0)
                 for f in FIGURES}
        delta = {f: d for f, d in delta.items() if d}
        if delta:
            changes[key] = delta
    if not changes:
        return
    where = {"round_id": response.round_id, "group_id": response.group_id}
    ResultCell.objects.bulk_create([ResultCell(**where, dimension_id=key) for key in changes],
                                   ignore_conflicts=True)
    figures = {f for delta in changes.values() for f in delta}
    ResultCell.objects.filter(**where).filter(_cells_q(changes)).update(**{
        f: F(f) + Case(*[When(_cell_q(key), then=Value(delta.get(f, 0)))
                         for key, delta in changes.items()],
                       default=Value(0), output_field=_FIELD[f == "total"]())
        for f in figures})


_FIELD = {False: IntegerField, True: FloatField}


def _cell_q(dimension_id) -> Q:
    return Q(dimension_id=dimension_id) if dimension_id else Q(dimension__isnull=True)


def _cells_q(keys) -> Q:
    out = Q(pk__in=[])
    for key in keys:
        out |= _cell_q(key)
    return out


def cells_from_answers(answer_model, round_ids) -> dict:
    """{(round_id, group_id, dimension_id or None): Counter} computed from the counted
    answers and responses with four GROUP BY queries (no answer is loaded)."""
    cells = defaultdict(Counter)
    answers = answer_model.objects.filter(round_id__in=round_ids, counted=True)
    rows = (answers.filter(Q(score__isnull=False) | Q(dont_know=True))
            .values_list("round_id", "group_id", "dimension_id", "score", "dont_know")
            .annotate(c=Count("*")))
    for round_id, group_id, dimension_id, score, dont_know, c in rows:
        totals = defaultdict(Counter)
        _add_answer(totals, dimension_id, score, dont_know, c)
        for key, figures in totals.items():
            cells[(round_id, group_id, key)].update(figures)
    scored = answers.filter(score__isnull=False)
    for round_id, group_id, dimension_id, n in (
            scored.values_list("round_id", "group_id", "dimension_id")
            .annotate(n=Count("response_id", distinct=True))):
        if dimension_id is not None:
            cells[(round_id, group_id, dimension_id)]["respondents"] = n
    for round_id, group_id, n in (scored.values_list("round_id", "group_id")
                                  .annotate(n=Count("response_id", distinct=True))):
        cells[(round_id, group_id, None)]["respondents"] = n
    responses = answer_model._meta.get_field("response").related_model.objects
    for round_id, group_id, n in (responses.filter(round_id__in=round_ids, submitted=True)
                                  .values_list("round_id", "group_id")
                                  .annotate(n=Count("id"))):
        cells[(round_id, group_id, None)]["responses"] = n
    return cells


def rebuild(answer_model, cell_model, round_ids) -> int:
    """Replace the cells of these rounds by totals computed from their answers."""
    cells = cells_from_answers(answer_model, round_ids)
    cell_model.objects.filter(round_id__in=round_ids).delete()
    cell_model.objects.bulk_create([
        cell_model(round_id=r, group_id=g, dimension_id=d, **dict(figures))
        for (r, g, d), figures in cells.items()], batch_size=1000)
    return len(cells)


def read_cells(round_ids) -> dict:
    """{(round_id, group_id, dimension_id or None): {figure: value}}: one query."""
    rows = ResultCell.objects.filter(round_id__in=round_ids).values(
        "round_id", "group_id", "dimension_id", *FIGURES)
    return {(r.pop("round_id"), r.pop("group_id"), r.pop("dimension_id")): r for r in rows}


def union(cells: dict, round_id: int, group_ids, dimension_id) -> dict | None:
    """The figures of a union of groups for one dimension (None: every scored answer):
    {"n", "mean", "dist", "dont_know"}, or None when nobody scored it."""
    total = Counter()
    for group_id in group_ids:
        total.update(cells.get((round_id, group_id, dimension_id), {}))
    if not total["answers"]:
        return None
    return {"n": total["respondents"], "mean": total["total"] / total["answers"],
            "dont_know": total["dont_know"],
            "dist": {s: total[b] for s, b in enumerate(BUCKETS, start=1)}}
