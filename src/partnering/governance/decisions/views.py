"""Pages for decisions (proposals, positions, comments, the decision log) and shared
accountability (actions: what we owe, what others owe, overdue)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor
from partnering.formats import local_date
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
from partnering.governance.decisions.members import mandated_organisations, own_organisations
from partnering.governance.vocabulary import ActionStatus, ProposalStatus
from partnering.guards import require
from partnering.kept import kept, original
from partnering.kept import render as kept_render
from partnering.partnerships.access import partnership_or_404
from partnering.registry.models import Organisation
from partnering.viewhelpers import act, handle_form, show_errors, show_form_errors

PAGE_SIZE = 25
REMINDER_HOURS = 48
STATUS_LABELS = dict(ActionStatus.choices)


def _proposal(request, partnership_id: int, proposal_id: int, need: str = "view"):
    partnership = partnership_or_404(request, partnership_id, need)
    proposal = get_object_or_404(partnership.proposals, pk=proposal_id)
    proposal.partnership = partnership
    return partnership, proposal


def _action(request, partnership_id: int, action_id: int, need: str = "view"):
    partnership = partnership_or_404(request, partnership_id, need)
    action = get_object_or_404(partnership.actions.select_related(
        "owner_organisation", "owner_person", "decision__proposal", "meeting"), pk=action_id)
    action.partnership = partnership
    return partnership, action


def _proposal_url(proposal, anchor: str = "") -> str:
    return reverse("proposal", args=[proposal.partnership_id, proposal.pk]) + anchor


# --- Decisions ----------------------------------------------------------------------------

def decisions(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    access = partnership.access
    number = request.GET.get("page", "")[:12]
    body = kept("decisions", partnership.pk, number, access.can_manage, original(request),
                build=lambda: _decisions_body(request, partnership, number, access.can_manage))
    return render(request, "governance/decisions.html", {
        "partnership": partnership, "access": access, "body": body,
        "can_propose": access.can_contribute and partnership.is_active,
    })


def _decisions_body(request, partnership, number: str, can_manage: bool):
    """The page's lists, the same for every reader who may see the partnership (and may
    or may not steer it), and until when they hold by the clock."""
    shared = {}  # the members and agreed versions, read once for the three lists
    open_rows = queries.listed_proposal_rows(partnership, ProposalStatus.OPEN, shared)
    now = timezone.now()
    soon = now + dt.timedelta(hours=REMINDER_HOURS)
    log = Paginator(queries.decision_rows(partnership, shared=shared), PAGE_SIZE).get_page(
        number)
    html = kept_render(
        "governance/_decisions_body.html", request=request, partnership=partnership,
        open=open_rows, log=log, can_manage=can_manage, reminder_hours=REMINDER_HOURS,
        withdrawn=queries.listed_proposal_rows(partnership, ProposalStatus.WITHDRAWN, shared),
        reminders=[row for row in open_rows
                   if row["accepting_positions"] and row["closes_at"] <= soon],
        ready=[row for row in open_rows if row["ready_to_close"]],
        today=timezone.localdate())
    # A proposal enters the reminders 48 hours before it closes, and closes.
    turns = [moment for row in open_rows for moment in (
        row["closes_at"] - dt.timedelta(hours=REMINDER_HOURS), row["closes_at"])
        if moment > now]
    return html, min(turns, default=None)


def _proposer_choices(request, partnership):
    access = partnership.access
    members = partnership.memberships.values("organisation_id")
    if access.is_admin or access.is_broker:
        return Organisation.objects.filter(pk__in=members)
    own = own_organisations(request.user, partnership)
    return Organisation.objects.filter(pk__in=members).filter(pk__in=own)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, "contribute")
    current = services.rule_in_force(partnership)
    meeting = request.GET.get("meeting", "")
    form = ProposalForm(request.POST or None, partnership=partnership,
                        organisations=_proposer_choices(request, partnership),
                        notice_days=current.notice_days,
                        initial={"meeting": meeting} if meeting.isdigit() else None)

    def page(form):
        return render(request, "governance/proposal_form.html", {
            "partnership": partnership, "access": partnership.access, "form": form,
            "rule_in_force": current, "members": queries.voting_members(partnership),
        })

    return handle_form(request, form, services.create_proposal, request.user, partnership,
                       message=_("Proposal made. Members with a mandate can now take their "
                                 "positions."),
                       success=_proposal_url, render_page=page)


def _my_positions(request, proposal, members, row, table) -> tuple[list, object]:
    """The members the visitor may take a position for here, and the form to take it."""
    partnership = proposal.partnership
    names = {m["organisation_id"]: m["name"] for m in members}
    if not (row["accepting_positions"] and partnership.is_active):
        return [], None
    mine = [(org, names[org]) for org in mandated_organisations(request.user, partnership)
            if org in names]
    if not mine:
        return [], None
    current = next((r["position"] for r in table
                    if r["organisation_id"] == mine[0][0] and r["position"]), None)
    if current and current["option"] in proposal.options:
        current["option_index"] = proposal.options.index(current["option"])
    return mine, PositionForm(proposal=proposal, organisations=mine,
                              initial=PositionForm.initial_for(current))


def _steward_forms(access, active: bool, row: dict) -> dict:
    may_manage = access.can_manage and active
    return {
        "comment_form": CommentForm() if access.can_contribute and active else None,
        "close_form": CloseForm() if may_manage and row["ready_to_close"] else None,
        "withdraw_form": WithdrawForm() if may_manage and row["status"] == ProposalStatus.OPEN
        else None,
    }


def proposal_detail(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    access = partnership.access
    active = partnership.is_active
    row = queries.first(queries.proposal_rows(partnership,
                                              partnership.proposals.filter(pk=proposal.pk)))
    members = queries.voting_members(partnership)
    table = queries.position_table(proposal, members)
    mine, position_form = _my_positions(request, proposal, members, row, table)
    decision = queries.first(queries.decision_rows(
        partnership, partnership.decisions.filter(proposal=proposal)))
    return render(request, "governance/proposal_detail.html", {
        "partnership": partnership, "access": access, "proposal": row, "table": table,
        "comments": list(queries.comment_rows(proposal)[:200]),
        "position_form": position_form, "mine": mine,
        **_steward_forms(access, active, row),
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
        show_form_errors(request, form)
        return redirect(_proposal_url(proposal))
    organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    try:  # a position for an organisation one may not speak for is refused (403)
        services.take_position(request.user, proposal, organisation=organisation,
                               **form.service_data())
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Position of %(organisation)s recorded.") % {
            "organisation": organisation})
    return redirect(_proposal_url(proposal))


@login_required
@require_POST
def proposal_comment(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_proposal_url(proposal))
    return act(request, services.add_comment, request.user, proposal, **form.cleaned_data,
               message=_("Comment added."), back=_proposal_url(proposal, "#comments"))


@login_required
@require_POST
def proposal_close(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id, "manage")
    form = CloseForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_proposal_url(proposal))
    try:
        decision = services.close_proposal(request.user, proposal, **form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Decided: %(outcome)s.") % {
            "outcome": decision.get_outcome_display()})
    return redirect(_proposal_url(proposal))


@login_required
@require_POST
def proposal_withdraw(request, partnership_id: int, proposal_id: int):
    partnership, proposal = _proposal(request, partnership_id, proposal_id, "manage")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the proposal is withdrawn."))
        return redirect(_proposal_url(proposal))
    return act(request, services.withdraw_proposal, request.user, proposal,
               **form.cleaned_data, message=_("Proposal withdrawn."),
               back=_proposal_url(proposal))


# --- Actions ------------------------------------------------------------------------------

def _my_person_id(user):
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.pk if person else None


def _id_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def _action_filters(request) -> tuple[str, int | None]:
    status = request.GET.get("status", "")
    return (status if status in ActionStatus.values else ""), _id_param(request, "owner")


def _action_page(request, partnership, status: str, owner_id: int | None):
    rows = queries.action_rows(queries.action_list(partnership, status=status,
                                                   owner=owner_id))
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def actions(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    access = partnership.access
    own = own_organisations(request.user, partnership)
    we_owe, others_owe = queries.owed(partnership, own)
    status, owner_id = _action_filters(request)
    query = request.GET.copy()
    query.pop("page", None)
    active = partnership.is_active
    form = ActionForm(partnership=partnership, initial=_action_initial(request)) \
        if access.can_contribute and active else None
    memberships = partnership.memberships.order_by("organisation__name")
    return render(request, "governance/actions.html", {
        "partnership": partnership, "access": access, "own": own,
        "own_names": sorted(memberships.filter(organisation_id__in=own)
                            .values_list("organisation__name", flat=True)),
        "we_owe": list(we_owe[:100]), "others_owe": list(others_owe[:100]),
        "overdue": queries.overdue_by_owner(partnership),
        "page": _action_page(request, partnership, status, owner_id),
        "query": query.urlencode(), "status": status, "owner": owner_id,
        "statuses": ActionStatus.choices,
        "owners": list(memberships.values_list("organisation_id", "organisation__name")),
        "form": form, "my_person_id": _my_person_id(request.user),
        "can_manage": access.can_manage and active, "active": active,
        "today": timezone.localdate(),
    })


def _action_initial(request) -> dict:
    initial = {}
    for name in ("decision", "meeting"):
        value = _id_param(request, name)
        if value is not None:
            initial[name] = value
    return initial


def _action_url(action) -> str:
    return reverse("action", args=[action.partnership_id, action.pk])


def _action_form_page(request, partnership, action=None):
    def page(form):
        return render(request, "governance/action_form.html", {
            "partnership": partnership, "access": partnership.access, "form": form,
            "action": action,
        })

    return page


def _recorded(form) -> str:
    """The message for a recorded action, from the form that records it."""
    if not form.is_valid():
        return ""
    data = form.cleaned_data
    return _("Action recorded: %(owner)s owes “%(title)s” by %(due)s.") % {
        "owner": data["owner_organisation"], "title": data["title"],
        "due": local_date(data["due_date"])}


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, "contribute")
    form = ActionForm(request.POST or None, partnership=partnership,
                      initial=_action_initial(request))
    return handle_form(request, form, services.create_action, request.user, partnership,
                       message=_recorded(form), success=_action_url,
                       render_page=_action_form_page(request, partnership))


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
    require(partnership.access.can_manage or services.is_owner(request.user, action))
    back = reverse("actions", args=[partnership.pk]) if request.POST.get("next") == "actions" \
        else _action_url(action)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    status = form.cleaned_data["status"]
    return act(request, services.update_action, request.user, action, status=status,
               message=f"“{action.title}”: {STATUS_LABELS[status]}.", back=back)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, partnership_id: int, action_id: int):
    partnership, action = _action(request, partnership_id, action_id, "manage")
    form = ActionForm(request.POST or None, partnership=partnership,
                      initial=ActionForm.initial_for(action))
    return handle_form(request, form, services.update_action, request.user, action,
                       message=_("Saved."), success=_action_url(action),
                       render_page=_action_form_page(request, partnership, action))


@login_required
@require_POST
def action_delete(request, partnership_id: int, action_id: int):
    partnership, action = _action(request, partnership_id, action_id, "manage")
    try:
        services.delete_action(request.user, action)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(_action_url(action))
    messages.success(request, _("Action deleted."))
    return redirect("actions", partnership.pk)
