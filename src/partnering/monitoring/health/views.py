"""The health page: the early-warning index of a partnership, its parts and its method."""

from django.shortcuts import render

from partnering.monitoring import charts
from partnering.monitoring.health import scoring
from partnering.partnerships.access import partnership_or_404


def health(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    return render(request, "monitoring/health.html", {
        "partnership": partnership, "health": scoring.partnership_health(partnership),
        "method": scoring.METHOD, "reads": scoring.READS, "bar": charts.progress_bar})
