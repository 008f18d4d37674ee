"""The power balance page: who proposes, decides, carries the actions and the costs."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.governance.power.arithmetic import amount_text, percent
from partnering.governance.power.chart import colours, power_chart
from partnering.governance.power.data import power_balance as compute_power_balance
from partnering.governance.power.forms import PeriodForm
from partnering.partnerships.access import visible_partnership


def power_balance(request, partnership_id: int):
    """Who proposes, decides, carries the actions and the costs, over a period."""
    partnership = visible_partnership(request, partnership_id)
    form = PeriodForm(request.GET or None)
    report, status = None, 200
    if form.is_bound and not form.is_valid():
        status = 422
    else:
        data = form.cleaned_data if form.is_bound else {}
        report = compute_power_balance(partnership, data.get("since"), data.get("until"))
    today = timezone.localdate()
    return render(request, "governance/power_balance.html", {
        "partnership": partnership, "access": partnership.access,
        "form": form, "report": report, "percent": percent, "amount_text": amount_text,
        "member_chart": power_chart(report, chart_id="power-members") if report else "",
        "sector_chart": power_chart(report, by="sector", chart_id="power-sectors")
        if report else "",
        "member_colours": colours(report) if report else {},
        "sector_colours": colours(report, "sector") if report else {},
        "presets": [(_("All time"), ""),
                    (_("Last 12 months"), f"?since={(today - timedelta(days=365)).isoformat()}"),
                    (_("Last 90 days"), f"?since={(today - timedelta(days=90)).isoformat()}")],
    }, status=status)
