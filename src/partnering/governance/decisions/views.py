"""Pages for decisions (proposals, positions, comments, the decision log) and shared
accountability (actions: what we owe, what others owe, overdue)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor
from partnering.governance.decisions import queries, services
from partnering.governance.decisions.forms import (
    ActionForm,
    ActionStatusForm,
    CloseForm,
    CommentForm,
    PositionForm,
    ProposalForm,
    WithdrawForm,
)
from partnering.governance.vocabulary import ActionStatus, ProposalStatus
from partnering.partnerships.access import visible_partnership
from partnering.registry.models import Organisation
from partnering.viewhelpers import apply_errors

PAGE_SIZE = 25
REMINDER_HOURS = 48




def _proposal(request, partnership_id: int, proposal_id: int):
    partnership = visible_partnership(request, partnership_id)
    proposal = get_object_or_404(partnership.proposals, pk=proposal_id)
    proposal.partnership = partnership
    return partnership, proposal


def _action(request, partnership_id: int, action_id: int):
    partnership = visible_partnership(request, partnership_id)
    action = get_object_or_404(partnership.actions.select_related(
        "owner_organisation", "owner_person", "decision__proposal", "meeting"), pk=action_id)
    action.partnership = partnership
    return partnership, action


def _failed(request, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _form_failed(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


# --- Decisions ----------------------------------------------------------------------------

def decisions(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    access = partnership.access
    open_rows = list(queries.proposal_rows(partnership,
                                           queries.open_proposals(partnership))[:100])
    soon = timezone.now() + dt.timedelta(hours=REMINDER_HOURS)
    log = Paginator(queries.decision_rows(partnership), PAGE_SIZE).get_page(
        request.GET.get("page"))
    withdrawn = list(queries.proposal_rows(partnership, partnership.proposals.filter(
        status=ProposalStatus.WITHDRAWN))[:20])
    return render(request, "governance/decisions.html", {
        "partnership": partnership, "access": access, "open": open_rows,
        "reminders": [row for row in open_rows
                      if row["accepting_positions"] and row["closes_at"] <= soon],
        "ready": [row for row in open_rows if row["ready_to_close"]],
        "reminder_hours": REMINDER_HOURS, "log": log, "withdrawn": withdrawn,
        "can_propose": access.can_contribute and partnership.is_active,
        "today": timezone.localdate(),
    })


def _proposer_choices(request, partnership):
    access = partnership.access
    members = partnership.memberships.values("organisation_id")
    if access.is_admin or access.is_broker:
        return Organisation.objects.filter(pk__in=members)
    own = services.own_organisations(request.user, partnership)
    return Organisation.objects.filter(pk__in=members).filter(pk__in=own)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    if not partnership.access.can_contribute:
        raise PermissionDenied
    current = services.rule_in_force(partnership)
    form = ProposalForm(request.POST or None, partnership=partnership,
                        organisations=_proposer_choices(request, partnership),
                        notice_days=current.notice_days,
                        initial={"meeting": request.GET.get("meeting")}
                        if request.GET.get("meeting", "").isdigit() else None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(request.user, partnership,
                                                **form.service_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Proposal made. Members with a mandate can now take "
                                      "their positions.")
            return redirect("proposal", partnership.pk, proposal.pk)
    return render(request, "governance/proposal_form.html", {
        "partnership": partnership, "access": partnership.access, "form": form,
        "rule_in_force": current, "members": queries.voting_members(partnership),
    })


def proposal_detail(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    access = partnership.access
    row = queries.first(queries.proposal_rows(partnership,
                                              partnership.proposals.filter(pk=proposal.pk)))
    members = queries.voting_members(partnership)
    table = queries.position_table(proposal, members)
    active = partnership.is_active
    names = {m["organisation_id"]: m["name"] for m in members}
    mine = [(org, names[org]) for org in services.mandated_organisations(request.user,
                                                                          partnership)
            if org in names] if row["accepting_positions"] and active else []
    position_form = None
    if mine:
        current = next((r["position"] for r in table
                        if r["organisation_id"] == mine[0][0] and r["position"]), None)
        if current and current["option"] in proposal.options:
            current["option_index"] = proposal.options.index(current["option"])
        position_form = PositionForm(proposal=proposal, organisations=mine,
                                     initial=PositionForm.initial_for(current))
    decision = queries.first(queries.decision_rows(
        partnership, partnership.decisions.filter(proposal=proposal)))
    return render(request, "governance/proposal_detail.html", {
        "partnership": partnership, "access": access, "proposal": row, "table": table,
        "comments": list(queries.comment_rows(proposal)[:200]),
        "position_form": position_form, "mine": mine,
        "comment_form": CommentForm() if access.can_contribute and active else None,
        "close_form": CloseForm() if access.can_manage and active and row["ready_to_close"]
        else None,
        "withdraw_form": WithdrawForm() if access.can_manage and active
        and row["status"] == ProposalStatus.OPEN else None,
        "decision": decision,
        "actions": list(queries.action_rows(partnership.actions.filter(
            decision__proposal=proposal))[:100]) if decision else [],
        "can_add_action": bool(decision) and access.can_contribute and active,
        "history": for_visitor(AuditEvent.objects.for_object(proposal)[:20],
                               member=access.can_contribute),
    })


@login_required
@require_POST
def proposal_position(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    orgs = dict(partnership.memberships.values_list("organisation_id", "organisation__name"))
    form = PositionForm(request.POST, proposal=proposal, organisations=list(orgs.items()))
    if not form.is_valid():
        _form_failed(request, form)
        return redirect("proposal", partnership.pk, proposal.pk)
    organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    try:
        services.take_position(request.user, proposal, organisation=organisation,
                               **form.service_data())
    except ValidationError as error:
        _failed(request, error)
    else:
        messages.success(request, f"Position of {organisation} recorded.")
    return redirect("proposal", partnership.pk, proposal.pk)


@login_required
@require_POST
def proposal_comment(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        _form_failed(request, form)
        return redirect("proposal", partnership.pk, proposal.pk)
    try:
        services.add_comment(request.user, proposal, **form.cleaned_data)
    except ValidationError as error:
        _failed(request, error)
    else:
        messages.success(request, "Comment added.")
    return redirect(f"/partnerships/{partnership.pk}/proposals/{proposal.pk}/#comments")


@login_required
@require_POST
def proposal_close(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = CloseForm(request.POST)
    if not form.is_valid():
        _form_failed(request, form)
        return redirect("proposal", partnership.pk, proposal.pk)
    try:
        decision = services.close_proposal(request.user, proposal, **form.cleaned_data)
    except ValidationError as error:
        _failed(request, error)
    else:
        messages.success(request, f"Decided: {decision.get_outcome_display()}.")
    return redirect("proposal", partnership.pk, proposal.pk)


@login_required
@require_POST
def proposal_withdraw(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        _failed(request, ValidationError("Say why the proposal is withdrawn."))
        return redirect("proposal", partnership.pk, proposal.pk)
    try:
        services.withdraw_proposal(request.user, proposal, **form.cleaned_data)
    except ValidationError as error:
        _failed(request, error)
    else:
        messages.success(request, "Proposal withdrawn.")
    return redirect("proposal", partnership.pk, proposal.pk)


# --- Actions ------------------------------------------------------------------------------

def _my_person_id(user):
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.pk if person else None


def actions(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    access = partnership.access
    own = services.own_organisations(request.user, partnership)
    we_owe, others_owe = queries.owed(partnership, own)
    status = request.GET.get("status", "")
    status = status if status in ActionStatus.values else ""
    owner = request.GET.get("owner", "")
    owner_id = int(owner) if owner.isdigit() and len(owner) < 12 else None
    everything = Paginator(queries.action_rows(queries.action_list(
        partnership, status=status, owner=owner_id)), PAGE_SIZE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    active = partnership.is_active
    form = ActionForm(partnership=partnership, initial=_action_initial(request)) \
        if access.can_contribute and active else None
    return render(request, "governance/actions.html", {
        "partnership": partnership, "access": access, "own": own,
        "own_names": sorted(partnership.memberships.filter(organisation_id__in=own)
                            .values_list("organisation__name", flat=True)),
        "we_owe": list(we_owe[:100]), "others_owe": list(others_owe[:100]),
        "overdue": queries.overdue_by_owner(partnership), "page": everything,
        "query": query.urlencode(), "status": status, "owner": owner_id,
        "statuses": ActionStatus.choices,
        "owners": list(partnership.memberships.order_by("organisation__name").values_list(
            "organisation_id", "organisation__name")),
        "form": form, "my_person_id": _my_person_id(request.user),
        "can_manage": access.can_manage and active, "active": active,
        "today": timezone.localdate(),
    })


def _action_initial(request) -> dict:
    initial = {}
    for name in ("decision", "meeting"):
        value = request.GET.get(name, "")
        if value.isdigit() and len(value) < 12:
            initial[name] = int(value)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    if not partnership.access.can_contribute:
        raise PermissionDenied
    form = ActionForm(request.POST or None, partnership=partnership,
                      initial=_action_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.create_action(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Action recorded: {action.owner_organisation} owes "
                                      f"“{action.title}” by {action.due_date:%d %b %Y}.")
            return redirect("action", partnership.pk, action.pk)
    return render(request, "governance/action_form.html", {
        "partnership": partnership, "access": partnership.access, "form": form,
        "action": None,
    })


def action_detail(request, partnership_id: int, action_id: int):
    partnership, action = _action(request, partnership_id, action_id)
    access = partnership.access
    active = partnership.is_active
    may_update = active and (access.can_manage or services.is_owner(request.user, action))
    return render(request, "governance/action_detail.html", {
        "partnership": partnership, "access": access, "action": action,
        "is_overdue": action.status in queries.OUTSTANDING
        and action.due_date < timezone.localdate(),
        "status_form": ActionStatusForm(initial={"status": action.status})
        if may_update else None,
        "can_manage": access.can_manage and active,
        "history": for_visitor(AuditEvent.objects.for_object(action)[:20],
                               member=partnership.access.can_contribute),
    })


@login_required
@require_POST
def action_status(request, partnership_id: int, action_id: int):
    partnership, action = _action(request, partnership_id, action_id)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        _form_failed(request, form)
    else:
        try:
            services.update_action(request.user, action, status=form.cleaned_data["status"])
        except ValidationError as error:
            _failed(request, error)
        else:
            messages.success(request, f"“{action.title}”: {action.get_status_display()}.")
    target = request.POST.get("next", "")
    if target == "actions":
        return redirect("actions", partnership.pk)
    return redirect("action", partnership.pk, action.pk)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, partnership_id: int, action_id: int):
    partnership, action = _action(request, partnership_id, action_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = ActionForm(request.POST or None, partnership=partnership,
                      initial=ActionForm.initial_for(action))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(request.user, action, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("action", partnership.pk, action.pk)
    return render(request, "governance/action_form.html", {
        "partnership": partnership, "access": partnership.access, "form": form,
        "action": action,
    })


@login_required
@require_POST
def action_delete(request, partnership_id: int, action_id: int):
    partnership, action = _action(request, partnership_id, action_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    try:
        services.delete_action(request.user, action)
    except ValidationError as error:
        _failed(request, error)
        return redirect("action", partnership.pk, action.pk)
    messages.success(request, "Action deleted.")
    return redirect("actions", partnership.pk)
