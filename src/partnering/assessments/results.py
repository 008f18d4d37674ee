"""Results of a round, read from the running totals the answering service keeps per group
and dimension (ResultCell, see partnering.assessments.aggregates: a few rows whatever the
number of answers), and the anonymity rules that decide what may be shown.

The rules (a safety target):
- k = max(5, settings.ASSESSMENT_MIN_GROUP). No figure (mean, distribution, count) for a set
  of respondents smaller than k: a group, a perspective, a filter combination, a dimension
  where some answered "don't know".
- Differencing: when a group is hidden, enough sibling groups are hidden too (smallest first)
  that the hidden ones together are at least two groups and at least k people, so the total
  minus the shown groups reveals no group. A union of groups (a perspective, the total) is
  shown only if what it hides inside it is safe in the same sense, and likewise its
  complement.
- Free text: only for groups of at least FREE_TEXT_MIN respondents, listed in alphabetical
  order (never in answer order) and never next to other answers.
- Respondents are never named: results come from totals of Answer rows, which do not
  point at an invitation.
- No differencing in time: figures exist only once the round has closed (`results_visible`),
  when answers can no longer change and a closed round cannot reopen. While it is open, the
  results, the trend point, the portfolio score and responses.csv say nothing about the
  answers; stewards see only how many of the invited have answered (`response_rate`), never
  who. Two looks at an open round therefore differ by nothing but that count.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.assessments.aggregates import read_cells, union
from partnering.assessments.models import (
    Answer,
    Perspective,
    QuestionKind,
    ResultCell,
    Round,
    group_name,
    label,
)

FREE_TEXT_MIN = 10
TOP_GAPS = 3


def min_group() -> int:
    return max(5, int(getattr(settings, "ASSESSMENT_MIN_GROUP", 5)))


def results_visible(round_: Round) -> bool:
    """Results of a round exist once it has closed: before, each new answer would show."""
    return round_.closes_at <= timezone.now()


def require_closed(round_: Round) -> None:
    if not results_visible(round_):
        raise ValidationError({"round": _("Answers can be read once the round has closed, so "
                                          "that nobody's answers show by comparing two looks.")})


def response_rate(round_: Round) -> dict:
    """How many of the invited have answered (never who): one aggregate query."""
    counts = round_.invitations.aggregate(invited=Count("id"),
                                          responded=Count("id", filter=Q(submitted=True)),
                                          last_reminder=Max("reminded_at"))
    invited, responded = counts["invited"], counts["responded"]
    return {"invited": invited, "responded": responded,
            "percent": round(100 * responded / invited) if invited else None,
            "last_reminder": counts["last_reminder"]}


def hidden_groups(counts: dict, k: int, start: set | None = None) -> set:
    """Groups to hide: those under k, plus complementary suppression (see the module)."""
    present = {g: n for g, n in counts.items() if n > 0}
    hidden = {g for g in present if present[g] < k} | (set(start or ()) & set(present))
    while hidden:
        if len(hidden) >= 2 and sum(present[g] for g in hidden) >= k:
            break
        visible = sorted((n, str(g), g) for g, n in present.items() if g not in hidden)
        if not visible:
            break
        hidden.add(visible[0][2])
    return hidden


def _safe_part(part: set, counts: dict, k: int) -> bool:
    return not part or (len(part) >= 2 and sum(counts[g] for g in part) >= k)


def _set_safe(members: set, counts: dict, hidden: set, k: int) -> bool:
    """May the union of `members` be shown, given which groups are hidden? Showing it (with
    the total) reveals the sum of the hidden groups inside it and of those outside it: each
    must be nothing, or at least two groups and k people."""
    present = {g for g, n in counts.items() if n > 0}
    inside = {g for g in members if g in present}
    if sum(counts[g] for g in inside) < k:
        return False
    hidden = hidden & present
    return (_safe_part(hidden & inside, counts, k)
            and _safe_part(hidden - inside, counts, k))


def dimension_stats(round_: Round, group_ids: set | None = None, cells: dict | None = None,
                    ) -> dict:
    """{dimension_id: {"n", "mean", "dist", "dont_know"}} for the union of groups (None:
    everyone), from the round's cells (read in one query unless given)."""
    cells = read_cells([round_.pk]) if cells is None else cells
    if group_ids is None:
        group_ids = {g for r, g, _ in cells if r == round_.pk}
    dimensions = {d for r, _, d in cells if r == round_.pk and d is not None}
    stats = {d: union(cells, round_.pk, group_ids, d) for d in dimensions}
    return {d: figures for d, figures in stats.items() if figures}


def _group_dimension_counts(round_: Round, cells: dict) -> dict:
    """{(group_id, dimension_id): (respondents, mean)} from the round's cells."""
    return {(g, d): (c["respondents"], c["total"] / c["answers"])
            for (r, g, d), c in cells.items()
            if r == round_.pk and d is not None and c["answers"]}


def respondent_counts(round_: Round, cells: dict | None = None) -> dict:
    """{group_id: submitted responses}, from the round's cells."""
    cells = read_cells([round_.pk]) if cells is None else cells
    return {g: c["responses"] for (r, g, d), c in cells.items()
            if r == round_.pk and d is None and c["responses"]}


def _scope(groups, group_id, perspective) -> tuple[set, bool]:
    """The groups asked about (everyone, one group, one perspective, or both filters
    combined), and whether that is a filter of everyone."""
    everyone = {g.pk for g in groups}
    scope = set(everyone)
    if group_id is not None:
        scope &= {group_id}
    if perspective:
        scope &= {g.pk for g in groups if g.perspective == perspective}
    return scope, scope != everyone


@dataclass
class _Counts:
    """Who answered, per group and per group and dimension, and which groups are hidden
    for being too small (`k` is the smallest group shown)."""

    k: int
    counts: dict
    hidden: set
    per_cell: dict
    cells: dict


def _dimension_rows(round_, dims, groups, c: _Counts, scope: set, filtered: bool,
                    scope_shown: bool, lang: str) -> tuple[list, dict]:
    """(rows of the dimensions' statistics for the scope, groups hidden per dimension)."""
    scope_stats = (dimension_stats(round_, scope if filtered else None, c.cells)
                   if scope_shown else {})
    rows, dim_hidden = [], {}
    for dim in dims:
        dcounts = {g.pk: c.per_cell.get((g.pk, dim.pk), (0, None))[0] for g in groups}
        dim_hidden[dim.pk] = hidden_groups(dcounts, c.k, start=c.hidden)
        stat = scope_stats.get(dim.pk)
        shown = bool(stat) and stat["n"] >= c.k and (
            not filtered or _set_safe(scope, dcounts, dim_hidden[dim.pk], c.k))
        rows.append({
            "id": dim.pk, "code": dim.code, "label": label(dim.label, lang), "shown": shown,
            "n": stat["n"] if shown else None,
            "mean": round(stat["mean"], 2) if shown else None,
            "distribution": stat["dist"] if shown else None,
            "dont_know": stat["dont_know"] if shown else None,
        })
    return rows, dim_hidden


def _group_rows(groups, dims, c: _Counts, dim_hidden: dict) -> list[dict]:
    rows = []
    for g in groups:
        shown = c.counts[g.pk] >= c.k and g.pk not in c.hidden
        scores = {}
        for dim in dims:
            n, mean = c.per_cell.get((g.pk, dim.pk), (0, None))
            ok = shown and n >= c.k and g.pk not in dim_hidden[dim.pk]
            scores[dim.code] = round(mean, 2) if ok else None
        rows.append({"id": g.pk, "name": group_name(g.name), "perspective": g.perspective,
                     "shown": shown, "respondents": c.counts[g.pk] if shown else None,
                     "scores": scores})
    return rows


def _counts(round_: Round, groups) -> _Counts:
    k = min_group()
    cells = read_cells([round_.pk])
    counts = {g.pk: 0 for g in groups}
    counts.update(respondent_counts(round_, cells))
    return _Counts(k=k, counts=counts, hidden=hidden_groups(counts, k),
                   per_cell=_group_dimension_counts(round_, cells), cells=cells)


def round_results(round_: Round, *, group_id: int | None = None,
                  perspective: str | None = None, lang: str = "en") -> dict:
    if not results_visible(round_):
        return _not_yet(round_, group_id, perspective, lang)
    groups = list(round_.groups.all())
    dims = list(round_.instrument.dimensions.all())
    c = _counts(round_, groups)
    k, counts, hidden = c.k, c.counts, c.hidden
    total_n = sum(counts.values())
    scope, filtered = _scope(groups, group_id, perspective)
    scope_n = sum(counts.get(g, 0) for g in scope)
    scope_shown = (scope_n >= k and (not filtered or _set_safe(scope, counts, hidden, k)))
    dim_rows, dim_hidden = _dimension_rows(round_, dims, groups, c, scope, filtered,
                                           scope_shown, lang)
    everyone = {} if filtered else {
        "groups": _group_rows(groups, dims, c, dim_hidden),
        "gaps": perception_gaps(round_, groups, dims, counts, hidden, c.per_cell, k, lang,
                                cells=c.cells),
        "change": change_since_previous(round_, dim_rows, lang),
        "free_text": free_text(round_, groups, counts, hidden, lang, dims=dims)}
    return {
        **_head(round_, group_id, perspective, visible=True),
        "shown": scope_shown,
        "respondents": (scope_n if scope_shown else None) if filtered else (
            total_n if total_n >= k else None),
        "dimensions": dim_rows,
        "groups": [], "gaps": [], "change": [], "free_text": [],
        **everyone,
    }


def _head(round_: Round, group_id, perspective, *, visible: bool) -> dict:
    return {
        "round": {"id": round_.pk, "title": round_.title, "instrument": str(round_.instrument),
                  "opens_at": round_.opens_at, "closes_at": round_.closes_at},
        "min_group": min_group(),
        "filters": {"group_id": group_id, "perspective": perspective or None},
        "visible": visible,
        "response_rate": response_rate(round_),
    }


def _not_yet(round_: Round, group_id, perspective, lang: str) -> dict:
    """An open (or future) round: the dimensions and the response rate, no figure."""
    return {
        **_head(round_, group_id, perspective, visible=False),
        "shown": False, "respondents": None,
        "dimensions": [{"id": d.pk, "code": d.code, "label": label(d.label, lang),
                        "shown": False, "n": None, "mean": None, "distribution": None,
                        "dont_know": None} for d in round_.instrument.dimensions.all()],
        "groups": [], "gaps": [], "change": [], "free_text": [],
    }


def perception_gaps(round_, groups, dims, counts, hidden, per_cell, k, lang, *,
                    cells=None) -> list:
    """Self-view against the partners' view per dimension; positive gap = partners see the
    organisation (or the lead) more favourably than it sees itself."""
    own = {g.pk for g in groups if g.perspective == Perspective.SELF}
    others = {g.pk for g in groups if g.perspective == Perspective.PARTNER}
    if not own or not others:
        return []
    if not (_set_safe(own, counts, hidden, k) and _set_safe(others, counts, hidden, k)):
        return []
    own_stats = dimension_stats(round_, own, cells)
    other_stats = dimension_stats(round_, others, cells)
    rows = []
    for dim in dims:
        a, b = own_stats.get(dim.pk), other_stats.get(dim.pk)
        if not a or not b or a["n"] < k or b["n"] < k:
            continue
        dcounts = {g.pk: per_cell.get((g.pk, dim.pk), (0, None))[0] for g in groups}
        dhidden = hidden_groups(dcounts, k, start=hidden)
        if not (_set_safe(own, dcounts, dhidden, k) and _set_safe(others, dcounts, dhidden, k)):
            continue
        rows.append({"code": dim.code, "label": label(dim.label, lang),
                     "self": round(a["mean"], 2), "partners": round(b["mean"], 2),
                     "gap": round(b["mean"] - a["mean"], 2)})
    largest = sorted(rows, key=lambda r: -abs(r["gap"]))[:TOP_GAPS]
    for row in rows:
        row["largest"] = row in largest and abs(row["gap"]) >= 0.3
    return rows


def change_since_previous(round_: Round, dim_rows: list, lang: str) -> list:
    previous = round_.previous()
    if previous is None:
        return []
    k = min_group()
    before = dimension_stats(previous)
    out = []
    for row in dim_rows:
        old = before.get(row["id"])
        if row["shown"] and old and old["n"] >= k:
            out.append({"code": row["code"], "label": row["label"],
                        "previous": round(old["mean"], 2), "now": row["mean"],
                        "change": round(row["mean"] - old["mean"], 2),
                        "previous_round": previous.title})
    return out


def free_text(round_, groups, counts, hidden, lang, *, dims=None) -> list:
    """Comments of the groups large enough, by dimension and group, in alphabetical order."""
    eligible = {g.pk: group_name(g.name) for g in groups
                if counts.get(g.pk, 0) >= FREE_TEXT_MIN and g.pk not in hidden}
    if not eligible:
        return []
    rows = (Answer.objects.filter(round=round_, counted=True, group_id__in=eligible,
                                  question__kind=QuestionKind.TEXT)
            .filter(~Q(text="")).order_by("dimension__order", "group_id", "text")
            .values_list("dimension_id", "group_id", "text"))
    dims = round_.instrument.dimensions.all() if dims is None else dims
    labels = {d.pk: label(d.label, lang) for d in dims}
    out = defaultdict(lambda: defaultdict(list))
    for dimension_id, group_id, text in rows:
        out[labels.get(dimension_id) or _("General")][eligible[group_id]].append(text)
    return [{"dimension": dim, "groups": [{"group": g, "texts": texts}
                                          for g, texts in by_group.items()]}
            for dim, by_group in out.items()]


def trend(round_: Round, lang: str = "en") -> list:
    """Overall score per dimension for each round of the same instrument and subject."""
    k = min_group()
    dims = list(round_.instrument.dimensions.all())
    rounds = list(Round.objects.filter(
        instrument_id=round_.instrument_id, partnership_id=round_.partnership_id,
        organisation_id=round_.organisation_id).order_by("opens_at", "id"))
    cells = read_cells([r.pk for r in rounds if results_visible(r)])
    groups = defaultdict(set)
    for r, g, _cell in cells:
        groups[r].add(g)
    out = []
    for r in rounds:
        point = {"round": r.title, "round_id": r.pk, "opens_at": r.opens_at, "scores": {}}
        for dim in dims:
            cell = union(cells, r.pk, groups[r.pk], dim.pk)
            point["scores"][dim.code] = (round(cell["mean"], 2)
                                         if cell and cell["n"] >= k else None)
        out.append(point)
    return out


def overall_scores(rounds) -> dict:
    """{round_id: (respondents, mean of every scored answer)} for many rounds at once; the
    mean is None where fewer than k people answered. Rounds still open have no entry."""
    k = min_group()
    closed = [r for r in rounds if results_visible(r)]
    rows = (ResultCell.objects.filter(round__in=closed, dimension__isnull=True)
            .values("round_id").annotate(n=Sum("respondents"), answers=Sum("answers"),
                                         total=Sum("total")))
    return {r["round_id"]: (r["n"], round(r["total"] / r["answers"], 2) if r["n"] >= k
                            else None)
            for r in rows if r["answers"]}
