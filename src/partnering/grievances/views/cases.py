"""Pages for handlers: the case page with its clocks and actions (attaching files among
them), staff entry of a grievance received in person, by phone, SMS or e-mail, and the
case's files. Every case is
reached through `grievances.access`: whoever may not see it gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.grievances import access, clocks, services
from partnering.grievances.forms import (
    AcknowledgeForm,
    AssignForm,
    AttachForm,
    AttemptForm,
    EntryForm,
    EscalateForm,
    MessageForm,
    ResolveForm,
)
from partnering.grievances.services.handling import attempts_needed
from partnering.grievances.views.shared import FILED_KEY, file_response, private
from partnering.viewhelpers import handle_form, show_errors, show_form_errors


def case(request, grievance_id: int):
    grievance = access.grievance_or_404(request.user, grievance_id)
    calendar = clocks.calendar_of(grievance)
    forms = {}
    if grievance.may_handle:
        forms = {"acknowledge": AcknowledgeForm(), "message": MessageForm(),
                 "resolve": ResolveForm(), "attempt": AttemptForm(),
                 "escalate": EscalateForm(), "attach": AttachForm(),
                 "assign": AssignForm(users=access.eligible_handlers(grievance))}
    return private(render(request, "grievances/case.html", {
        "case": grievance, "clocks": clocks.clocks_of(grievance, calendar),
        "messages_": grievance.messages.select_related("author_user"),
        "attachments": grievance.attachments.select_related("uploaded_by"),
        "attempts": grievance.closure_attempts.select_related("by"),
        "attempts_needed": attempts_needed(grievance),
        "events": grievance.events.select_related("actor"),
        "appeals": access.visible_grievances(request.user).filter(appeal_of=grievance),
        "forms": forms}))


@login_required
@require_http_methods(["GET", "POST"])
def enter(request, partnership_id: int):
    """Staff entry: a grievance received in person, by phone, SMS or e-mail."""
    partnership = access.partnership_or_404(request, partnership_id)
    if not access.may_enter(request.user, partnership):
        raise PermissionDenied
    form = EntryForm(request.POST or None, request.FILES or None, partnership=partnership)

    def service(**data):
        filed = services.file_grievance(partnership, actor=request.user,
                                        files=data.pop("files"), **data)
        request.session[FILED_KEY] = {"code": filed.grievance.code, "secret": filed.secret,
                                      "case_id": filed.grievance.pk}
        return filed

    return handle_form(request, form, service, message=_("Grievance entered."),
                       success="grievance_filed",
                       render_page=lambda form: private(render(
                           request, "grievances/enter.html",
                           {"partnership": partnership, "form": form})))


def attachment(request, grievance_id: int, grievance_attachment_id: int):
    """A case's file as a download (evidence-file headers), for whoever may see the case."""
    grievance = access.grievance_or_404(request.user, grievance_id)
    stored = get_object_or_404(grievance.attachments, pk=grievance_attachment_id)
    return file_response(stored)


def _act(request, grievance_id: int, form_class, run, message: str, form_kwargs=None):
    """One handler action from the case page: the form's errors or the service's refusal
    as messages, then back to the case."""
    grievance = access.grievance_or_404(request.user, grievance_id, handle=True)
    form = form_class(request.POST, request.FILES,
                      **(form_kwargs(grievance) if form_kwargs else {}))
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("grievance", grievance.pk)
    try:
        run(grievance, form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    else:
        messages.success(request, message)
    return redirect("grievance", grievance.pk)


@require_POST
def acknowledge(request, grievance_id: int):
    return _act(request, grievance_id, AcknowledgeForm, lambda g, d: services.acknowledge(
        request.user, g, note=d["note"]), _("Acknowledged."))


@require_POST
def message(request, grievance_id: int):
    return _act(request, grievance_id, MessageForm, lambda g, d: services.ask(
        request.user, g, text=d["text"], is_question=d["is_question"]),
        _("Sent: the complainant reads it with the case code."))


@require_POST
def attach(request, grievance_id: int):
    return _act(request, grievance_id, AttachForm, lambda g, d: services.attach_files(
        request.user, g, files=d["files"], note=d["note"]), _("Files attached."))


@require_POST
def resolve(request, grievance_id: int):
    return _act(request, grievance_id, ResolveForm, lambda g, d: services.resolve(
        request.user, g, outcome=d["outcome"], remedy=d["remedy"]), _("Resolved."))


@require_POST
def attempt(request, grievance_id: int):
    return _act(request, grievance_id, AttemptForm, lambda g, d: services.log_attempt(
        request.user, g, channel=d["channel"], note=d["note"]), _("Attempt logged."))


@require_POST
def close(request, grievance_id: int):
    return _act(request, grievance_id, AcknowledgeForm, lambda g, d: (
        services.close_after_attempts(request.user, g)), _("Closed."))


@require_POST
def escalate(request, grievance_id: int):
    return _act(request, grievance_id, EscalateForm, lambda g, d: services.escalate(
        request.user, g, to=d["to"], reason=d["reason"]), _("Escalated."))


@require_POST
def assign(request, grievance_id: int):
    return _act(request, grievance_id, AssignForm, lambda g, d: services.assign(
        request.user, g, d["user"]), _("Assigned."),
        form_kwargs=lambda g: {"users": access.eligible_handlers(g)})
