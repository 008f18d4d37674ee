"""/api/v1/logbooks: the reflective log book. Only its broker, their mentor, its examiner
and platform admins reach it (404 for everyone else: partnering.brokers.access)."""

from datetime import date, datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Schema, Status
from ninja.errors import HttpError

from partnering.brokers import access
from partnering.brokers.api.common import router
from partnering.brokers.logbook import services
from partnering.brokers.logbook.citable import citable_events
from partnering.brokers.logbook.models import CitationKind
from partnering.brokers.logbook.pdf import logbook_pdf
from partnering.brokers.logbook.rubric import RUBRIC
from partnering.registry.models import Person
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, Payload, download, require_user


class CitationOut(Schema):
    id: int
    kind: str
    object_id: int
    partnership_id: int
    label: str
    event_date: date
    path: str


class AddendumOut(Schema):
    id: int
    text: str
    created: datetime


class LogCommentOut(Schema):
    id: int
    author_name: str
    role: str
    text: str
    created: datetime


class LogEntryOut(Schema):
    id: int
    week: date
    aims: str
    strategies: str
    happened: str
    reflection: str
    locked: bool
    submitted_at: datetime | None
    citations: list[CitationOut]
    addenda: list[AddendumOut]
    comments: list[LogCommentOut]


class LogMarkOut(Schema):
    criterion: str
    label: str
    maximum: int
    mark: int | None
    comment: str


class LogBookOut(Schema):
    id: int
    broker_id: int
    broker: str
    mentor_id: int | None
    examiner_id: int | None
    role: str
    entries: list[LogEntryOut]
    marks: list[LogMarkOut]


class LogBookIn(Payload):
    broker_id: int
    examiner_id: int | None = None


class LogBookPatch(Payload):
    examiner_id: int | None


class LogEntryIn(Payload):
    week: date = Field(..., description="Any day of the week (stored as its Monday)")
    aims: str = Field("", max_length=20000)
    strategies: str = Field("", max_length=20000)
    happened: str = Field("", max_length=20000)
    reflection: str = Field("", max_length=20000)


class LogEntryPatch(Payload):
    aims: str | None = Field(None, max_length=20000)
    strategies: str | None = Field(None, max_length=20000)
    happened: str | None = Field(None, max_length=20000)
    reflection: str | None = Field(None, max_length=20000)


class LogTextIn(Payload):
    text: str = Field(..., min_length=1, max_length=20000)


class CitationIn(Payload):
    kind: CitationKind
    object_id: int


class LogMarkIn(Payload):
    criterion: str = Field(..., max_length=40, description="A criterion of the rubric")
    mark: int = Field(..., ge=0, le=100)
    comment: str = Field("", max_length=20000)


class CitableEventOut(Schema):
    kind: str
    object_id: int
    partnership_id: int
    label: str
    event_date: date
    path: str


def entry_row(e) -> dict:
    return {"id": e.pk, "week": e.week, "aims": e.aims, "strategies": e.strategies,
            "happened": e.happened, "reflection": e.reflection, "locked": e.locked,
            "submitted_at": e.submitted_at,
            "citations": [{"id": c.pk, "kind": c.kind, "object_id": c.object_id,
                           "partnership_id": c.partnership_id, "label": c.label,
                           "event_date": c.event_date, "path": c.path}
                          for c in e.citations.all()],
            "addenda": [{"id": a.pk, "text": a.text, "created": a.created}
                        for a in e.addenda.all()],
            "comments": [{"id": c.pk, "author_name": c.author_name, "role": c.role,
                          "text": c.text, "created": c.created} for c in e.comments.all()]}


def logbook_row(book) -> dict:
    marks = {m.criterion: m for m in book.marks.all()}
    entries = book.entries.prefetch_related("citations", "addenda", "comments")
    return {"id": book.pk, "broker_id": book.broker_id, "broker": book.broker.person.name,
            "mentor_id": book.broker.mentor_id, "examiner_id": book.examiner_id,
            "role": getattr(book, "role", ""), "entries": [entry_row(e) for e in entries],
            "marks": [{"criterion": c.code, "label": str(c.label), "maximum": c.maximum,
                       "mark": marks[c.code].mark if c.code in marks else None,
                       "comment": marks[c.code].comment if c.code in marks else ""}
                      for c in RUBRIC]}


def _book(request, logbook_id: int):
    require_user(request)
    return access.logbook_or_404(request.user, logbook_id)


def _unlocked(call, *args, **kwargs):
    """A locked entry answers 409 with the reason (the service says to add an addendum)."""
    try:
        return call(*args, **kwargs)
    except services.Locked as error:
        raise HttpError(409, error.messages[0]) from error


@router.get("/logbooks", response={200: list[LogBookOut], **READ_ERRORS},
            summary="The log books you may read (yours, your mentees', those you examine)")
def list_logbooks(request):
    require_user(request)
    books = access.visible_logbooks(request.user).select_related("broker__person")
    rows = []
    for book in books.order_by("broker__person__name", "pk"):
        book.role = access.role_in(request.user, book)
        rows.append(logbook_row(book))
    return rows


@router.post("/logbooks", response={201: LogBookOut, **WRITE_ERRORS},
             summary="Open a log book (the broker, platform admins)")
def create_logbook(request, payload: LogBookIn):
    require_user(request)
    profile = access.profile_or_404(request.user, payload.broker_id)
    examiner = get_object_or_404(Person, pk=payload.examiner_id) if payload.examiner_id \
        else None
    book = services.open_logbook(request.user, profile, examiner=examiner)
    return Status(201, logbook_row(access.logbook_or_404(request.user, book.pk)))


@router.get("/logbooks/{logbook_id}", response={200: LogBookOut, **READ_ERRORS},
            summary="A log book with its entries, addenda, comments and marks")
def get_logbook(request, logbook_id: int):
    return logbook_row(_book(request, logbook_id))


@router.patch("/logbooks/{logbook_id}", response={200: LogBookOut, **WRITE_ERRORS},
              summary="Name the examiner (platform admins)")
def update_logbook(request, logbook_id: int, payload: LogBookPatch):
    book = _book(request, logbook_id)
    examiner = get_object_or_404(Person, pk=payload.examiner_id) if payload.examiner_id \
        else None
    services.set_examiner(request.user, book, examiner)
    return logbook_row(book)


@router.get("/logbooks/{logbook_id}/pdf", response=READ_ERRORS,
            summary="The whole log book as a PDF",
            openapi_extra=download("application/pdf", "The log book"))
def logbook_pdf_file(request, logbook_id: int):
    book = _book(request, logbook_id)
    response = HttpResponse(logbook_pdf(book), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="logbook-{book.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/logbooks/{logbook_id}/citable-events",
            response={200: list[CitableEventOut], **READ_ERRORS},
            summary="Events of the partnerships the broker brokers, which entries may cite")
def list_citable_events(request, logbook_id: int):
    book = _book(request, logbook_id)
    return [e.__dict__ for e in citable_events(book.broker)]


@router.post("/logbooks/{logbook_id}/entries", response={201: LogEntryOut, **WRITE_ERRORS},
             summary="Write a weekly entry (the broker)")
def create_entry(request, logbook_id: int, payload: LogEntryIn):
    book = _book(request, logbook_id)
    return Status(201, entry_row(services.write_entry(request.user, book, **payload.dict())))


@router.get("/logbooks/{logbook_id}/entries/{log_entry_id}",
            response={200: LogEntryOut, **READ_ERRORS}, summary="One entry")
def get_entry(request, logbook_id: int, log_entry_id: int):
    return entry_row(access.entry_or_404(_book(request, logbook_id), log_entry_id))


@router.patch("/logbooks/{logbook_id}/entries/{log_entry_id}",
              response={200: LogEntryOut, **WRITE_ERRORS},
              summary="Change a draft entry (the broker); a submitted entry is locked: 409")
def update_entry(request, logbook_id: int, log_entry_id: int, payload: LogEntryPatch):
    entry = access.entry_or_404(_book(request, logbook_id), log_entry_id)
    return entry_row(_unlocked(services.update_entry, request.user, entry,
                               **payload.dict(exclude_unset=True)))


@router.post("/logbooks/{logbook_id}/entries/{log_entry_id}/submit",
             response={200: LogEntryOut, **WRITE_ERRORS},
             summary="Submit an entry: it is locked from then on (the broker)")
def submit_entry(request, logbook_id: int, log_entry_id: int):
    entry = access.entry_or_404(_book(request, logbook_id), log_entry_id)
    return entry_row(_unlocked(services.submit_entry, request.user, entry))


@router.post("/logbooks/{logbook_id}/entries/{log_entry_id}/addenda",
             response={201: AddendumOut, **WRITE_ERRORS},
             summary="Add a later thought to a submitted entry (the broker)")
def add_addendum(request, logbook_id: int, log_entry_id: int, payload: LogTextIn):
    entry = access.entry_or_404(_book(request, logbook_id), log_entry_id)
    a = services.add_addendum(request.user, entry, text=payload.text)
    return Status(201, {"id": a.pk, "text": a.text, "created": a.created})


@router.post("/logbooks/{logbook_id}/entries/{log_entry_id}/citations",
             response={201: CitationOut, **WRITE_ERRORS},
             summary="Cite an event of a partnership the broker brokers (draft entries)")
def add_citation(request, logbook_id: int, log_entry_id: int, payload: CitationIn):
    entry = access.entry_or_404(_book(request, logbook_id), log_entry_id)
    c = _unlocked(services.cite, request.user, entry, kind=str(payload.kind.value),
                  object_id=payload.object_id)
    return Status(201, {"id": c.pk, "kind": c.kind, "object_id": c.object_id,
                        "partnership_id": c.partnership_id, "label": c.label,
                        "event_date": c.event_date, "path": c.path})


@router.delete("/logbooks/{logbook_id}/entries/{log_entry_id}/citations/{citation_id}",
               response={204: None, **WRITE_ERRORS}, summary="Remove a citation (drafts)")
def remove_citation(request, logbook_id: int, log_entry_id: int, citation_id: int):
    entry = access.entry_or_404(_book(request, logbook_id), log_entry_id)
    _unlocked(services.uncite, request.user, get_object_or_404(entry.citations, pk=citation_id))
    return Status(204, None)


@router.post("/logbooks/{logbook_id}/entries/{log_entry_id}/comments",
             response={201: LogCommentOut, **WRITE_ERRORS},
             summary="Comment on an entry (the mentor, the examiner)")
def add_logbook_comment(request, logbook_id: int, log_entry_id: int, payload: LogTextIn):
    entry = access.entry_or_404(_book(request, logbook_id), log_entry_id)
    c = services.comment(request.user, entry, text=payload.text)
    return Status(201, {"id": c.pk, "author_name": c.author_name, "role": c.role,
                        "text": c.text, "created": c.created})


@router.post("/logbooks/{logbook_id}/marks", response={200: LogMarkOut, **WRITE_ERRORS},
             summary="Mark the log book on one criterion of the rubric (the examiner)")
def put_mark(request, logbook_id: int, payload: LogMarkIn):
    book = _book(request, logbook_id)
    m = services.mark(request.user, book, criterion=payload.criterion, mark=payload.mark,
                      comment=payload.comment)
    label = next(c for c in RUBRIC if c.code == m.criterion)
    return {"criterion": m.criterion, "label": str(label.label), "maximum": label.maximum,
            "mark": m.mark, "comment": m.comment}
