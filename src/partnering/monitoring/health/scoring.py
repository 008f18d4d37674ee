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

from partnering.monitoring.models import HIGH_RISK, Risk, RiskStatus
from partnering.sources import cite

WEIGHTS = {"health_checks": 20, "kpi_slippage": 20, "overdue_actions": 15, "high_risks": 15,
           "power": 10, "reporting": 10, "participation": 10}
CONCERN = 70  # parts scoring below this pull the index down and are explained
COVERAGE_NEEDED = 0.5  # share of the weight that must be measured for an index
EXPLAIN_BELOW = 90  # an index below this names the parts that cost it points
# What each part reads, for the page and the API.
READS = {
    "health_checks": "the mean score of the latest closed health-check rounds answered by "
                     "enough people, and the change since the previous round",
    "kpi_slippage": "the share of indicators off-track against their milestones (queried "
                    "values do not count)",
    "overdue_actions": "the share of open actions past their due date",
    "high_risks": "open risks scoring 15 or more (likelihood × impact), among the risks "
                  "registered",
    "power": "the equity index of who proposes, decides, carries the actions, attends and "
             "speaks",
    "reporting": "how long since the last progress report (once the first is due)",
    "participation": "attendance at the last three meetings against the three before",
}


@dataclass
class Part:
    key: str
    label: str
    score: float | None  # 0–100, None: missing
    detail: str
    advice: str = ""

    @property
    def weight(self) -> int:
        return WEIGHTS[self.key]

    @property
    def missing(self) -> bool:
        return self.score is None

    @property
    def concern(self) -> bool:
        return self.score is not None and self.score < CONCERN

    @property
    def points_lost(self) -> float:
        """How many points of the index this part costs (0 when not measured)."""
        if self.score is None:
            return 0.0
        return (100 - self.score) * self.weight

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "weight": self.weight,
                "reads": READS[self.key],
                "score": None if self.score is None else round(self.score, 1),
                "status": "missing" if self.missing else "concern" if self.concern else "ok",
                "detail": self.detail, "advice": self.advice if self.concern else ""}


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


def clip(score: float) -> float:
    return max(0.0, min(100.0, score))


# --- The parts, each a plain function ---------------------------------------------------

def health_check_part(latest: float | None, previous: float | None) -> Part:
    """Latest health-check score (0–1 mean of counted answers) and its trend: a fall from
    the previous round costs twice the fall."""
    label = "Health checks"
    if latest is None:
        return Part("health_checks", label, None, "No health-check round has results yet.")
    score = latest * 100
    detail = f"The latest health check scores {score:.0f} out of 100"
    if previous is not None:
        change = (latest - previous) * 100
        detail += f", {abs(change):.0f} points {'up' if change >= 0 else 'down'} on the last"
        if change < 0:
            score += 2 * change
    return Part("health_checks", label, clip(score), detail + ".",
                "Talk through the weakest answers of the health check together and agree "
                "what to change; keep the problem at the centre "
                f"({cite('eight-actions', 'action 2')}).")


def kpi_slippage_part(off_track: list[bool | None]) -> Part:
    judged = [flag for flag in off_track if flag is not None]
    label = "KPI slippage"
    if not judged:
        return Part("kpi_slippage", label, None,
                    "No indicator has a baseline, a milestone and a value to judge yet.")
    slipping = sum(judged)
    return Part("kpi_slippage", label, clip(100 * (1 - slipping / len(judged))),
                f"{slipping} of {len(judged)} indicators are off-track against their "
                "milestones.",
                "Review the off-track indicators with the responsible members; co-design "
                "how to get back on track rather than jumping to solutions "
                f"({cite('eight-actions', 'action 4')}), and ask the hard questions about results "
                "(action 7).")


def overdue_actions_part(overdue: int, open_actions: int) -> Part:
    label = "Overdue actions"
    if open_actions == 0:
        return Part("overdue_actions", label, None, "No open actions are recorded.")
    return Part("overdue_actions", label, clip(100 * (1 - overdue / open_actions)),
                f"{overdue} of {open_actions} open actions are past their due date.",
                "Share accountability: follow up each overdue action with its owner at the "
                "next meeting, and agree a new date or drop it openly "
                f"({cite('eight-actions', 'action 7')}).")


def power_part(equity: float | None) -> Part:
    label = "Power balance"
    if equity is None:
        return Part("power", label, None, "Not enough proposals, decisions or actions to "
                                          "measure the balance of power.")
    return Part("power", label, clip(equity * 100),
                f"The equity index of who proposes, decides and carries the work is "
                f"{equity * 100:.0f} out of 100.",
                "Maintain the power balance: rotate who proposes and chairs, and make sure "
                "every representative has a mandate to decide "
                f"({cite('eight-actions', 'actions 5 and 6')}).")


def high_risks_part(high: int, registered: int) -> Part:
    label = "Open high risks"
    if registered == 0:
        return Part("high_risks", label, None, "No risks are registered.")
    return Part("high_risks", label, clip(100 - 35 * high),
                f"{high} open risks score {HIGH_RISK} or more (likelihood × impact).",
                "Agree a mitigation and an owner for every high risk and review them at each "
                "meeting; let go of fixed positions when a risk calls for it "
                f"({cite('eight-actions', 'action 8')}).")


def reporting_part(status_code: str, label_text: str, has_report: bool = True) -> Part:
    """Not measured before the first report is due: no report yet is no data, not full
    marks."""
    if status_code == "up_to_date" and not has_report:
        return Part("reporting", "Progress reports", None,
                    "No progress report yet; the first is not due yet.")
    scores = {"up_to_date": 100.0, "late": 40.0, "inactive": 0.0}
    return Part("reporting", "Progress reports", scores[status_code], label_text + ".",
                "Write the progress report together: results against the indicators, "
                f"lessons learned and successes to celebrate ({cite('building-msp')}).")


def participation_part(rates: list[float]) -> Part:
    """`rates`: the share of members present at each meeting, oldest first. The last three
    meetings are compared with the three before them."""
    label = "Participation"
    if len(rates) < 4:
        return Part("participation", label, None,
                    "Too few meetings with recorded attendance to see a trend.")
    recent = rates[-3:]
    earlier = rates[-6:-3]
    now = sum(recent) / len(recent)
    before = sum(earlier) / len(earlier)
    if before == 0:
        return Part("participation", label, None,
                    "No attendance was recorded at the earlier meetings to compare with.")
    score = clip(100 * min(1.0, now / before))
    return Part("participation", label, score,
                f"Members attend {now * 100:.0f} % of the last three meetings, against "
                f"{before * 100:.0f} % before.",
                "Check the right organisations and people are involved and bought in, deeper "
                f"than the representatives at the table ({cite('eight-actions', 'action 1')}); a "
                "neutral, "
                "well-facilitated space helps (action 3).")


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
        return (f"not enough data: {self.measured} of {len(self.parts)} parts measured, "
                f"{self.coverage * 100:.0f}% of the weight; at least "
                f"{COVERAGE_NEEDED * 100:.0f}% is needed")

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
        return (f"{part.label} ({part.score:.0f}/100, weight {part.weight}): costs "
                f"{part.points_lost / measured:.0f} points. {part.detail}")

    def as_dict(self) -> dict:
        return {"index": None if self.index is None else round(self.index, 1),
                "coverage": round(self.coverage, 2), "measured_parts": self.measured,
                "total_parts": len(self.parts), "not_enough_data": self.not_enough_data,
                "method": METHOD, "weights": WEIGHTS,
                "parts": [p.as_dict() for p in self.parts],
                "causes": [self.cause_text(p) for p in self.causes],
                "explanations": [f"{p.label}: {p.detail} {p.advice}" for p in self.concerns]}


METHOD = ("The weighted mean of the parts that are measured (weights out of 100: health "
          "checks 20, KPI slippage 20, overdue actions 15, open high risks 15, power balance "
          "10, progress reports 10, participation 10). A part with no data is not measured: "
          "it is left out, never counted as zero or as full marks. The index is given only "
          "when the measured parts hold at least half of the weight; below 90 it names the "
          "parts that cost it points.")


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
