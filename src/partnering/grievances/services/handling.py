"""What a case's handlers do: acknowledge, write to the complainant, attach files, assign,
resolve, log attempts to reach the complainant, close, escalate. Each service checks that the actor
may handle the case (`grievances.access`); views and the API reach the case through
`access.grievance_or_404` first, so an outsider never gets this far."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.grievances import access
from partnering.grievances.models import ClosureAttempt, GrievanceMessage, GrievanceSettings
from partnering.grievances.services.common import log, mark_responded, require_state
from partnering.grievances.services.filing import attach, check_files
from partnering.grievances.vocabulary import (
    DEFAULT_CLOSURE_ATTEMPTS,
    Author,
    Closure,
    EscalatedTo,
    Outcome,
    State,
)
from partnering.guards import require

OPEN = (State.RECEIVED, State.ACKNOWLEDGED, State.UNDER_REVIEW)


def _may(actor, grievance) -> None:
    require(access.may_handle(actor, grievance),
            _("Only the case's handlers may do this."))


def _save(grievance, fields) -> None:
    grievance.save(update_fields=[*set(fields), "updated"])


@transaction.atomic
def acknowledge(actor, grievance, *, note: str = ""):
    _may(actor, grievance)
    require_state(grievance, State.RECEIVED)
    grievance.state, grievance.acknowledged_at = State.ACKNOWLEDGED, timezone.now()
    _save(grievance, ["state", "acknowledged_at"])
    log(actor, "grievance.acknowledged", grievance, note=note)
    return grievance


@transaction.atomic
def ask(actor, grievance, *, text: str, is_question: bool = True) -> GrievanceMessage:
    """Write to the complainant (a question they answer by the case code, or news). The
    first message stops the acknowledge and respond clocks and puts the case under
    review."""
    _may(actor, grievance)
    require_state(grievance, *OPEN, State.RESOLVED)
    now = timezone.now()
    message = GrievanceMessage(grievance=grievance, author=Author.HANDLER, author_user=actor,
                               text=text, is_question=is_question, at=now)
    message.full_clean()
    message.save()
    changed = mark_responded(grievance, now) if grievance.state in OPEN else []
    if changed:
        _save(grievance, changed)
    log(actor, "grievance.question_asked", grievance,
        changes={"question": is_question})
    return message


@transaction.atomic
def assign(actor, grievance, user):
    """Give the case to a handler with no conflict of interest (for an appeal: not the
    handler of the appealed case)."""
    _may(actor, grievance)
    require_state(grievance, *OPEN, State.RESOLVED)
    if not access.eligible_handlers(grievance).filter(pk=user.pk).exists():
        raise ValidationError({"assigned_to": _(
            "This person may not handle this case (not a handler here, a conflict of "
            "interest, or the handler of the appealed case).")})
    grievance.assigned_to = user
    _save(grievance, ["assigned_to"])
    log(actor, "grievance.assigned", grievance, public=False,
        changes={"assigned_to": user.get_full_name() or user.get_username()})
    return grievance


@transaction.atomic
def resolve(actor, grievance, *, outcome: str, remedy: str = ""):
    """The answer: an outcome and (unless withdrawn or not upheld) the remedy."""
    _may(actor, grievance)
    require_state(grievance, *OPEN)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.REFERRED) and \
            not remedy.strip():
        raise ValidationError({"remedy": _("Say what will be done (the remedy), or where "
                                           "the case was referred.")})
    now = timezone.now()
    changed = mark_responded(grievance, now)
    grievance.state, grievance.outcome, grievance.remedy = State.RESOLVED, outcome, remedy
    grievance.resolved_at = now
    _save(grievance, [*changed, "state", "outcome", "remedy", "resolved_at"])
    log(actor, "grievance.resolved", grievance, changes={"outcome": outcome})
    return grievance


@transaction.atomic
def log_attempt(actor, grievance, *, channel: str, note: str = "") -> ClosureAttempt:
    """A logged attempt to reach the complainant about the answer."""
    _may(actor, grievance)
    require_state(grievance, State.RESOLVED)
    attempt = ClosureAttempt(grievance=grievance, channel=channel, note=note, by=actor,
                             at=timezone.now())
    attempt.full_clean()
    attempt.save()
    log(actor, "grievance.closure_attempted", grievance, public=False,
        changes={"channel": channel})
    return attempt


def attempts_needed(grievance) -> int:
    return (GrievanceSettings.objects.filter(partnership_id=grievance.partnership_id,
                                              platform_id=grievance.platform_id)
            .values_list("closure_attempts", flat=True).first() or DEFAULT_CLOSURE_ATTEMPTS)


@transaction.atomic
def close_after_attempts(actor, grievance):
    """Close a resolved case the complainant has not confirmed, once enough attempts to
    reach them are logged."""
    _may(actor, grievance)
    require_state(grievance, State.RESOLVED)
    needed = attempts_needed(grievance)
    if grievance.closure_attempts.count() < needed:
        raise ValidationError(_("Log at least %(count)s attempts to reach the complainant "
                                "before closing without their answer.") % {"count": needed})
    grievance.state, grievance.closure = State.CLOSED, Closure.ATTEMPTS
    grievance.closed_at = timezone.now()
    _save(grievance, ["state", "closure", "closed_at"])
    log(actor, "grievance.closed", grievance, changes={"closure": Closure.ATTEMPTS})
    return grievance


@transaction.atomic
def escalate(actor, grievance, *, to: str, reason: str):
    """Hand the case up: to the partnership's governance body or the platform secretariat
    (platform admins)."""
    _may(actor, grievance)
    require_state(grievance, *OPEN, State.RESOLVED)
    if to not in EscalatedTo.values:
        raise ValidationError({"to": _("Choose where to escalate the case.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is escalated.")})
    grievance.escalated_to, grievance.escalated_at = to, timezone.now()
    grievance.escalation_reason = reason
    _save(grievance, ["escalated_to", "escalated_at", "escalation_reason"])
    log(actor, "grievance.escalated", grievance, changes={"to": to})
    return grievance


@transaction.atomic
def attach_files(actor, grievance, *, files, note: str = "") -> list:
    """Keep files with the case (a site visit's photos, a letter, a report), under the
    evidence-file rules. They are the handlers' record: everyone who may see the case sees
    them, the complainant does not; the timeline names them."""
    _may(actor, grievance)
    require_state(grievance, *OPEN, State.RESOLVED)
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    check_files(grievance, files)
    kept = [attach(grievance, upload, from_complainant=False, actor=actor) for upload in files]
    names = ", ".join(stored.name for stored in kept)
    log(actor, "grievance.files_attached", grievance, public=False,
        note=f"{names}: {note}" if note.strip() else names, changes={"files": len(kept)})
    return kept
