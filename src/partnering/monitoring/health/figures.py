"""The figures a health index is computed from, as plain JSON, and the index rebuilt from
them: the partnership summary (monitoring/rollup) keeps the figures, and the page turns
them into the same parts, texts and advice in the reader's language, against today's date
(the reporting status counts from today)."""

from datetime import date

from django.utils import timezone

from partnering.monitoring.health import scoring


def health_figures(partnership, today: date, equity: float | None) -> dict:
    """Everything partnership_health reads from the database, for one partnership; the
    power balance's equity index is given (the summary computes the balance once)."""
    from partnering.monitoring.models import ProgressReport
    from partnering.monitoring.queries import indicator_views

    latest, previous = scoring.health_check_scores(partnership)
    overdue, open_actions = scoring.overdue_actions(partnership, today)
    high, registered = scoring.risk_counts(partnership)
    last = ProgressReport.objects.filter(partnership=partnership).order_by(
        "-submitted_on").values_list("submitted_on", flat=True).first()
    started = partnership.start_date or timezone.localtime(partnership.created).date()
    return {"checks": [latest, previous],
            "off_track": [v.off_track for v in indicator_views(partnership, today)],
            "actions": [overdue, open_actions], "risks": [high, registered],
            "equity": equity, "last_report": last.isoformat() if last else None,
            "started": started.isoformat(),
            "rates": scoring.attendance_rates(partnership),
            "grievances": _grievance_figures(partnership)}


def _grievance_figures(partnership):
    try:
        from partnering.grievances.learning import health_figures
    except ImportError:  # pragma: no cover - the app is optional
        return None
    return health_figures(partnership)


def health_from_figures(figures: dict, today: date | None = None) -> scoring.Health:
    from partnering.monitoring.queries import reporting_status

    last = figures["last_report"]
    status = reporting_status(date.fromisoformat(last) if last else None,
                              date.fromisoformat(figures["started"]), today)
    parts = [
        scoring.health_check_part(*figures["checks"]),
        scoring.kpi_slippage_part(figures["off_track"]),
        scoring.overdue_actions_part(*figures["actions"]),
        scoring.high_risks_part(*figures["risks"]),
        scoring.power_part(figures["equity"]),
        scoring.reporting_part(status.code, status.label, status.last_report is not None),
        scoring.participation_part(figures["rates"]),
    ]
    if figures.get("grievances"):
        from partnering.grievances.learning import health_part

        parts.append(health_part(figures["grievances"]))
    return scoring.Health(scoring.index(parts), parts)
