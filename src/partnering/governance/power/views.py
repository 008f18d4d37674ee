"""The power balance page: who proposes, decides, carries the actions and the costs."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from markupsafe import Markup

from partnering.governance.power.arithmetic import amount_text, percent
from partnering.governance.power.chart import colours, power_chart
from partnering.governance.power.data import compute_power_balance
from partnering.governance.power.forms import PeriodForm
from partnering.monitoring.rollup.read import section_from_summary
from partnering.partnerships.access import visible_partnership


def power_balance(request, partnership_id: int):
    """Who proposes, decides, carries the actions and the costs, over a period."""
    partnership = visible_partnership(request, partnership_id)
    form = PeriodForm(request.GET or None)
    report_html, status = "", 200
    if form.is_bound and not form.is_valid():
        status = 422
    else:
        data = form.cleaned_data if form.is_bound else {}
        report_html = _report(partnership, data.get("since"), data.get("until"))
    today = timezone.localdate()
    return render(request, "governance/power_balance.html", {
        "partnership": partnership, "form": form, "report_html": report_html,
        "presets": [(_("All time"), ""),
                    (_("Last 12 months"), f"?since={(today - timedelta(days=365)).isoformat()}"),
                    (_("Last 90 days"), f"?since={(today - timedelta(days=90)).isoformat()}")],
    }, status=status)


REPORT = "governance/_power_report.html"


def _report(partnership, since, until) -> Markup:
    """The report with its charts and tables. All time (the page as first opened): from the
    partnership's summary, rendered once per summary state, day, language and whether the
    reader may record meetings (rollup.read)."""
    can_contribute = partnership.access.can_contribute
    if since is None and until is None:
        threshold = getattr(settings, "POWER_DOMINANCE_THRESHOLD", None)
        return section_from_summary(
            partnership, REPORT,
            lambda summary: _drawn(partnership, summary.power_result(), can_contribute),
            threshold, can_contribute)
    report = compute_power_balance(partnership, since, until)
    return Markup(render_to_string(REPORT, _drawn(partnership, report, can_contribute)))  # noqa: S704 - escaped


def _drawn(partnership, report, can_contribute: bool) -> dict:
    return {"partnership": partnership, "report": report, "can_contribute": can_contribute,
            "member_chart": power_chart(report, chart_id="power-members"),
            "sector_chart": power_chart(report, by="sector", chart_id="power-sectors"),
            "member_colours": colours(report), "sector_colours": colours(report, "sector"),
            "percent": percent, "amount_text": amount_text}
