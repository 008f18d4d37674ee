"""Site-wide pages: home / dashboard, sources, health check."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partnering.audit.models import AuditEvent
from partnering.governance.decisions.queries import awaiting_positions
from partnering.jobs.health import queue_state
from partnering.monitoring.portfolio.data import reporting_reminders
from partnering.notifications.services import needs_action
from partnering.partnerships.queries import PAGE_COLUMNS, partnership_list, partnership_rows
from partnering.sources import SOURCES


def home(request):
    if not request.user.is_authenticated:
        public = partnership_rows(partnership_list(request.user, public_only=True),
                                  PAGE_COLUMNS, targets=False)[:6]
        return render(request, "home.html", {"public": public})
    mine = partnership_list(request.user, mine=True, status="active")
    recent = AuditEvent.objects.filter(partnership_id__in=mine.values("pk"))[:12]
    mine = partnership_rows(mine, PAGE_COLUMNS, targets=False)[:200]
    return render(request, "dashboard.html", {"mine": mine, "recent": recent,
                                              "awaiting": awaiting_positions(request.user),
                                              "needs_action": needs_action(request.user),
                                              "reminders": reporting_reminders(request.user)})


def sources(request):
    """The practitioner publications the product cites."""
    return render(request, "sources.html", {"sources": list(SOURCES.values())})


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        jobs = queue_state()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    stalled = jobs.pop("stalled")
    # A stalled queue is the job workers' trouble, not this web server's: "degraded" with a
    # 200, so that a load balancer keeps sending requests here while monitoring alerts.
    return JsonResponse({"status": "degraded" if stalled else "ok", "database": "ok",
                         "jobs": jobs})
