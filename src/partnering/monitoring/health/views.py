"""The health page: the early-warning index of a partnership, its parts and its method."""

from django.shortcuts import render

from partnering.monitoring import charts
from partnering.monitoring.health import scoring
from partnering.monitoring.rollup.read import section_from_summary
from partnering.partnerships.access import partnership_or_404


def health(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    body = section_from_summary(partnership, "monitoring/_health_body.html", lambda summary: {
        "health": summary.health_result(), "method": scoring.METHOD, "reads": scoring.READS,
        "bar": charts.progress_bar})
    return render(request, "monitoring/health.html", {"partnership": partnership,
                                                      "body": body})
