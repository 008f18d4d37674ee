"""The early-warning health index of a partnership (0–100, higher is healthier).

Each part is a plain function from a few figures to a score 0–100 (or None: not measured),
and the index is the weighted mean of the parts that are measured; a part with no data is
"not measured", never zero and never full marks. The index is given only when the measured
parts hold at least half of the weight (COVERAGE_NEEDED); otherwise it is null, with the
share of the weight measured (`coverage`). Weights (out of 100 when all are measured):

    health checks (latest score and trend)   20   assessments app, if rounds exist
    KPI slippage (indicators off-track)      20
    overdue actions                          15   governance actions
    open high risks (likelihood×impact≥15)   15
    power imbalance (equity index)           10   governance power balance
    late progress reports                    10
    falling participation (meetings)         10

Every part below full marks costs the index points; an index below 90 names those causes.
A part scoring below 70 is a concern: the page says why and what to do, drawing on the 8
Actions to Get Real Traction in Partnering (partnering.sources)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnering.monitoring.health.parts import (  # noqa: F401  (the parts, re-exported)
    CONCERN,
    READS,
    WEIGHTS,
    Part,
    clip,
    health_check_part,
    high_risks_part,
    kpi_slippage_part,
    overdue_actions_part,
    participation_part,
    power_part,
    reporting_part,
)
from partnering.monitoring.models import HIGH_RISK, Risk, RiskStatus

COVERAGE_NEEDED = 0.5  # share of the weight that must be measured for an index
EXPLAIN_BELOW = 90  # an index below this names the parts that cost it points


def coverage(parts: list[Part]) -> float:
    """The share of the weight held by the parts that are measured."""
    total = sum(p.weight for p in parts)
    return sum(p.weight for p in parts if p.score is not None) / total if total else 0.0


def index(parts: list[Part]) -> float | None:
    """The weighted mean of the measured parts, or None when they hold less than half the
    weight: an index from one part in seven says more about the data than the partnership."""
    known = [p for p in parts if p.score is not None]
    if not known or coverage(parts) < COVERAGE_NEEDED:
        return None
    return sum(p.score * p.weight for p in known) / sum(p.weight for p in known)


# --- Gathering the figures for one partnership -----------------------------------------

@dataclass
class Health:
    index: float | None
    parts: list[Part]

    @property
    def concerns(self) -> list[Part]:
        return sorted((p for p in self.parts if p.concern), key=lambda p: p.score)

    @property
    def coverage(self) -> float:
        return coverage(self.parts)

    @property
    def measured(self) -> int:
        return sum(1 for p in self.parts if p.score is not None)

    @property
    def not_enough_data(self) -> str:
        """“not enough data: 1 of 7 parts” when there is no index, else ""."""
        if self.index is not None:
            return ""
        return ngettext(
            "not enough data: %(measured)s of %(num)s part measured, %(coverage)s %% of the "
            "weight; at least %(needed)s %% is needed",
            "not enough data: %(measured)s of %(num)s parts measured, %(coverage)s %% of the "
            "weight; at least %(needed)s %% is needed", len(self.parts)) % {
            "measured": self.measured, "num": len(self.parts),
            "coverage": f"{self.coverage * 100:.0f}", "needed": f"{COVERAGE_NEEDED * 100:.0f}"}

    @property
    def causes(self) -> list[Part]:
        """For an index below 90: the measured parts below full marks, the costliest
        first."""
        if self.index is None or self.index >= EXPLAIN_BELOW:
            return []
        return sorted((p for p in self.parts if p.points_lost > 0),
                      key=lambda p: -p.points_lost)

    def cause_text(self, part: Part) -> str:
        measured = sum(p.weight for p in self.parts if p.score is not None)
        return _("%(part)s (%(score)s/100, weight %(weight)s): costs %(points)s points. "
                 "%(detail)s") % {"part": part.label, "score": f"{part.score:.0f}",
                                  "weight": part.weight,
                                  "points": f"{part.points_lost / measured:.0f}",
                                  "detail": part.detail}

    def as_dict(self) -> dict:
        return {"index": None if self.index is None else round(self.index, 1),
                "coverage": round(self.coverage, 2), "measured_parts": self.measured,
                "total_parts": len(self.parts), "not_enough_data": self.not_enough_data,
                "method": str(METHOD), "weights": WEIGHTS,
                "parts": [p.as_dict() for p in self.parts],
                "causes": [self.cause_text(p) for p in self.causes],
                "explanations": [_("%(part)s: %(detail)s %(advice)s") % {
                    "part": p.label, "detail": p.detail, "advice": p.advice}
                    for p in self.concerns]}


METHOD = gettext_lazy(
    "The weighted mean of the parts that are measured (weights out of 100: health checks 20, "
    "KPI slippage 20, overdue actions 15, open high risks 15, power balance 10, progress "
    "reports 10, participation 10). A part with no data is not measured: it is left out, "
    "never counted as zero or as full marks. The index is given only when the measured parts "
    "hold at least half of the weight; below 90 it names the parts that cost it points.")


def health_check_scores(partnership) -> tuple[float | None, float | None]:
    """Mean counted answer score of the latest two closed rounds, rescaled from the 1–5
    answer scale to 0–1 (assessments app, imported lazily: without it the part is missing).

    A round answered by fewer people than the anonymity threshold is left out: even one
    overall mean of two or three people says too much about each of them."""
    try:
        from django.db.models import Avg, Count

        from partnering.assessments.models import Answer
        from partnering.assessments.results import min_group
    except ImportError:  # pragma: no cover - the app is optional
        return None, None
    rounds = list(Answer.objects.filter(round__partnership=partnership, counted=True,
                                        score__isnull=False,
                                        round__closes_at__lte=timezone.now())
                  .values("round_id", "round__closes_at")
                  .annotate(mean=Avg("score"), people=Count("response", distinct=True))
                  .filter(people__gte=min_group())
                  .order_by("-round__closes_at")[:2])
    means = [max(0.0, min(1.0, (r["mean"] - 1) / 4)) for r in rounds]
    return (means[0] if means else None), (means[1] if len(means) > 1 else None)


def overdue_actions(partnership, today: date) -> tuple[int, int]:
    try:
        from partnering.governance.models import Action
        from partnering.governance.vocabulary import ActionStatus
    except ImportError:  # pragma: no cover - the app is optional
        return 0, 0
    counts = Action.objects.filter(
        partnership=partnership, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
    ).aggregate(overdue=Count("pk", filter=Q(due_date__lt=today)), open=Count("pk"))
    return counts["overdue"], counts["open"]


def equity(partnership) -> float | None:
    try:
        from partnering.governance.power.data import compute_power_balance
    except ImportError:  # pragma: no cover - the module is optional
        return None
    return compute_power_balance(partnership).index


def attendance_rates(partnership) -> list[float]:
    from partnering.partnerships.models import Meeting, Membership

    members = Membership.objects.filter(partnership=partnership).count()
    if not members:
        return []
    rows = list(Meeting.objects.filter(partnership=partnership)
                .annotate(present=Count("organisations")).order_by("-date", "-id")
                .values_list("present", flat=True)[:6])
    return [min(1.0, n / members) for n in reversed(rows)]


def open_high_risks(risks):
    return risks.exclude(status=RiskStatus.CLOSED).alias(
        score=F("likelihood") * F("impact")).filter(score__gte=HIGH_RISK)


def risk_counts(partnership) -> tuple[int, int]:
    """Open high risks (as open_high_risks) and risks registered, in one query."""
    counts = Risk.objects.filter(partnership=partnership).alias(
        score=F("likelihood") * F("impact")).aggregate(
        high=Count("pk", filter=~Q(status=RiskStatus.CLOSED) & Q(score__gte=HIGH_RISK)),
        registered=Count("pk"))
    return counts["high"], counts["registered"]


def partnership_health(partnership, today: date | None = None) -> Health:
    """The index of a partnership. Without a date, as its summary keeps it (one query;
    computed on the spot when missing or outdated, see monitoring/rollup); with a date,
    computed from the database for that day."""
    if today is None:
        from partnering.monitoring.rollup.read import summary_health

        return summary_health(partnership)
    return compute_health(partnership, today)


def compute_health(partnership, today: date | None = None) -> Health:
    from partnering.monitoring.health.figures import health_figures, health_from_figures

    today = today or timezone.localdate()
    return health_from_figures(health_figures(partnership, today, equity(partnership)), today)


def record_health(partnership, today: date | None = None) -> Health:
    """Compute the index (refreshing the partnership's summary) and keep the day's snapshot
    for the portfolio and the trend."""
    from partnering.monitoring.models import HealthSnapshot
    from partnering.monitoring.rollup.compute import refresh_summary

    today = today or timezone.localdate()
    result = refresh_summary(partnership, today).health_result(today)
    HealthSnapshot.objects.update_or_create(
        partnership=partnership, computed_on=today,
        defaults={"index": None if result.index is None else round(result.index, 1),
                  "parts": {**{p.key: p.score for p in result.parts},
                            "coverage": round(result.coverage, 2)}})
    return result


def record_all_health(today: date | None = None) -> int:
    """Today's snapshot of every active partnership (the daily `partnering record-health`)."""
    from partnering.partnerships.models import Partnership
    from partnering.partnerships.vocabulary import Status

    count = 0
    for partnership in Partnership.objects.filter(status=Status.ACTIVE).iterator():
        record_health(partnership, today)
        count += 1
    return count
