"""Pages of development plans and mentoring pairs. Each answers 404 to anyone
capabilities/access.py does not allow, signed in or not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.capabilities import access
from partnering.capabilities.development import services
from partnering.capabilities.development.models import GoalState
from partnering.capabilities.forms import (
    ActionForm,
    EvidenceForm,
    GapsForm,
    GoalForm,
    PlanForm,
    SessionForm,
    StateForm,
)
from partnering.capabilities.framework.models import LEVEL_NAMES, Competency
from partnering.capabilities.framework.services import framework
from partnering.capabilities.offices.models import RoleProfile
from partnering.viewhelpers import handle_form, show_errors

NEXT_STATES = {GoalState.DRAFT: [GoalState.ACTIVE], GoalState.ACTIVE: [GoalState.IN_REVIEW],
               GoalState.IN_REVIEW: [GoalState.ACTIVE, GoalState.COMPLETE],
               GoalState.COMPLETE: [GoalState.ACTIVE]}


def _plan_url(plan, anchor: str = "") -> str:
    return reverse("development_plan", args=[plan.pk]) + anchor


@require_http_methods(["GET", "POST"])
def plan_create(request, person_id: int):
    person = access.person_or_404(request.user, person_id)
    form = PlanForm(request.POST or None)
    return handle_form(request, form, services.create_plan, request.user, person,
                       message=_("Plan started: add goals, or turn gaps into goals."),
                       success=_plan_url, render_page=lambda form: render(
                           request, "capabilities/plan_form.html",
                           {"person": person, "form": form}))


def _profiles(user, person):
    offices = person.office_memberships.values("office_id")
    return RoleProfile.objects.filter(office__isnull=True) | RoleProfile.objects.filter(
        office_id__in=offices)


def plan_detail(request, development_plan_id: int):
    plan = access.plan_or_404(request.user, development_plan_id)
    goals = list(plan.goals.select_related("competency").prefetch_related("actions",
                                                                          "evidence"))
    reviewer = access.can_review(request.user, plan.person)
    for goal in goals:
        goal.next_states = [(s, GoalState(s).label) for s in NEXT_STATES[goal.state]
                            if reviewer or (goal.state, s) in services.BY_PERSON]
    return render(request, "capabilities/plan_detail.html", {
        "plan": plan, "goals": goals, "level_names": LEVEL_NAMES,
        "goal_form": GoalForm(competencies=framework()),
        "gaps_form": GapsForm(profiles=_profiles(request.user, plan.person)),
        "action_form": ActionForm(), "evidence_form": EvidenceForm()})


def _posted(request, form, back, run):
    """Run `run(**cleaned_data)` for a valid form; errors as messages; back to the plan."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        run(**form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


@require_POST
def goal_add(request, development_plan_id: int):
    plan = access.plan_or_404(request.user, development_plan_id)
    form = GoalForm(request.POST, competencies=framework())

    def run(competency, **data):
        services.add_goal(request.user, plan, competency=Competency.objects.get(
            code=competency), **data)
    return _posted(request, form, _plan_url(plan, "#goals"), run)


@require_POST
def goals_from_gaps(request, development_plan_id: int):
    plan = access.plan_or_404(request.user, development_plan_id)
    form = GapsForm(request.POST, profiles=_profiles(request.user, plan.person))

    def run(role_profile, due_date):
        profile = RoleProfile.objects.get(pk=role_profile)
        services.goals_from_gaps(request.user, plan, due_date=due_date,
                                 targets=services.role_targets(profile))
    return _posted(request, form, _plan_url(plan, "#goals"), run)


def _goal(request, plan_id: int, goal_id: int):
    plan = access.plan_or_404(request.user, plan_id)
    goal = get_object_or_404(plan.goals, pk=goal_id)
    goal.plan = plan
    return goal


@require_POST
def goal_state(request, development_plan_id: int, development_goal_id: int):
    goal = _goal(request, development_plan_id, development_goal_id)
    return _posted(request, StateForm(request.POST), _plan_url(goal.plan, f"#g-{goal.pk}"),
                   lambda state: services.move_goal(request.user, goal, state))


@require_POST
def goal_action(request, development_plan_id: int, development_goal_id: int):
    goal = _goal(request, development_plan_id, development_goal_id)
    return _posted(request, ActionForm(request.POST), _plan_url(goal.plan, f"#g-{goal.pk}"),
                   lambda **data: services.add_action(request.user, goal, **data))


@require_POST
def goal_evidence(request, development_plan_id: int, development_goal_id: int):
    goal = _goal(request, development_plan_id, development_goal_id)
    return _posted(request, EvidenceForm(request.POST), _plan_url(goal.plan, f"#g-{goal.pk}"),
                   lambda **data: services.add_evidence(request.user, goal, **data))


@require_http_methods(["GET", "POST"])
def pair_detail(request, mentoring_pair_id: int):
    pair = access.pair_or_404(request.user, mentoring_pair_id)
    me = access.own_person(request.user)
    keeps_log = bool(me and me.pk in (pair.mentor_id, pair.mentee_id))
    form = SessionForm(request.POST or None) if keeps_log else None
    if request.method == "POST" and form is None:
        return redirect("mentoring_pair", pair.pk)

    def page(form):
        return render(request, "capabilities/pair_detail.html", {
            "pair": pair, "sessions": pair.sessions.all(), "form": form})
    if form is None:
        return page(None)
    return handle_form(request, form, services.log_session, request.user, pair,
                       message=_("Session logged."),
                       success=reverse("mentoring_pair", args=[pair.pk]), render_page=page)
