"""The early-warning health index of a partnership: how it is computed (scoring.py), its
page (views.py) and its endpoint (api.py). The names callers outside use, re-exported."""

from partnering.monitoring.health.scoring import (
    open_high_risks,
    partnership_health,
    record_all_health,
    record_health,
)

__all__ = ["open_high_risks", "partnership_health", "record_all_health", "record_health"]
