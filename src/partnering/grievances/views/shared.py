"""What the grievance pages share: the cases as rows with their clocks, the session that
holds a complainant's case between pages, the no-store header and a case's file as a
download."""

import time
from types import SimpleNamespace

from django.utils.cache import add_never_cache_headers

from partnering.grievances import clocks
from partnering.grievances.models import Grievance
from partnering.monitoring.measurements.evidence import evidence_response

FOLLOW_KEY = "grievance_case"
FILED_KEY = "grievance_filed"
FOLLOW_SECONDS = 30 * 60


def private(response):
    """Pages that show a case or a secret are never cached, anywhere."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response


def file_response(stored):
    """A case's file as a download, with the evidence-file headers (no sniffing, sandboxed,
    never cached). The caller has checked who may have it."""
    return evidence_response(SimpleNamespace(evidence_file=stored.file,
                                             evidence_name=stored.name))


def remember_case(request, grievance: Grievance) -> None:
    """The complainant proved the secret: their case stays open in this browser session
    for half an hour (a new session id, so a fixed one cannot be reused)."""
    request.session.cycle_key()
    request.session[FOLLOW_KEY] = {"id": grievance.pk, "until": time.time() + FOLLOW_SECONDS}


def followed_case(request) -> Grievance | None:
    held = request.session.get(FOLLOW_KEY)
    if not held or held.get("until", 0) < time.time():
        request.session.pop(FOLLOW_KEY, None)
        return None
    return Grievance.objects.select_related("partnership").filter(pk=held["id"]).first()


def forget_case(request) -> None:
    request.session.pop(FOLLOW_KEY, None)


def with_clocks(grievances, calendars: dict | None = None) -> list:
    """The cases with `clocks` and their `urgency` (the worst running clock), one calendar
    per partnership."""
    calendars = {} if calendars is None else calendars
    rows = []
    for grievance in grievances:
        calendar = calendars.get(grievance.owner_key)
        if calendar is None:
            calendar = calendars[grievance.owner_key] = clocks.calendar_of(grievance)
        grievance.clocks = clocks.clocks_of(grievance, calendar)
        grievance.urgency = clocks.worst(grievance.clocks)
        rows.append(grievance)
    return rows
