"""A partnership's brokers on the roster: find a broker (stewards), assign one with terms of
reference, end an assignment (which asks the partners to rate the broker), and the list of
assignments (whoever may see the partnership)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.brokers import access
from partnering.brokers.assignments import services
from partnering.brokers.assignments.models import Assignment
from partnering.brokers.forms import AssignForm, EndForm, FindForm
from partnering.brokers.roster import find
from partnering.partnerships.access import partnership_or_404, scoped_or_404
from partnering.viewhelpers import act, handle_form, show_form_errors


def assignments_page(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    rows = (partnership.broker_terms.select_related("broker__person", "rating_round")
            .order_by("ended_on", "-start", "-id"))
    can_manage = request.user.is_authenticated and partnership.access.can_manage
    return render(request, "brokers/assignments.html", {
        "partnership": partnership, "assignments": rows, "can_manage": can_manage,
        "end_form": EndForm() if can_manage else None})


@login_required
def find_page(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, "manage")
    form = FindForm(request.GET or None)
    given = {k: v for k, v in form.cleaned_data.items() if v not in (None, [], "")} \
        if form.is_valid() else {}
    criteria = find.criteria_for(partnership, **given)
    if not request.GET:
        form = FindForm(initial={"languages": criteria.languages,
                                 "countries": criteria.countries,
                                 "sectors": criteria.sectors, "days": criteria.days})
    members = list(partnership.memberships.values_list("organisation_id", flat=True))
    return render(request, "brokers/find.html", {
        "partnership": partnership, "form": form, "criteria": criteria,
        "candidates": find.rank(criteria, members)})


@login_required
def assign_page(request, partnership_id: int, broker_profile_id: int):
    partnership = partnership_or_404(request, partnership_id, "manage")
    broker = access.profile_or_404(request.user, broker_profile_id)
    form = AssignForm(request.POST or None)
    return handle_form(
        request, form, services.assign, request.user, partnership, broker,
        message=_("%(broker)s now brokers the partnership.") % {"broker": broker},
        success=reverse("broker_assignments", args=[partnership.pk]),
        render_page=lambda f: render(request, "brokers/assign.html", {
            "partnership": partnership, "broker": broker, "form": f}))


@login_required
@require_POST
def end_assignment(request, partnership_id: int, assignment_id: int):
    partnership = partnership_or_404(request, partnership_id)
    assignment = scoped_or_404(request.user, Assignment.objects.filter(
        partnership=partnership).select_related("broker__person", "seat", "partnership"),
        assignment_id)
    back = reverse("broker_assignments", args=[partnership.pk])
    form = EndForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    return act(request, services.end, request.user, assignment,
               note=form.cleaned_data["note"], rate=form.cleaned_data["rate"],
               message=_("The assignment has ended."), back=back)
