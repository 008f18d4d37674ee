"""Site-wide pages: home / dashboard, sources, health check."""

from django.contrib.auth import get_user_model
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
from partnering.notifications.services import needs_action_list
from partnering.partnerships.models import Partnership
from partnering.partnerships.queries import PAGE_COLUMNS, partnership_list, partnership_rows
from partnering.prepared import Prepared
from partnering.sources import SOURCES


def home(request):
    if not request.user.is_authenticated:
        public = partnership_rows(partnership_list(request.user, public_only=True),
                                  PAGE_COLUMNS, targets=False)[:6]
        return render(request, "home.html", {"public": public})
    kind = "admin" if request.user.is_superuser else "user"
    mine = _MINE(kind, request.user.pk)
    for attach in partnership_rows(Partnership.objects.none(), targets=False).attach:
        attach(mine)
    return render(request, "dashboard.html", {"mine": mine,
                                              "recent": _RECENT(kind, request.user.pk),
                                              "awaiting": awaiting_positions(request.user),
                                              "needs_action": needs_action_list(request.user),
                                              "reminders": reporting_reminders(request.user)})


def _mine(kind: str, user_id: int):
    """The active partnerships a signed-in user takes part in (an admin or not)."""
    user = get_user_model()(pk=user_id, is_superuser=kind == "admin")
    return partnership_list(user, mine=True, status="active")


# The dashboard's own lists, their SQL written once per process (partnering.prepared).
_MINE = Prepared(lambda kind, user_id: _mine(kind, user_id).values(*PAGE_COLUMNS)[:200], int)
_RECENT = Prepared(lambda kind, user_id: AuditEvent.objects.filter(
    partnership_id__in=_mine(kind, user_id).values("pk"))[:12], int)


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
