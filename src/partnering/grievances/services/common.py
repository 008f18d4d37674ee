"""What every grievance service does after it writes: the audit event and the timeline."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.grievances.models import GrievanceEvent
from partnering.grievances.vocabulary import State


def log(actor, action: str, grievance, *, note: str = "", public: bool = True,
        changes: dict | None = None) -> None:
    """The audit event (no partnership id: no partnership history lists grievances) and
    the case's timeline entry (`public` ones the complainant sees too)."""
    record(actor, action, grievance, changes=changes or {})
    GrievanceEvent.objects.create(
        grievance=grievance, action=action, note=note[:500], public=public,
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=timezone.now())


def require_state(grievance, *states) -> None:
    if grievance.state not in states:
        raise ValidationError(_("This cannot be done to a case that is %(state)s.") % {
            "state": grievance.get_state_display().lower()})


def mark_responded(grievance, now) -> list[str]:
    """Stop the acknowledge and respond clocks (a reply to the complainant acknowledges
    too); the fields changed."""
    changed = []
    if grievance.acknowledged_at is None:
        grievance.acknowledged_at = now
        changed.append("acknowledged_at")
    if grievance.responded_at is None:
        grievance.responded_at = now
        changed.append("responded_at")
    if grievance.state in (State.RECEIVED, State.ACKNOWLEDGED):
        grievance.state = State.UNDER_REVIEW
        changed.append("state")
    return changed
