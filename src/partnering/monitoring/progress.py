"""Progress arithmetic: plain functions on Decimals, no database.

- An indicator's progress is (latest − baseline) / (final target − baseline), clipped to
  0..1; for a "down is good" indicator the same formula works because both differences
  are negative. No baseline, no target or no measurement: unknown (None), never zero.
- A result's progress is the weighted mean of its indicators (weight 1 each) and of its
  children (their own weight), over the parts whose progress is known.
- An indicator is off-track when its latest value is behind the value expected at that
  date, read off the straight line from the baseline through each milestone; with no value
  yet it is off-track once a milestone date has passed."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ZERO, ONE = Decimal(0), Decimal(1)
# A latest value within this share of the way short of the expected one is still on track.
TOLERANCE = Decimal("0.05")


def clip(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


def indicator_progress(baseline: Decimal | None, target: Decimal | None,
                       latest: Decimal | None) -> Decimal | None:
    if baseline is None or target is None or latest is None or target == baseline:
        return None
    return clip((Decimal(latest) - Decimal(baseline)) / (Decimal(target) - Decimal(baseline)))


def expected_value(baseline: Decimal | None, baseline_date: date | None,
                   milestones: list[tuple[date, Decimal]], on: date) -> Decimal | None:
    """The value the milestones call for on a date (linear between milestones)."""
    if baseline is None or baseline_date is None or not milestones:
        return None
    points = [(baseline_date, Decimal(baseline))] + sorted(
        (d, Decimal(v)) for d, v in milestones)
    if on <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if on <= d1:
            span = (d1 - d0).days
            if span <= 0:
                return v1
            return v0 + (v1 - v0) * Decimal((on - d0).days) / Decimal(span)
    return points[-1][1]


def is_off_track(*, baseline: Decimal | None, baseline_date: date | None,
                 milestones: list[tuple[date, Decimal]], direction: str,
                 latest: Decimal | None, latest_date: date | None,
                 today: date) -> bool | None:
    """True/False, or None when the indicator cannot be judged (no baseline or milestones,
    or nothing due yet and nothing measured)."""
    if baseline is None or baseline_date is None or not milestones:
        return None
    if latest is None:
        due = [d for d, _ in milestones if d <= today]
        return True if due else None
    expected = expected_value(baseline, baseline_date, milestones, latest_date or today)
    final = sorted(milestones)[-1][1]
    span = abs(Decimal(final) - Decimal(baseline)) or ONE
    shortfall = (expected - Decimal(latest)) if direction == "up" else (
        Decimal(latest) - expected)
    return shortfall / span > TOLERANCE


def weighted_mean(parts: list[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """Mean of (weight, value) pairs whose value is known; None if none is."""
    known = [(Decimal(w), v) for w, v in parts if v is not None and Decimal(w) > 0]
    total = sum((w for w, _ in known), ZERO)
    if not known or total == 0:
        return None
    return sum((w * v for w, v in known), ZERO) / total


@dataclass
class Node:
    """A result in the chain with its computed progress."""

    result: object
    indicators: list = field(default_factory=list)  # IndicatorView
    children: list = field(default_factory=list)
    progress: Decimal | None = None
    depth: int = 0


def roll_up(node: Node) -> Decimal | None:
    for child in node.children:
        roll_up(child)
    parts = [(ONE, i.progress) for i in node.indicators]
    parts += [(child.result.weight, child.progress) for child in node.children]
    node.progress = weighted_mean(parts)
    return node.progress


def percent(value: Decimal | None) -> str:
    if value is None:
        return "unknown"
    return f"{(value * 100).quantize(ONE)} %"
