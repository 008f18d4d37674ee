"""The loop-metrics page of a consultation (charts, then their data as tables) and the
exports of its submissions and answers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from partnering.platforms import access
from partnering.platforms.loops import exports
from partnering.platforms.loops.metrics import MIN_HEARD, loop_metrics
from partnering.platforms.loops.tables import charts, dimension_titles, labelled, who_is_heard


def consultation_loop_metrics(request, consultation_id: int):
    """Public for a public platform; 404 for a private one to whoever may not see it."""
    consultation = access.consultation_or_404(request, consultation_id)
    metrics = loop_metrics(consultation)
    tables = labelled(metrics, request.user)
    return render(request, "platforms/loops/loop_metrics.html", {
        "consultation": consultation, "platform": consultation.platform,
        "metrics": metrics, "tables": tables, "charts": charts(metrics, tables),
        "titles": dimension_titles(), "heard": who_is_heard(tables, metrics),
        "min_heard": MIN_HEARD})


def consultation_export(request, consultation_id: int, fmt: str):
    """The submissions and their answers, for the secretariat (anonymous input unnamed)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    consultation = access.consultation_or_404(request, consultation_id)
    if not consultation.access.can_manage:
        raise PermissionDenied
    return exports.response(consultation, fmt, request.user)
