"""The portfolio of the partnerships one may see: the figures (data.py), their CSV and
Excel exports and the open-data zip (exports.py), the page (views.py) and the endpoints
(api.py). The names callers outside use, re-exported."""

from partnering.monitoring.portfolio.data import (
    partnership_rows,
    phase_groups,
    portfolio,
    reporting_reminders,
)

__all__ = ["partnership_rows", "phase_groups", "portfolio", "reporting_reminders"]
