"""The public, anonymised register of a partnership's grievances: how many cases came, by
category and by severity, the share resolved on time and the median days to resolve.

The rule (nobody may learn anything about a restricted case, or about any group of fewer
than five cases, by reading or comparing the figures):

1. **Minimum cell.** A count, share or median is shown only when it rests on at least
   `min_group()` cases (5, the anonymity threshold of survey results,
   `assessments.results.min_group`); else it reads "fewer than 5". A zero reads "fewer than
   5" too, so a hidden cell cannot be told apart from an empty one.
2. **Restricted cases are counted only in the period's total**, never in a breakdown: not
   by category, not by severity, not in the share on time or the median. The total is
   shown only when it is at least 5.
3. **No subtraction across a breakdown.** What the total leaves unexplained by the shown
   cells of a breakdown (total − shown cells = the restricted cases + the hidden cells) is
   always 0 or at least 5: while it is between 1 and 4, the smallest shown cell is hidden
   too (secondary suppression). So even an attacker who guesses that every hidden cell is
   empty reads "at least 5 restricted cases" at most, never a small number of them; and
   since the remainder is a sum of hidden groups, no hidden cell can be derived exactly.
   (A remainder of 0 says only that the quarter had no restricted case.)
4. **No subtraction over time.** There are no running figures: the register publishes
   closed calendar quarters (in the partnership's time zone) only, each on its own, with no
   cumulative total, so two looks at the register on different days show the same figures
   for the same quarter, and a new quarter appears with its own suppression. Counts go by
   the day a case was received, so a closed quarter's counts never change; shares and
   medians read the non-restricted cases resolved by the look, and only the non-restricted
   cases move them.

The figures are worked out here, for the page (`register.views`) and the API
(`register.api`) alike."""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time

from partnering.assessments.results import min_group
from partnering.grievances import clocks
from partnering.grievances.models import Grievance
from partnering.grievances.vocabulary import Category, Severity

QUARTERS = 8  # how many closed quarters the register shows


@dataclass
class Cell:
    key: str
    label: str
    value: float | int | None  # None: suppressed ("fewer than 5")

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def as_dict(self) -> dict:
        return {"key": self.key, "label": str(self.label), "count": self.value,
                "suppressed": self.suppressed}


@dataclass
class Period:
    start: date
    end: date  # the last day
    label: str
    total: int | None
    by_category: list[Cell] = field(default_factory=list)
    by_severity: list[Cell] = field(default_factory=list)
    on_time_share: float | None = None
    median_days: float | None = None

    def as_dict(self) -> dict:
        return {"period": self.label, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "total": self.total,
                "total_suppressed": self.total is None,
                "by_category": [c.as_dict() for c in self.by_category],
                "by_severity": [c.as_dict() for c in self.by_severity],
                "resolved_on_time_share": self.on_time_share,
                "median_days_to_resolve": self.median_days}


def shown(count: int) -> int | None:
    return count if count >= min_group() else None


def breakdown(total: int, counts: dict, choices) -> list[Cell]:
    """Cells of one breakdown of the non-restricted cases, rules 1 and 3."""
    cells = [Cell(value, label, shown(counts.get(value, 0))) for value, label in choices]
    while 0 < total - sum(c.value for c in cells if not c.suppressed) < min_group():
        smallest = min((c for c in cells if not c.suppressed), key=lambda c: c.value)
        smallest.value = None
    return cells


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + (first_month + 2) // 12, (first_month + 2) % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def closed_quarters(today: date, count: int = QUARTERS) -> list[tuple[date, date]]:
    """The last `count` calendar quarters that have ended before `today`, latest first."""
    start, _end = quarter_of(today)
    quarters = []
    for _n in range(count):
        start, end = quarter_of(date.fromordinal(start.toordinal() - 1))
        quarters.append((start, end))
    return quarters


def period(calendar, cases: list[Grievance], start: date, end: date) -> Period:
    """One quarter's figures from its cases (all of them, restricted included)."""
    open_cases = [g for g in cases if not g.restricted]
    total = len(cases)
    label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if shown(total) is None:
        return Period(start, end, label, None, breakdown(0, {}, CATEGORIES),
                      breakdown(0, {}, Severity.choices))
    by_category, by_severity = {}, {}
    for g in open_cases:
        by_category[g.category] = by_category.get(g.category, 0) + 1
        by_severity[g.severity] = by_severity.get(g.severity, 0) + 1
    resolved = [g for g in open_cases if g.resolved_at is not None]
    share = median = None
    if shown(len(resolved)) is not None:
        on_time = sum(1 for g in resolved if g.resolve_due and g.resolved_at <= g.resolve_due)
        share = round(on_time / len(resolved), 2)
        median = statistics.median((g.resolved_at - g.received_at).total_seconds() / 86400
                                   for g in resolved)
        median = round(median, 1)
    return Period(start, end, label, total, breakdown(total, by_category, CATEGORIES),
                  breakdown(total, by_severity, Severity.choices), share, median)


def register(partnership=None, today: date | None = None, *, platform=None) -> list[Period]:
    """The register of a partnership's (or a platform's) closed quarters, latest first (one
    query for the cases)."""
    owner = clocks.owner_filter(partnership, platform)
    calendar = clocks.calendar_for(partnership, platform=platform)
    today = today or datetime.now(calendar.zone).date()
    quarters = closed_quarters(today)
    since = datetime.combine(quarters[-1][0], time.min, tzinfo=calendar.zone)
    until = datetime.combine(quarters[0][1], time.max, tzinfo=calendar.zone)
    cases = list(Grievance.objects.filter(
        **owner, received_at__gte=since, received_at__lte=until).only(
        "category", "severity", "restricted", "received_at", "resolved_at", "resolve_due",
        "state"))
    periods = []
    for start, end in quarters:
        inside = [g for g in cases if start <= calendar.local_day(g.received_at) <= end]
        periods.append(period(calendar, inside, start, end))
    return periods


# Safeguarding cases are always restricted: their category cell would always be empty, and a
# cell known to be empty would let the remainder of rule 3 be read as the restricted cases.
CATEGORIES = [(value, label) for value, label in Category.choices
              if value != Category.SAFEGUARDING]
