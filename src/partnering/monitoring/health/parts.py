"""The parts of the health index, each a plain function from a few figures to a Part: a
score 0–100 (or None: not measured), what we see and what to do, written in the reader's
language when the part is built (the summary keeps figures, not texts)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnering.monitoring.models import HIGH_RISK
from partnering.sources import cite

WEIGHTS = {"health_checks": 20, "kpi_slippage": 20, "overdue_actions": 15, "high_risks": 15,
           "power": 10, "reporting": 10, "participation": 10}
# Parts only some partnerships have: grievances, with a grievance mechanism (grievances.learning).
OPTIONAL_WEIGHTS = {"grievances": 10}
CONCERN = 70  # parts scoring below this pull the index down and are explained
# What each part reads, for the page and the API.
READS = {
    "health_checks": gettext_lazy("the mean score of the latest closed health-check rounds "
                                  "answered by enough people, and the change since the "
                                  "previous round"),
    "kpi_slippage": gettext_lazy("the share of indicators off-track against their milestones "
                                 "(queried values do not count)"),
    "overdue_actions": gettext_lazy("the share of open actions past their due date"),
    "high_risks": gettext_lazy("open risks scoring 15 or more (likelihood × impact), among "
                               "the risks registered"),
    "power": gettext_lazy("the equity index of who proposes, decides, carries the actions, "
                          "attends and speaks"),
    "reporting": gettext_lazy("how long since the last progress report (once the first is "
                              "due)"),
    "participation": gettext_lazy("attendance at the last three meetings against the three "
                                  "before"),
    "grievances": gettext_lazy("open grievances past a published deadline (restricted cases "
                               "left out)"),
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
        return WEIGHTS.get(self.key) or OPTIONAL_WEIGHTS[self.key]

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
                "reads": str(READS[self.key]),
                "score": None if self.score is None else round(self.score, 1),
                "status": "missing" if self.missing else "concern" if self.concern else "ok",
                "detail": self.detail, "advice": self.advice if self.concern else ""}


def clip(score: float) -> float:
    return max(0.0, min(100.0, score))


def _actions(which: str) -> str:
    """A citation of the 8 Actions, e.g. "8 Actions to Get Real Traction in Partnering,
    action 2"."""
    return cite("eight-actions", which)


def health_check_part(latest: float | None, previous: float | None) -> Part:
    """Latest health-check score (0–1 mean of counted answers) and its trend: a fall from
    the previous round costs twice the fall."""
    label = _("Health checks")
    if latest is None:
        return Part("health_checks", label, None, _("No health-check round has results yet."))
    score = latest * 100
    values = {"score": f"{score:.0f}"}
    detail = _("The latest health check scores %(score)s out of 100.") % values
    if previous is not None:
        change = (latest - previous) * 100
        values["change"] = f"{abs(change):.0f}"
        detail = (_("The latest health check scores %(score)s out of 100, %(change)s points "
                    "up on the last.") if change >= 0 else
                  _("The latest health check scores %(score)s out of 100, %(change)s points "
                    "down on the last.")) % values
        if change < 0:
            score += 2 * change
    return Part("health_checks", label, clip(score), detail,
                _("Talk through the weakest answers of the health check together and agree "
                  "what to change; keep the problem at the centre (%(source)s).")
                % {"source": _actions(_("action 2"))})


def kpi_slippage_part(off_track: list[bool | None]) -> Part:
    judged = [flag for flag in off_track if flag is not None]
    label = _("KPI slippage")
    if not judged:
        return Part("kpi_slippage", label, None,
                    _("No indicator has a baseline, a milestone and a value to judge yet."))
    slipping = sum(judged)
    return Part("kpi_slippage", label, clip(100 * (1 - slipping / len(judged))),
                ngettext("%(slipping)s of %(num)s indicator is off-track against its "
                         "milestones.",
                         "%(slipping)s of %(num)s indicators are off-track against their "
                         "milestones.", len(judged)) % {"slipping": slipping, "num": len(judged)},
                _("Review the off-track indicators with the responsible members; co-design "
                  "how to get back on track rather than jumping to solutions (%(source)s), "
                  "and ask the hard questions about results (action 7).")
                % {"source": _actions(_("action 4"))})


def overdue_actions_part(overdue: int, open_actions: int) -> Part:
    label = _("Overdue actions")
    if open_actions == 0:
        return Part("overdue_actions", label, None, _("No open actions are recorded."))
    return Part("overdue_actions", label, clip(100 * (1 - overdue / open_actions)),
                ngettext("%(overdue)s of %(num)s open action is past its due date.",
                         "%(overdue)s of %(num)s open actions are past their due date.",
                         open_actions) % {"overdue": overdue, "num": open_actions},
                _("Share accountability: follow up each overdue action with its owner at the "
                  "next meeting, and agree a new date or drop it openly (%(source)s).")
                % {"source": _actions(_("action 7"))})


def power_part(equity: float | None) -> Part:
    label = _("Power balance")
    if equity is None:
        return Part("power", label, None, _("Not enough proposals, decisions or actions to "
                                             "measure the balance of power."))
    return Part("power", label, clip(equity * 100),
                _("The equity index of who proposes, decides and carries the work is "
                  "%(index)s out of 100.") % {"index": f"{equity * 100:.0f}"},
                _("Maintain the power balance: rotate who proposes and chairs, and make sure "
                  "every representative has a mandate to decide (%(source)s).")
                % {"source": _actions(_("actions 5 and 6"))})


def high_risks_part(high: int, registered: int) -> Part:
    label = _("Open high risks")
    if registered == 0:
        return Part("high_risks", label, None, _("No risks are registered."))
    return Part("high_risks", label, clip(100 - 35 * high),
                ngettext("%(num)s open risk scores %(threshold)s or more (likelihood × "
                         "impact).",
                         "%(num)s open risks score %(threshold)s or more (likelihood × "
                         "impact).", high) % {"num": high, "threshold": HIGH_RISK},
                _("Agree a mitigation and an owner for every high risk and review them at "
                  "each meeting; let go of fixed positions when a risk calls for it "
                  "(%(source)s).") % {"source": _actions(_("action 8"))})


def reporting_part(status_code: str, label_text: str, has_report: bool = True) -> Part:
    """Not measured before the first report is due: no report yet is no data, not full
    marks."""
    if status_code == "up_to_date" and not has_report:
        return Part("reporting", _("Progress reports"), None,
                    _("No progress report yet; the first is not due yet."))
    scores = {"up_to_date": 100.0, "late": 40.0, "inactive": 0.0}
    return Part("reporting", _("Progress reports"), scores[status_code],
                label_text + ".",
                _("Write the progress report together: results against the indicators, "
                  "lessons learned and successes to celebrate (%(source)s).")
                % {"source": cite("building-msp")})


def participation_part(rates: list[float]) -> Part:
    """`rates`: the share of members present at each meeting, oldest first. The last three
    meetings are compared with the three before them."""
    label = _("Participation")
    if len(rates) < 4:
        return Part("participation", label, None,
                    _("Too few meetings with recorded attendance to see a trend."))
    now = sum(rates[-3:]) / len(rates[-3:])
    before = sum(rates[-6:-3]) / len(rates[-6:-3])
    if before == 0:
        return Part("participation", label, None,
                    _("No attendance was recorded at the earlier meetings to compare with."))
    return Part("participation", label, clip(100 * min(1.0, now / before)),
                _("Members attend %(now)s %% of the last three meetings, against %(before)s "
                  "%% before.") % {"now": f"{now * 100:.0f}", "before": f"{before * 100:.0f}"},
                _("Check the right organisations and people are involved and bought in, "
                  "deeper than the representatives at the table (%(source)s); a neutral, "
                  "well-facilitated space helps (action 3).")
                % {"source": _actions(_("action 1"))})
