"""Reads of the monitoring app: indicators with their latest value and progress, the results
chain, the SMART check, the reporting status. A partnership's page costs a fixed number of
queries whatever the number of indicators."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnering.monitoring import progress
from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgressReport,
    Result,
)

# UN SDG partnerships registry: a yearly progress report; no report for a year is late
# (amber), for two years inactive (red).
REPORT_EVERY = timedelta(days=365)
INACTIVE_AFTER = timedelta(days=730)
REMIND_BEFORE = timedelta(days=30)


@dataclass
class IndicatorView:
    indicator: Indicator
    targets: list
    latest: Decimal | None
    latest_date: date | None
    progress: Decimal | None
    off_track: bool | None

    @property
    def final_target(self):
        return self.targets[-1] if self.targets else None

    @property
    def next_target(self):
        today = timezone.localdate()
        return next((t for t in self.targets if t.date >= today), None)


def indicator_views(partnership, today: date | None = None) -> list[IndicatorView]:
    today = today or timezone.localdate()
    indicators = (
        Indicator.objects.filter(partnership=partnership)
        .select_related("responsible_organisation", "sdg_indicator", "result", "deliverable")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("date"))))
    return [view_of(indicator, today) for indicator in indicators]


def view_of(indicator: Indicator, today: date) -> IndicatorView:
    """The indicator with its milestones, progress and whether it is off track; the latest
    value is the one stored on the indicator (summaries.refresh_indicators)."""
    targets = list(indicator.targets.all())
    latest, latest_date = indicator.latest_value, indicator.latest_date
    final = targets[-1].value if targets else None
    return IndicatorView(
        indicator=indicator, targets=targets, latest=latest, latest_date=latest_date,
        progress=progress.indicator_progress(indicator.baseline_value, final, latest),
        off_track=progress.is_off_track(
            baseline=indicator.baseline_value, baseline_date=indicator.baseline_date,
            milestones=[(t.date, t.value) for t in targets], direction=indicator.direction,
            latest=latest, latest_date=latest_date, today=today))


@dataclass
class ResultsChain:
    roots: list = field(default_factory=list)  # progress.Node
    loose: list = field(default_factory=list)  # IndicatorView not attached to a result
    progress: Decimal | None = None

    def flat(self):
        """Depth-first list of nodes, for a table."""
        out = []

        def walk(node, depth):
            node.depth = depth
            out.append(node)
            for child in node.children:
                walk(child, depth + 1)
        for root in self.roots:
            walk(root, 0)
        return out


def results_chain(partnership, views: list[IndicatorView]) -> ResultsChain:
    results = list(Result.objects.filter(partnership=partnership))
    nodes = {r.pk: progress.Node(result=r) for r in results}
    chain = ResultsChain()
    for view in views:
        node = nodes.get(view.indicator.result_id)
        (node.indicators if node else chain.loose).append(view)
    for result in results:
        parent = nodes.get(result.parent_id)
        (parent.children if parent else chain.roots).append(nodes[result.pk])
    for root in chain.roots:
        progress.roll_up(root)
    chain.progress = progress.weighted_mean(
        [(r.result.weight, r.progress) for r in chain.roots]
        + [(Decimal(1), v.progress) for v in chain.loose])
    return chain


# --- SMART check ------------------------------------------------------------------------

def _achievable(i, final) -> list[str]:
    """A final target that differs from the baseline, in the indicator's direction."""
    if final is None or i.baseline_value is None:
        return []
    if final.value == i.baseline_value:
        return [_("a target that differs from the baseline")]
    if (final.value < i.baseline_value) == (i.direction == "up"):
        return [_("a target in the good direction (it points the other way)")]
    return []


def _resource_based(i, has_resources: bool | None) -> list[str]:
    if i.responsible_organisation_id is None:
        return [_("a responsible member")]
    if has_resources is False:
        return [_("resources committed in the agreement")]
    return []


def _wanting(*pairs) -> list[str]:
    """The descriptions of the (missing, description) pairs that are missing."""
    return [text for missing, text in pairs if missing]


def smart_check(view: IndicatorView, *, has_resources: bool | None = None) -> dict:
    """For each SMART letter, what is missing (an empty list: that letter is met).
    `has_resources`: whether the agreement records resources for the responsible member
    (None when the partnership has no agreement, so only the responsible member counts)."""
    i = view.indicator
    return {
        "Specific": _wanting((not i.definition.strip(), _("a definition of what is counted"))),
        "Measurable": _wanting((not i.unit.strip(), _("a unit")),
                               (i.baseline_value is None, _("a baseline value")),
                               (not view.targets, _("a target value"))),
        "Achievable": _achievable(i, view.final_target),
        "Resource-based": _resource_based(i, has_resources),
        "Time-bound": _wanting((i.baseline_date is None, _("a baseline date")),
                               (not view.targets, _("target dates"))),
    }


# The SMART letters as pages show them (the check's keys stay in English: API fields).
SMART_LABELS = {"Specific": gettext_lazy("Specific"), "Measurable": gettext_lazy("Measurable"),
                "Achievable": gettext_lazy("Achievable"),
                "Resource-based": gettext_lazy("Resource-based"),
                "Time-bound": gettext_lazy("Time-bound")}


def is_smart(check: dict) -> bool:
    return not any(check.values())


# --- Reporting status -------------------------------------------------------------------

@dataclass
class ReportingStatus:
    code: str  # up_to_date, late, inactive
    label: str
    last_report: date | None
    next_due: date
    days_to_due: int

    @property
    def reminder(self) -> str | None:
        if self.days_to_due < 0:
            return ngettext("The progress report is %(num)s day overdue.",
                            "The progress report is %(num)s days overdue.",
                            -self.days_to_due) % {"num": -self.days_to_due}
        if self.days_to_due <= REMIND_BEFORE.days:
            return _("A progress report is due on %(date)s.") % {
                "date": self.next_due.isoformat()}
        return None


def reporting_status(last_report: date | None, started: date,
                     today: date | None = None) -> ReportingStatus:
    """Up to date, late (no report for a year: amber) or inactive (two years: red), counted
    from the last report or, before the first, from the start of the partnership."""
    today = today or timezone.localdate()
    since = last_report or started
    next_due = since + REPORT_EVERY
    age = today - since
    if age > INACTIVE_AFTER:
        code, label = "inactive", _("Inactive: no progress report for two years")
    elif age > REPORT_EVERY:
        code, label = "late", _("Late: no progress report for a year")
    else:
        code, label = "up_to_date", _("Up to date")
    return ReportingStatus(code, label, last_report, next_due, (next_due - today).days)


def partnership_reporting_status(partnership, today: date | None = None) -> ReportingStatus:
    last = ProgressReport.objects.filter(partnership=partnership).order_by(
        "-submitted_on").values_list("submitted_on", flat=True).first()
    started = partnership.start_date or timezone.localtime(partnership.created).date()
    return reporting_status(last, started, today)


def measurements_in(partnership, start: date, end: date):
    return (Measurement.objects.filter(indicator__partnership=partnership,
                                       period_end__gte=start, period_end__lte=end)
            .select_related("indicator", "reported_by_organisation")
            .order_by("indicator__position", "indicator_id", "period_end"))
