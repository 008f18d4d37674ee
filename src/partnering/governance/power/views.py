"""The power balance page: who proposes, decides, carries the actions and the costs."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.governance.power.arithmetic import amount_text, percent
from partnering.governance.power.chart import colours, power_chart
from partnering.governance.power.data import compute_power_balance
from partnering.governance.power.forms import PeriodForm
from partnering.monitoring.rollup.read import from_summary
from partnering.partnerships.access import visible_partnership


def power_balance(request, partnership_id: int):
    """Who proposes, decides, carries the actions and the costs, over a period."""
    partnership = visible_partnership(request, partnership_id)
    form = PeriodForm(request.GET or None)
    drawn, status = NOT_DRAWN, 200
    if form.is_bound and not form.is_valid():
        status = 422
    else:
        data = form.cleaned_data if form.is_bound else {}
        drawn = _report(partnership, data.get("since"), data.get("until"))
    today = timezone.localdate()
    return render(request, "governance/power_balance.html", {
        "partnership": partnership, "access": partnership.access,
        "form": form, **drawn, "percent": percent, "amount_text": amount_text,
        "presets": [(_("All time"), ""),
                    (_("Last 12 months"), f"?since={(today - timedelta(days=365)).isoformat()}"),
                    (_("Last 90 days"), f"?since={(today - timedelta(days=90)).isoformat()}")],
    }, status=status)


NOT_DRAWN = {"report": None, "member_chart": "", "sector_chart": "", "member_colours": {},
             "sector_colours": {}}


def _report(partnership, since, until) -> dict:
    """The report with its charts. All time (the page as first opened): from the
    partnership's summary, drawn once per summary state and language (rollup.read)."""
    if since is None and until is None:
        threshold = getattr(settings, "POWER_DOMINANCE_THRESHOLD", None)
        return from_summary(partnership, "power-balance-page", threshold,
                            compute=lambda summary: _drawn(summary.power_result()))
    return _drawn(compute_power_balance(partnership, since, until))


def _drawn(report) -> dict:
    return {"report": report,
            "member_chart": power_chart(report, chart_id="power-members"),
            "sector_chart": power_chart(report, by="sector", chart_id="power-sectors"),
            "member_colours": colours(report), "sector_colours": colours(report, "sector")}
