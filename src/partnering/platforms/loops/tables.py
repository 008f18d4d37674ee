"""The loop metrics as a reader sees them: rows labelled (forum titles only for forums the
reader may see: the others are counted in the totals, never named), shares as numbers for
the API, the CLI and the open data, and the charts of the page."""

from django.utils.translation import gettext as _

from partnering.monitoring.charts import grouped_bar_chart
from partnering.platforms import access
from partnering.platforms.loops.metrics import DIMENSIONS, MIN_HEARD, LoopMetrics, Row
from partnering.platforms.models import Forum, ForumLevel
from partnering.registry.vocabulary import Sector
from partnering.translations.languages import language_name


def dimension_titles() -> dict:
    return {"forum": _("By forum"), "level": _("By level"), "sector": _("By sector"),
            "language": _("By language")}


def _labels(metrics: LoopMetrics, user) -> dict:
    forums = Forum.objects if user is None else access.visible_forums(user)  # None: the CLI
    shown = dict(forums.filter(pk__in=set(metrics.by["forum"])).values_list("pk", "title"))
    levels = dict(ForumLevel.objects.filter(pk__in=set(metrics.by["level"])).values_list(
        "pk", "name"))
    sectors = dict(Sector.choices)
    return {"forum": shown, "level": levels,
            "sector": {k: sectors.get(k, _("Not stated")) for k in metrics.by["sector"]},
            "language": {k: language_name(k) if k else _("Not stated")
                         for k in metrics.by["language"]}}


UNNAMED = object()  # the groups of one dimension left out for this reader, together


def hide_heard(rows: dict, shown: set) -> None:
    """Complementary suppression of the heard shares of one dimension's groups (`rows`
    by key; `shown`: the keys the reader sees): a group under MIN_HEARD responses is
    hidden with enough siblings (smallest first) that the hidden groups, those left out
    unnamed included, add up to two groups or more and MIN_HEARD responses or more, so
    the total's share minus the shown groups' reveals no small group (assessments'
    hidden_groups, the same rule as survey results)."""
    from partnering.assessments.results import hidden_groups

    counts = {key: row.counts["heard"] for key, row in rows.items() if key in shown}
    unnamed = sum(row.counts["heard"] for key, row in rows.items() if key not in shown)
    counts[UNNAMED] = unnamed
    start = {UNNAMED} if 0 < unnamed < MIN_HEARD else set()
    hidden = hidden_groups(counts, MIN_HEARD, start)
    for key, row in rows.items():
        row.heard_hidden = key in hidden


def labelled(metrics: LoopMetrics, user) -> dict[str, list[Row]]:
    """{dimension: rows in label order}; forums the reader may not see are left out, and
    heard shares hidden where a small group would show by subtraction (hide_heard)."""
    labels = _labels(metrics, user)
    tables = {}
    for name in DIMENSIONS:
        hide_heard(metrics.by[name], set(labels[name]))
        rows = []
        for key, row in metrics.by[name].items():
            if key in labels[name]:
                row.label = str(labels[name][key])
                rows.append(row)
        tables[name] = sorted(rows, key=lambda r: r.label)
    return tables


def _round(value, digits=3):
    return None if value is None else round(value, digits)


def row_data(row: Row) -> dict:
    return {"label": row.label, "submissions": row.counts["submissions"],
            "answered": row.counts["answered"], "answered_share": _round(row.answered_share),
            "median_days": _round(row.median_days, 2), "p90_days": _round(row.p90_days, 2),
            "overdue": row.counts["overdue"], "overdue_share": _round(row.overdue_share),
            "delivered_share": _round(row.delivered_share),
            "heard_responses": row.counts["heard"],
            "heard_share": _round(row.heard_share("yes")),
            "partly_heard_share": _round(row.heard_share("partly")),
            "accepted": row.counts["accepted"]}


def as_data(metrics: LoopMetrics, user) -> dict:
    """Everything as plain data (the API, the CLI and the open data read this)."""
    tables = labelled(metrics, user)
    return {"consultation_id": metrics.consultation.pk,
            "answer_deadline": metrics.consultation.answer_deadline.isoformat(),
            "time_zone": metrics.consultation.platform.time_zone,
            "total": row_data(metrics.total), "answers": metrics.answers,
            "answers_delivered_to_every_origin": metrics.answers_delivered,
            "answers_delivered_share": _round(metrics.answers_delivered_share),
            "equity_index": {k: _round(v) for k, v in metrics.equity.items()},
            "by": {name: [row_data(r) for r in rows] for name, rows in tables.items()}}


def _percent(value) -> int:
    return round(100 * value) if value is not None else 0


def charts(metrics: LoopMetrics, tables: dict) -> dict:
    """A chart per dimension: the share answered, overdue and heard (in %), by group."""
    out = {}
    for name, rows in tables.items():
        groups = [(row.label, [(_("answered %"), _percent(row.answered_share)),
                               (_("overdue %"), _percent(row.overdue_share)),
                               (_("delivered %"), _percent(row.delivered_share))])
                  for row in rows[:20]]
        out[name] = grouped_bar_chart(groups, dimension_titles()[name], f"loop-{name}")
    return out


def who_is_heard(tables: dict, metrics: LoopMetrics) -> dict:
    """Per sector and level: share of submissions against share of accepted input."""
    out = {}
    for name in ("sector", "level"):
        submitted = sum(r.counts["submissions"] for r in tables[name]) or 1
        accepted = sum(r.counts["accepted"] for r in tables[name]) or 1
        out[name] = [(row.label, row.counts["submissions"] / submitted,
                      row.counts["accepted"] / accepted) for row in tables[name]]
    return out
