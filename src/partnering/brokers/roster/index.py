"""The compact structure "find a broker" ranks with: the roster's tags as arrays, held by
each process and rebuilt when the roster changes (its version is one read of one row,
RosterRevision, which every roster and assignment service bumps).

Scoring 10,000 brokers is a few array additions (numpy): each tag the partnership asks
for adds its weight to the brokers who offer it; enough free days add AVAILABLE_WEIGHT.
`find.top_scores` is the same ranking in SQL, which the tests hold this one to."""

import secrets
import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import F

from partnering.brokers.roster.models import BrokerProfile, BrokerTag, RosterRevision

_lock = threading.Lock()
_built: dict = {}


@dataclass
class RosterIndex:
    version: tuple
    ids: np.ndarray          # profile ids, ascending
    free: np.ndarray         # days a month free (may be negative: overcommitted)
    kinds: np.ndarray        # kind of each profile
    tags: dict               # key → (positions, weights)

    def top(self, keys, days: float, kind: str, available_weight: int, limit: int):
        scores = np.zeros(len(self.ids), dtype=np.int32)
        for key in keys:
            positions, weights = self.tags.get(key, (None, None))
            if positions is not None:
                scores[positions] += weights
        matched = scores > 0
        if kind:
            matched &= self.kinds == kind
        candidates = np.flatnonzero(matched)
        total = scores[candidates] + np.where(self.free[candidates] >= days,
                                              available_weight, 0)
        order = np.lexsort((self.ids[candidates], -self.free[candidates], -total))[:limit]
        return [(int(self.ids[candidates[i]]), int(total[i])) for i in order]


def version() -> tuple:
    return RosterRevision.objects.filter(pk=1).values_list("number", "stamp").first() or (0, "")


def bump() -> None:
    """The roster changed: every process's index is stale (call inside the write's
    transaction, so that a rebuild sees the change)."""
    stamp = secrets.token_hex(8)
    if not RosterRevision.objects.filter(pk=1).update(number=F("number") + 1, stamp=stamp):
        RosterRevision.objects.get_or_create(pk=1, defaults={"number": 1, "stamp": stamp})


def _build(stamp: tuple) -> RosterIndex:
    rows = list(BrokerProfile.objects.order_by("pk").values_list(
        "pk", "days_per_month", "committed_days", "kind"))
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    free = np.array([float(r[1] - r[2]) for r in rows], dtype=np.float64)
    kinds = np.array([r[3] for r in rows], dtype=object)
    position = {pk: n for n, pk in enumerate(ids.tolist())}
    grouped: dict = {}
    for profile_id, key, weight in BrokerTag.objects.values_list("profile_id", "key",
                                                                 "weight").iterator(2000):
        if profile_id in position:
            grouped.setdefault(key, ([], []))
            grouped[key][0].append(position[profile_id])
            grouped[key][1].append(weight)
    tags = {key: (np.array(p, dtype=np.int64), np.array(w, dtype=np.int32))
            for key, (p, w) in grouped.items()}
    return RosterIndex(stamp, ids, free, kinds, tags)


def current() -> RosterIndex:
    """The index of the roster as it is now (rebuilt here if the roster changed)."""
    stamp = version()
    index = _built.get("index")
    if index is not None and index.version == stamp:
        return index
    with _lock:
        index = _built.get("index")
        if index is None or index.version != stamp:
            index = _build(stamp)
            _built["index"] = index
    return index
