"""Writes of the reflective log book. Only the broker writes entries, cites events and adds
addenda; a submitted entry is locked for good (an edit is refused, saying to add an
addendum); the mentor and the examiner comment; the examiner marks against the rubric.
Audit events name what happened, never what was written (the log book is private)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.brokers.access import can_edit_profile, role_in
from partnering.brokers.logbook.citable import citable_event
from partnering.brokers.logbook.models import (
    Addendum,
    Citation,
    LogBook,
    LogComment,
    LogEntry,
    Mark,
)
from partnering.brokers.logbook.rubric import CRITERIA
from partnering.formats import local_datetime
from partnering.guards import require

ENTRY_FIELDS = ["aims", "strategies", "happened", "reflection"]


def _role(actor, logbook: LogBook) -> str:
    """The actor's role in the log book; 404 (as for a page) for anyone else."""
    if not actor.is_authenticated:
        raise Http404
    return role_in(actor, logbook)


def _require_broker(actor, logbook: LogBook) -> None:
    require(_role(actor, logbook) == "broker", _("Only the broker writes in their log book."))


def monday(day):
    return day - timedelta(days=day.weekday())


@transaction.atomic
def open_logbook(actor, profile, *, examiner=None) -> LogBook:
    """The broker (or an admin) opens the log book when accreditation starts."""
    require(can_edit_profile(actor, profile))
    if LogBook.objects.filter(broker=profile).exists():
        raise ValidationError(_("This broker already keeps a log book."))
    if examiner is not None and not actor.is_superuser:
        raise ValidationError({"examiner": _("The examiner is named by a platform admin.")})
    logbook = LogBook.objects.create(broker=profile, examiner=examiner)
    record(actor, "create", logbook, summary=f"{profile.person} opened a log book")
    return logbook


@transaction.atomic
def set_examiner(actor, logbook: LogBook, examiner) -> LogBook:
    require(actor.is_authenticated and actor.is_superuser,
            _("Only platform admins name the examiner."))
    if examiner is not None and examiner.pk == logbook.broker.person_id:
        raise ValidationError({"examiner": _("A broker cannot examine their own log book.")})
    logbook.examiner = examiner
    logbook.save(update_fields=["examiner"])
    record(actor, "update", logbook, summary=f"Examiner of {logbook.broker.person}'s log book")
    return logbook


@transaction.atomic
def write_entry(actor, logbook: LogBook, *, week, **texts) -> LogEntry:
    _require_broker(actor, logbook)
    entry = LogEntry(logbook=logbook, week=monday(week),
                     **{k: (v or "").strip() for k, v in texts.items() if k in ENTRY_FIELDS})
    entry.full_clean()
    entry.save()
    record(actor, "create", entry, summary="Log book entry written")
    return entry


class Locked(ValidationError):
    """A change to a submitted entry: refused, with the way to add a later thought."""


def _refuse_locked(entry: LogEntry) -> None:
    if entry.locked:
        raise Locked(
            _("This entry was submitted on %(when)s and is locked: a log book is not "
              "modified in the light of hindsight. Add an addendum instead.")
            % {"when": local_datetime(entry.submitted_at)}, code="locked")


def _current(entry: LogEntry) -> LogEntry:
    """The entry with its lock read again under a row lock (two tabs cannot both edit and
    submit)."""
    entry.submitted_at = LogEntry.objects.select_for_update().filter(pk=entry.pk).values_list(
        "submitted_at", flat=True).get()
    return entry


@transaction.atomic
def update_entry(actor, entry: LogEntry, **texts) -> LogEntry:
    _require_broker(actor, entry.logbook)
    _refuse_locked(_current(entry))
    for name, value in texts.items():
        if name in ENTRY_FIELDS and value is not None:
            setattr(entry, name, value.strip())
    entry.full_clean()
    entry.save()
    record(actor, "update", entry, summary="Log book entry changed")
    return entry


@transaction.atomic
def submit_entry(actor, entry: LogEntry) -> LogEntry:
    _require_broker(actor, entry.logbook)
    _refuse_locked(_current(entry))
    if not any(getattr(entry, name).strip() for name in ENTRY_FIELDS):
        raise ValidationError(_("Write something before submitting the entry."))
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["submitted_at"])
    record(actor, "update", entry, summary="Log book entry submitted and locked")
    return entry


@transaction.atomic
def add_addendum(actor, entry: LogEntry, *, text: str) -> Addendum:
    _require_broker(actor, entry.logbook)
    if not _current(entry).locked:
        raise ValidationError(_("The entry is still a draft: change it instead of adding an "
                                "addendum."))
    addendum = Addendum(entry=entry, text=(text or "").strip())
    addendum.full_clean()
    addendum.save()
    record(actor, "create", addendum, summary="Addendum to a log book entry")
    return addendum


@transaction.atomic
def cite(actor, entry: LogEntry, *, kind: str, object_id: int) -> Citation:
    _require_broker(actor, entry.logbook)
    _refuse_locked(entry)
    event = citable_event(entry.logbook.broker, kind, object_id)
    if entry.citations.filter(kind=kind, object_id=object_id).exists():
        raise ValidationError(_("The entry already cites that event."))
    citation = Citation.objects.create(
        entry=entry, partnership_id=event.partnership_id, kind=event.kind,
        object_id=event.object_id, label=event.label, event_date=event.event_date,
        path=event.path)
    record(actor, "create", citation, summary="Log book entry cites an event")
    return citation


@transaction.atomic
def uncite(actor, citation: Citation) -> None:
    _require_broker(actor, citation.entry.logbook)
    _refuse_locked(citation.entry)
    record(actor, "delete", citation, summary="Citation removed from a log book entry")
    citation.delete()


@transaction.atomic
def comment(actor, entry: LogEntry, *, text: str) -> LogComment:
    role = _role(actor, entry.logbook)
    require(role in ("mentor", "examiner", "admin"),
            _("The mentor and the examiner comment; the broker adds addenda."))
    note = LogComment(entry=entry, author=actor, role=role, text=(text or "").strip(),
                      author_name=actor.get_full_name() or actor.get_username())
    note.full_clean()
    note.save()
    record(actor, "create", note, summary=f"The {role} commented on a log book entry")
    return note


@transaction.atomic
def mark(actor, logbook: LogBook, *, criterion: str, mark: int, comment: str = "") -> Mark:
    require(_role(actor, logbook) in ("examiner", "admin"),
            _("Only the examiner marks the log book."))
    if criterion not in CRITERIA:
        raise ValidationError({"criterion": _("Unknown criterion.")})
    maximum = CRITERIA[criterion].maximum
    if not 0 <= int(mark) <= maximum:
        raise ValidationError({"mark": _("Give a mark from 0 to %(max)s.") % {"max": maximum}})
    row, _created = Mark.objects.update_or_create(
        logbook=logbook, criterion=criterion,
        defaults={"mark": int(mark), "comment": (comment or "").strip(), "examiner": actor})
    record(actor, "update", row, summary=f"Log book marked on {criterion}")
    return row
