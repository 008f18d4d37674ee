"""Site-wide pages: home / dashboard, health check."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partnering.audit.models import AuditEvent
from partnering.governance.queries import awaiting_positions
from partnering.monitoring.portfolio import reporting_reminders
from partnering.partnerships.queries import partnership_list, partnership_rows


def home(request):
    if not request.user.is_authenticated:
        public = partnership_rows(partnership_list(request.user, public_only=True))[:6]
        return render(request, "home.html", {"public": public})
    mine = partnership_list(request.user, mine=True, status="active")
    recent = AuditEvent.objects.filter(partnership_id__in=mine.values("pk"))[:12]
    mine = partnership_rows(mine)[:200]
    return render(request, "dashboard.html", {"mine": mine, "recent": recent,
                                              "awaiting": awaiting_positions(request.user),
                                              "reminders": reporting_reminders(request.user)})


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
