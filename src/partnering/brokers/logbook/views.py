"""The log book's pages: the book with its entries (its readers only: the broker, their
mentor, its examiner, platform admins; 404 for everyone else), writing and submitting an
entry, addenda, citations, comments, marks, and the PDF. Anonymous visitors get 404 too
(never a sign-in redirect, which would tell them the log book exists)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.brokers import access
from partnering.brokers.forms import CiteForm, EntryForm, MarkForm, TextForm
from partnering.brokers.logbook import services
from partnering.brokers.logbook.citable import citable_events
from partnering.brokers.logbook.pdf import logbook_pdf
from partnering.brokers.logbook.rubric import RUBRIC, TOTAL
from partnering.viewhelpers import act, handle_form, show_form_errors


def _book(request, logbook_id: int):
    if not request.user.is_authenticated:
        raise Http404
    return access.logbook_or_404(request.user, logbook_id)


def _entry_url(book, entry) -> str:
    return reverse("logbook_entry", args=[book.pk, entry.pk])


def logbook_page(request, logbook_id: int):
    book = _book(request, logbook_id)
    marks = {m.criterion: m for m in book.marks.all()}
    return render(request, "brokers/logbook.html", {
        "book": book, "entries": book.entries.prefetch_related("addenda", "comments",
                                                               "citations"),
        "rubric": [(c, marks.get(c.code)) for c in RUBRIC], "total": TOTAL,
        "marked": sum(m.mark for m in marks.values()),
        "entry_form": EntryForm() if book.role == "broker" else None,
        "mark_form": MarkForm() if book.role in ("examiner", "admin") else None})


@login_required
@require_POST
def logbook_open(request, broker_profile_id: int):
    profile = access.profile_or_404(request.user, broker_profile_id)
    back = reverse("broker_profile", args=[profile.pk])
    return act(request, services.open_logbook, request.user, profile,
               message=_("Your log book is open."), back=back)


@require_POST
def entry_create(request, logbook_id: int):
    book = _book(request, logbook_id)
    form = EntryForm(request.POST)
    return handle_form(request, form, services.write_entry, request.user, book,
                       message=_("Entry saved as a draft."),
                       success=lambda entry: _entry_url(book, entry),
                       render_page=lambda f: render(request, "brokers/logbook.html", {
                           "book": book, "entries": book.entries.all(), "rubric": [],
                           "entry_form": f}))


def entry_page(request, logbook_id: int, log_entry_id: int):
    book = _book(request, logbook_id)
    entry = access.entry_or_404(book, log_entry_id)
    editable = book.role == "broker" and not entry.locked
    form = EntryForm(request.POST or None, initial={
        "week": entry.week, "aims": entry.aims, "strategies": entry.strategies,
        "happened": entry.happened, "reflection": entry.reflection}) if editable else None
    if form is not None and request.method == "POST":
        return handle_form(request, form, _update(entry), request.user,
                           message=_("Entry saved."), success=_entry_url(book, entry),
                           render_page=lambda f: _entry_render(request, book, entry, f))
    return _entry_render(request, book, entry, form)


def _update(entry):
    def update(actor, week=None, **texts):
        return services.update_entry(actor, entry, **texts)
    return update


def _entry_render(request, book, entry, form):
    editable = book.role == "broker" and not entry.locked
    return render(request, "brokers/entry.html", {
        "book": book, "entry": entry, "form": form,
        "cite_form": CiteForm(events=citable_events(book.broker)) if editable else None,
        "addendum_form": TextForm() if book.role == "broker" and entry.locked else None,
        "comment_form": TextForm() if book.role in ("mentor", "examiner", "admin") else None})


def _entry_action(request, logbook_id, log_entry_id):
    book = _book(request, logbook_id)
    entry = access.entry_or_404(book, log_entry_id)
    return book, entry, _entry_url(book, entry)


@require_POST
def entry_submit(request, logbook_id: int, log_entry_id: int):
    _book_, entry, back = _entry_action(request, logbook_id, log_entry_id)
    return act(request, services.submit_entry, request.user, entry,
               message=_("Entry submitted: it is locked from now on."), back=back)


def _text_action(request, logbook_id, log_entry_id, service, message):
    _book_, entry, back = _entry_action(request, logbook_id, log_entry_id)
    form = TextForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    return act(request, service, request.user, entry, message=message, back=back,
               text=form.cleaned_data["text"])


@require_POST
def entry_addendum(request, logbook_id: int, log_entry_id: int):
    return _text_action(request, logbook_id, log_entry_id, services.add_addendum,
                        _("Addendum added."))


@require_POST
def entry_comment(request, logbook_id: int, log_entry_id: int):
    return _text_action(request, logbook_id, log_entry_id, services.comment,
                        _("Comment added."))


@require_POST
def entry_cite(request, logbook_id: int, log_entry_id: int):
    book, entry, back = _entry_action(request, logbook_id, log_entry_id)
    kind, _sep, object_id = request.POST.get("event", "").partition(":")
    if not object_id.isdigit():
        return redirect(back)
    return act(request, services.cite, request.user, entry, kind=kind,
               object_id=int(object_id), message=_("Event cited."), back=back)


@require_POST
def citation_remove(request, logbook_id: int, log_entry_id: int, citation_id: int):
    _book_, entry, back = _entry_action(request, logbook_id, log_entry_id)
    citation = get_object_or_404(entry.citations, pk=citation_id)
    return act(request, services.uncite, request.user, citation,
               message=_("Citation removed."), back=back)


@require_POST
def logbook_mark(request, logbook_id: int):
    book = _book(request, logbook_id)
    back = reverse("logbook", args=[book.pk])
    form = MarkForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    return act(request, services.mark, request.user, book, message=_("Mark saved."),
               back=back, **form.cleaned_data)


def logbook_download(request, logbook_id: int):
    book = _book(request, logbook_id)
    response = HttpResponse(logbook_pdf(book), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="logbook-{book.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
