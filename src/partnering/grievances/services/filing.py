"""Filing a grievance (public form or staff entry) and what the complainant does with the
case code and secret: reply to questions, confirm the answer, appeal."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.grievances import access, clocks, codes
from partnering.grievances.models import Grievance, GrievanceAttachment, GrievanceMessage
from partnering.grievances.services.common import log, require_state
from partnering.grievances.vocabulary import (
    Author,
    Category,
    Channel,
    Closure,
    Severity,
    State,
)
from partnering.guards import require
from partnering.monitoring.measurements.evidence import check_upload

MAX_ATTACHMENTS = 5  # at a time
MAX_CASE_FILES = MAX_ATTACHMENTS * 4


@dataclass(frozen=True)
class Filed:
    """A new case and its secret: shown once to the complainant, never stored."""

    grievance: Grievance
    secret: str


def _clean(data: dict) -> dict:
    """Safeguarding is always restricted and answered first; anonymous keeps no identity."""
    data = dict(data)
    if data.get("category") == Category.SAFEGUARDING:
        data["restricted"] = True
        data["severity"] = Severity.SAFEGUARDING
    if data.get("anonymous"):
        data["complainant_name"] = data["complainant_contact"] = ""
    return data


def _set_clocks(grievance: Grievance) -> None:
    calendar = clocks.calendar_of(grievance)
    days = clocks.service_levels(grievance.partnership_id,
                                 platform=grievance.platform_id)[grievance.severity]
    for clock, due in clocks.due_dates(calendar, grievance.received_at, days).items():
        setattr(grievance, f"{clock}_due", due)


def _save_new(grievance: Grievance) -> str:
    """Save with a fresh code (retried on the rare collision); the secret."""
    secret = codes.new_secret()
    grievance.secret_hash = grievance.secret_hash or codes.hash_secret(secret)
    for _attempt in range(5):
        grievance.code = codes.new_code()
        try:
            with transaction.atomic():
                grievance.save()
            return secret
        except IntegrityError:
            if Grievance.objects.filter(code=grievance.code).exists():
                continue
            raise
    raise RuntimeError("could not find a free case code")


@transaction.atomic
def file_grievance(partnership=None, *, platform=None, actor=None,
                   channel: str = Channel.WEB, files=(), by_mail: bool = False,
                   **data) -> Filed:
    """A new case about a partnership or (`platform`) a platform. From the public form
    (`actor` None or any visitor, channel web), by e-mail to the intake address (`by_mail`,
    `grievances.intake_mail`) or entered by a handler with its channel (phone, SMS, in
    person, e-mail)."""
    staff_entry = channel != Channel.WEB and not by_mail
    require(not staff_entry or access.may_enter(actor, platform or partnership),
            _("Only the partnership's grievance handlers may enter a grievance."))
    grievance = Grievance(partnership=partnership, platform=platform, channel=channel,
                          received_at=timezone.now(),
                          entered_by=actor if staff_entry else None, **_clean(data))
    grievance.full_clean(exclude=["code", "secret_hash"])
    _set_clocks(grievance)
    secret = _save_new(grievance)
    check_files(grievance, files)
    for upload in files:
        attach(grievance, upload, from_complainant=True, actor=actor if staff_entry else None)
    log(actor if staff_entry else None, "grievance.received", grievance,
        changes={"channel": channel, "category": grievance.category,
                 "severity": grievance.severity})
    return Filed(grievance, secret)


def _checked_name(upload) -> str:
    try:
        return check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"files": error.message_dict["evidence_file"]}) from error


def check_files(grievance, files) -> None:
    """Refuse the lot before any file is stored: more than five at a time, too many for
    the case, or one the evidence-file rules refuse (type, size, content). The pages and
    the API give their files here."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"files": _("Attach at most %(count)s files.") % {
            "count": MAX_ATTACHMENTS}})
    if grievance.attachments.count() + len(files) > MAX_CASE_FILES:
        raise ValidationError({"files": _("This case has as many files as it can take.")})
    for upload in files:
        _checked_name(upload)


def attach(grievance, upload, *, from_complainant: bool, actor=None,
           message=None) -> GrievanceAttachment:
    """Keep one file with the case, if the evidence-file rules accept it."""
    if grievance.attachments.count() >= MAX_CASE_FILES:
        raise ValidationError({"files": _("This case has as many files as it can take.")})
    name = _checked_name(upload)
    attachment = GrievanceAttachment(
        grievance=grievance, message=message, name=name, size=upload.size,
        from_complainant=from_complainant, at=timezone.now(),
        uploaded_by=actor if actor is not None and actor.is_authenticated else None)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


def find_case(code: str, secret: str) -> Grievance | None:
    """The case with this code if `secret` is its secret, else None (the same for an
    unknown code and a wrong secret, and as long). The caller checks the rate limit."""
    canonical = codes.normalise_code(code)
    grievance = (Grievance.objects.select_related("partnership", "platform").filter(
        code=canonical)
                 .first() if canonical else None)
    stored = grievance.secret_hash if grievance else None
    if not codes.secret_matches(stored, secret):
        return None
    return grievance


@transaction.atomic
def complainant_reply(grievance, *, text: str, files=()) -> GrievanceMessage:
    require_state(grievance, State.RECEIVED, State.ACKNOWLEDGED, State.UNDER_REVIEW,
                  State.RESOLVED)
    message = GrievanceMessage(grievance=grievance, author=Author.COMPLAINANT,
                               text=text, at=timezone.now())
    message.full_clean()
    check_files(grievance, files)
    message.save()
    for upload in files:
        attach(grievance, upload, from_complainant=True, message=message)
    log(None, "grievance.replied", grievance)
    if files:
        log(None, "grievance.files_attached", grievance,
            note=", ".join(upload.name for upload in files), changes={"files": len(files)})
    return message


@transaction.atomic
def confirm_closure(grievance) -> Grievance:
    """The complainant accepts the answer: the case closes."""
    require_state(grievance, State.RESOLVED)
    grievance.state, grievance.closure = State.CLOSED, Closure.CONFIRMED
    grievance.closed_at = timezone.now()
    grievance.save(update_fields=["state", "closure", "closed_at", "updated"])
    log(None, "grievance.closed", grievance, changes={"closure": Closure.CONFIRMED})
    return grievance


@transaction.atomic
def appeal(grievance, *, reason: str) -> Grievance:
    """The complainant appeals the answer: a linked case, followed with the same secret
    under its own code, that someone other than the first handler must handle."""
    require_state(grievance, State.RESOLVED, State.CLOSED)
    if grievance.appeals.exists():
        raise ValidationError(_("This case has already been appealed."))
    copied = {name: getattr(grievance, name) for name in (
        "partnership", "platform", "about_organisation", "category", "severity", "language",
        "anonymous", "complainant_name", "complainant_contact", "restricted", "secret_hash")}
    case = Grievance(appeal_of=grievance, channel=Channel.WEB, received_at=timezone.now(),
                     description=reason, **copied)
    case.full_clean(exclude=["code", "secret_hash"])
    _set_clocks(case)
    _save_new(case)
    log(None, "grievance.appealed", grievance, changes={"appeal": case.code})
    log(None, "grievance.received", case, changes={"appeal_of": grievance.code})
    return case
