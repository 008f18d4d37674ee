"""The arithmetic of the power balance: shares, normalised Shannon entropy, the equity
index and the dominance threshold, and how shares and amounts read in words."""

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from partnering.governance.power.measures import MIN_EVENTS

Amount = int | float | Decimal


def shares(amounts: Mapping) -> dict | None:
    """Each key's part of the total; None when there is nothing to share (no data: never
    zeros). Negative amounts are refused."""
    if any(value < 0 for value in amounts.values()):
        raise ValueError("Amounts cannot be negative.")
    total = float(sum(amounts.values()))
    if not total:
        return None
    return {key: float(value) / total for key, value in amounts.items()}


def entropy(parts: Iterable[float]) -> float:
    """Shannon entropy H = −Σ p ln p (natural log), with 0 · ln 0 = 0."""
    return -sum(p * math.log(p) for p in parts if p > 0)


def normalised_entropy(parts: Iterable[float], n: int) -> float | None:
    """H / ln n over n holders (those with no share included): 1 when all n hold equal
    shares, 0 when one holds everything; None when there are fewer than two holders."""
    if n < 2:
        return None
    value = entropy(parts) / math.log(n)
    return min(1.0, max(0.0, value))


def effective_number(parts: Iterable[float]) -> float:
    """e^H: as if the measure were shared equally by this many holders."""
    return math.exp(entropy(parts))


def equity_index(values: Iterable[float | None]) -> float | None:
    """The mean of the measures' normalised entropies, over the measures with data."""
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def dominance_threshold(n: int, configured: float | None = None) -> float | None:
    """The share above which one of n members (or sectors) dominates a measure.

    By default more than halfway from an equal share to the whole, (1 + 1/n) / 2: 75% with
    two members, 67% with three, 62.5% with four, nearing 50% in large partnerships. Always
    above half, so at most one can dominate, and well above an equal share, so ordinary
    variation is not flagged. A configured threshold replaces it, but never falls below an
    equal share. None when there are fewer than two."""
    if n < 2:
        return None
    if configured is not None:
        return max(configured, 1 / n)
    return (1 + 1 / n) / 2


def threshold_rule(configured: float | None) -> str:
    if configured is not None:
        return _("A member or sector dominates a measure when its share is above "
                 "%(threshold)s (set by POWER_DOMINANCE_THRESHOLD), or above an equal share if "
                 "that is higher; a measure needs at least %(events)s events before it is "
                 "flagged.") % {"threshold": percent(configured, True), "events": MIN_EVENTS}
    return _("A member or sector dominates a measure when its share is more than halfway from "
             "an equal share to the whole, (1 + 1/n) / 2 for n members or sectors: 75%% with "
             "two, 67%% with three, 62.5%% with four, nearing 50%% in large partnerships. That "
             "is always more than half, so at most one can dominate a measure, and well above "
             "an equal share, so ordinary variation is not flagged. A measure needs at least "
             "%(events)s events before it is flagged. POWER_DOMINANCE_THRESHOLD sets a fixed "
             "share instead.") % {"events": MIN_EVENTS}


def percent(share: float, precise: bool = False) -> str:
    """A share in words: 78%; a threshold precisely: 62.5%."""
    if precise:
        return f"{share:.1%}".replace(".0%", "%")
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def amount_text(value: Amount, money: bool = False) -> str:
    from partnering.formats import number

    return number(Decimal(value) if money else value, 0)
