from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor, visitor_types
from partnering.governance.power_chart import power_chart
from partnering.governance.power_data import power_balance
from partnering.interop.iati.display import partnership_open_data
from partnering.pagecache import remember
from partnering.partnerships import services
from partnering.partnerships.access import (
    contributable_partnership,
    manageable_partnership,
    visible_partnership,
)
from partnering.partnerships.forms import (
    BrokerForm,
    ChecklistItemForm,
    CloseForm,
    MeetingForm,
    MemberForm,
    MemberRoleForm,
    NewChecklistItemForm,
    NewPartnershipForm,
    PartnershipForm,
    ReopenForm,
    RepresentativeForm,
    TransitionForm,
)
from partnering.partnerships.models import Representative
from partnering.partnerships.queries import (
    checklist_by_phase,
    checklist_progress,
    members_of,
    partnership_list,
    partnership_rows,
    representative_candidates,
)
from partnering.partnerships.vocabulary import Status
from partnering.viewhelpers import apply_errors

PAGE_SIZE = 25








def _list_page(request, template: str, *, public_only: bool):
    q = request.GET.get("q", "")[:200]
    phase = request.GET.get("phase", "")[:20]
    sdg = request.GET.get("sdg", "")
    status = request.GET.get("status", "" if public_only else "")[:10]
    partnerships = partnership_rows(partnership_list(
        request.user, q=q, phase=phase, sdg=int(sdg) if sdg.isdigit() else None,
        status=status, public_only=public_only,
        country=request.GET.get("country", "")[:2]))
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {
        "page": page, "q": q, "phase": phase, "sdg": sdg, "status": status,
        "query": query.urlencode(), "statuses": Status.choices,
    })


def directory(request):
    """The public directory: public partnerships, no sign-in needed."""
    return _list_page(request, "partnerships/directory.html", public_only=True)


def partnership_index(request):
    return _list_page(request, "partnerships/partnership_list.html", public_only=False)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request):
    form = NewPartnershipForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        lead = data.pop("lead_organisation")
        try:
            partnership = services.create_partnership(request.user, lead_organisation=lead,
                                                      **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Partnership created. Invite the partners next.")
            return redirect("partnership", partnership.pk)
    return render(request, "partnerships/partnership_form.html",
                  {"form": form, "partnership": None})


def partnership_detail(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    members = list(members_of(partnership))
    items = checklist_by_phase(partnership)[partnership.phase]

    def power_summary():
        balance = power_balance(partnership)
        return balance, power_chart(balance, compact=True, chart_id="power-summary")

    # The same for every reader, and the costliest section: kept until the data changes.
    power, chart = remember("power-summary", partnership.pk,
                            getattr(settings, "POWER_DOMINANCE_THRESHOLD", None),
                            compute=power_summary)
    return render(request, "partnerships/partnership_detail.html", {
        "partnership": partnership, "access": partnership.access, "members": members,
        "brokers": partnership.brokers.select_related("person__organisation"),
        "sdg_goals": partnership.sdg_goals.all(), "sdg_targets": partnership.sdg_targets.all(),
        "progress": checklist_progress(items),
        "open_items": [item for item in items if item.status == "open"],
        "meetings": partnership.meetings.all()[:3],
        "sectors": sorted({m.organisation.get_sector_display() for m in members}),
        "power": power,
        "power_chart": chart,
        **partnership_open_data(request, partnership),
    })


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = PartnershipForm(request.POST or None,
                           initial=PartnershipForm.initial_for(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partnership(request.user, partnership, **form.service_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("partnership", partnership.pk)
    return render(request, "partnerships/partnership_form.html",
                  {"form": form, "partnership": partnership})


def members(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    memberships = list(members_of(partnership))
    can_manage = partnership.access.can_manage and partnership.is_active
    return render(request, "partnerships/members.html", {
        "partnership": partnership, "access": partnership.access, "members": memberships,
        "brokers": partnership.brokers.select_related("person__organisation"),
        "can_manage": can_manage,
        "member_form": MemberForm(partnership=partnership) if can_manage else None,
        "broker_form": BrokerForm() if can_manage else None,
        "candidates": representative_candidates(partnership, memberships)
        if can_manage else {},
        "role_forms": {m.pk: MemberRoleForm(initial={"role": m.role, "iati_role": m.iati_role},
                                            prefix=f"r{m.pk}")
                       for m in memberships} if can_manage else {},
    })


def _done(request, partnership, message: str, anchor: str = "members"):
    messages.success(request, message)
    return redirect(f"/partnerships/{partnership.pk}/{anchor}/")


def _failed(request, partnership, error, anchor: str = "members"):
    for text in error.messages:
        messages.error(request, text)
    return redirect(f"/partnerships/{partnership.pk}/{anchor}/")


@login_required
@require_POST
def member_add(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = MemberForm(request.POST, partnership=partnership)
    if not form.is_valid():
        return _failed(request, partnership, ValidationError(
            [f"{k}: {' '.join(v)}" for k, v in form.errors.items()]))
    try:
        services.add_member(request.user, partnership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error)
    return _done(request, partnership, f"{form.cleaned_data['organisation']} joined.")


@login_required
@require_POST
def member_update(request, partnership_id: int, member_id: int):
    partnership = manageable_partnership(request, partnership_id)
    membership = get_object_or_404(partnership.memberships, pk=member_id)
    form = MemberRoleForm(request.POST, prefix=f"r{member_id}")
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Choose a role."))
    try:
        services.update_member(request.user, membership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error)
    return _done(request, partnership, "Role saved.")


@login_required
@require_POST
def member_remove(request, partnership_id: int, member_id: int):
    partnership = manageable_partnership(request, partnership_id)
    membership = get_object_or_404(partnership.memberships, pk=member_id)
    try:
        services.remove_member(request.user, membership,
                               reason=request.POST.get("reason", "")[:500])
    except ValidationError as error:
        return _failed(request, partnership, error)
    return _done(request, partnership, f"{membership.organisation} left the partnership.")


@login_required
@require_POST
def representative_add(request, partnership_id: int, member_id: int):
    partnership = manageable_partnership(request, partnership_id)
    membership = get_object_or_404(partnership.memberships, pk=member_id)
    form = RepresentativeForm(request.POST, membership=membership, prefix=f"m{member_id}")
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Choose a person of this "
                                                             "organisation."))
    try:
        services.add_representative(request.user, membership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error)
    return _done(request, partnership, "Representative added.")


@login_required
@require_POST
def representative_update(request, partnership_id: int, representative_id: int):
    partnership = manageable_partnership(request, partnership_id)
    rep = get_object_or_404(
        Representative.objects.filter(membership__partnership=partnership)
        .select_related("person", "membership__organisation"), pk=representative_id)
    action = request.POST.get("action")
    try:
        if action == "remove":
            services.remove_representative(request.user, rep)
            return _done(request, partnership, f"{rep.person} no longer represents "
                                               f"{rep.membership.organisation}.")
        services.set_mandate(request.user, rep, action == "grant")
    except ValidationError as error:  # e.g. the partnership is closed
        return _failed(request, partnership, error)
    return _done(request, partnership, "Mandate saved.")


@login_required
@require_POST
def broker_add(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = BrokerForm(request.POST)
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Choose a person."))
    try:
        services.add_broker(request.user, partnership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error)
    return _done(request, partnership, "Broker added.")


@login_required
@require_POST
def broker_remove(request, partnership_id: int, broker_id: int):
    partnership = manageable_partnership(request, partnership_id)
    try:
        services.remove_broker(request.user,
                               get_object_or_404(partnership.brokers, pk=broker_id))
    except ValidationError as error:  # e.g. the partnership is closed
        return _failed(request, partnership, error)
    return _done(request, partnership, "Broker removed.")


def lifecycle_page(request, partnership_id: int, transition_form=None):
    partnership = visible_partnership(request, partnership_id)
    by_phase = checklist_by_phase(partnership)
    phases = [{"phase": phase, "checklist": by_phase[phase.code],
               "progress": checklist_progress(by_phase[phase.code]),
               "is_current": phase.code == partnership.phase}
              for phase in partnership.lifecycle_path.phases]
    access = partnership.access
    active = partnership.is_active
    return render(request, "partnerships/lifecycle.html", {
        "partnership": partnership, "access": access, "phases": phases,
        "transitions": partnership.transitions.all(),
        "can_tick": access.can_contribute and active,
        "transition_form": (transition_form or TransitionForm(partnership=partnership))
        if access.can_manage and active else None,
        "close_form": CloseForm() if access.can_manage and active else None,
        "reopen_form": ReopenForm() if access.can_manage and not active else None,
        "open_now": [i.text for i in by_phase[partnership.phase] if i.status == "open"],
    })


@login_required
@require_POST
def checklist_update(request, partnership_id: int, item_id: int):
    partnership = contributable_partnership(request, partnership_id)
    item = get_object_or_404(partnership.checklist, pk=item_id)
    form = ChecklistItemForm(request.POST)
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Choose a status."), "lifecycle")
    try:
        services.update_checklist_item(request.user, item, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error, "lifecycle")
    return _done(request, partnership, f"“{item.text}”: {item.get_status_display()}.",
                 "lifecycle")


@login_required
@require_POST
def checklist_add(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = NewChecklistItemForm(request.POST)
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Write the item."), "lifecycle")
    try:
        services.add_checklist_item(request.user, partnership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error, "lifecycle")
    return _done(request, partnership, "Item added.", "lifecycle")


@login_required
@require_POST
def phase_move(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = TransitionForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            transition = services.move_to_phase(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _done(request, partnership, f"Moved to {transition.to_phase_name}.",
                         "lifecycle")
    return lifecycle_page(request, partnership_id, transition_form=form)


@login_required
@require_POST
def partnership_close(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Give the reason."), "lifecycle")
    try:
        services.close_partnership(request.user, partnership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error, "lifecycle")
    return _done(request, partnership, "Recorded.", "lifecycle")


@login_required
@require_POST
def partnership_reopen(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _failed(request, partnership, ValidationError("Give the reason."), "lifecycle")
    try:
        services.reopen_partnership(request.user, partnership, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, partnership, error, "lifecycle")
    return _done(request, partnership, "Reopened.", "lifecycle")


def meeting_list(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    meetings = partnership.meetings.prefetch_related(
        Prefetch("organisations"), "attendees")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnerships/meeting_list.html", {
        "partnership": partnership, "access": partnership.access, "page": page,
    })


def meeting_detail(request, partnership_id: int, meeting_id: int):
    partnership = visible_partnership(request, partnership_id)
    meeting = get_object_or_404(partnership.meetings.prefetch_related(
        "organisations", "attendees__organisation"), pk=meeting_id)
    return render(request, "partnerships/meeting_detail.html", {
        "partnership": partnership, "access": partnership.access, "meeting": meeting,
        "history": for_visitor(AuditEvent.objects.for_object(meeting)[:20],
                               member=partnership.access.can_contribute),
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = MeetingForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.record_meeting(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Meeting recorded.")
            return redirect("meeting", partnership.pk, meeting.pk)
    return render(request, "partnerships/meeting_form.html",
                  {"partnership": partnership, "form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, partnership_id: int, meeting_id: int):
    partnership = contributable_partnership(request, partnership_id)
    meeting = get_object_or_404(partnership.meetings, pk=meeting_id)
    form = MeetingForm(request.POST or None, partnership=partnership,
                       initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(request.user, meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("meeting", partnership.pk, meeting.pk)
    return render(request, "partnerships/meeting_form.html",
                  {"partnership": partnership, "form": form, "meeting": meeting})


def history(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    member = partnership.access.can_contribute
    events = visitor_types(AuditEvent.objects.filter(partnership_id=partnership.pk),
                           member=member)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    page.object_list = for_visitor(page.object_list, member=member)
    return render(request, "partnerships/history.html",
                  {"partnership": partnership, "access": partnership.access, "page": page})

