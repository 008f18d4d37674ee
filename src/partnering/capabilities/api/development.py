"""/api/v1/development-plans and /api/v1/mentoring: a person's development plans (goals
from gaps, actions, evidence, states) and mentoring pairs with their log of sessions. Each
answers 404 to anyone capabilities/access.py does not allow."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from partnering.capabilities import access
from partnering.capabilities.api.rows import goal_row, pair_row, plan_row
from partnering.capabilities.api.schemas import (
    EvidenceIn,
    GapsIn,
    GoalActionIn,
    GoalActionOut,
    GoalActionPatch,
    GoalIn,
    GoalOut,
    GoalPatch,
    PairIn,
    PairOut,
    PlanIn,
    PlanOut,
    SessionIn,
    SessionOut,
)
from partnering.capabilities.development import services
from partnering.capabilities.framework.models import Competency
from partnering.capabilities.offices.models import Cohort, RoleProfile
from partnering.registry.models import Person
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

router = Router(tags=["development plans"])
mentoring_router = Router(tags=["mentoring"])


def _known(model, pk, field: str):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("No such %(thing)s.") % {
            "thing": model._meta.verbose_name}})
    return found


def _goal(request, plan_id: int, goal_id: int):
    plan = access.plan_or_404(request.user, plan_id)
    goal = get_object_or_404(plan.goals.select_related("competency"), pk=goal_id)
    goal.plan = plan
    return goal


@router.get("", response={200: list[PlanOut], **READ_ERRORS},
            summary="Development plans I may see (mine, my people's, my mentees')")
@paginate(LimitOffsetPagination)
def list_plans(request):
    return [plan_row(p) for p in access.plans_for(request.user).select_related("person")]


@router.post("", response={201: PlanOut, **WRITE_ERRORS}, summary="Start a development plan")
def create_plan(request, payload: PlanIn):
    require_user(request)
    person = access.person_or_404(request.user, payload.person_id)
    plan = services.create_plan(request.user, person, title=payload.title, role_profile=_known(
        RoleProfile, payload.role_profile_id, "role_profile_id"))
    return Status(201, plan_row(plan))


@router.get("/{development_plan_id}", response={200: PlanOut, **READ_ERRORS},
            summary="A development plan with its goals, actions and evidence")
def get_plan(request, development_plan_id: int):
    return plan_row(access.plan_or_404(request.user, development_plan_id))


@router.post("/{development_plan_id}/goals", response={201: GoalOut, **WRITE_ERRORS},
             summary="Add a goal (the current level defaults to the person's own)")
def add_goal(request, development_plan_id: int, payload: GoalIn):
    require_user(request)
    plan = access.plan_or_404(request.user, development_plan_id)
    competency = Competency.objects.filter(code=payload.competency_code).first()
    if competency is None:
        raise ValidationError({"competency_code": _("No such competency.")})
    goal = services.add_goal(request.user, plan, competency=competency,
                             target_level=payload.target_level, due_date=payload.due_date,
                             current_level=payload.current_level, note=payload.note)
    return Status(201, goal_row(goal))


@router.post("/{development_plan_id}/gaps", response={201: list[GoalOut], **WRITE_ERRORS},
             summary="Turn gaps into draft goals",
             description="A goal per competency whose target (given, or the plan's role "
                         "profile's) is above the person's current level.")
def goals_from_gaps(request, development_plan_id: int, payload: GapsIn):
    require_user(request)
    plan = access.plan_or_404(request.user, development_plan_id)
    made = services.goals_from_gaps(request.user, plan, due_date=payload.due_date,
                                    targets=payload.targets)
    return Status(201, [goal_row(g) for g in made])


@router.patch("/{development_plan_id}/goals/{development_goal_id}",
              response={200: GoalOut, **WRITE_ERRORS},
              summary="Change a goal or move it (draft, active, in review, complete)",
              description="The person moves a goal on to review; their manager or mentor "
                          "completes it (or sends it back).")
def update_goal(request, development_plan_id: int, development_goal_id: int,
                payload: GoalPatch):
    require_user(request)
    goal = _goal(request, development_plan_id, development_goal_id)
    data = payload.model_dump(exclude_unset=True)
    if any(value is None for value in data.values()):
        raise ValidationError(_("A field sent cannot be null."))
    services.update_goal(request.user, goal, **data)
    return goal_row(_goal(request, development_plan_id, development_goal_id))


@router.post("/{development_plan_id}/goals/{development_goal_id}/actions",
             response={201: GoalActionOut, **WRITE_ERRORS},
             summary="Add an action: a course, a practice assignment or mentoring")
def add_action(request, development_plan_id: int, development_goal_id: int,
               payload: GoalActionIn):
    require_user(request)
    goal = _goal(request, development_plan_id, development_goal_id)
    pair = None
    if payload.mentoring_pair_id is not None:
        pair = access.pairs_for(request.user).filter(pk=payload.mentoring_pair_id).first()
        if pair is None:
            raise ValidationError({"mentoring_pair_id": _("No such mentoring pair.")})
    action = services.add_action(
        request.user, goal, kind=payload.kind, description=payload.description,
        due_date=payload.due_date, mentoring_pair=pair,
        cohort=_known(Cohort, payload.cohort_id, "cohort_id"))
    return Status(201, {"id": action.pk, "kind": action.kind, "description": action.description,
                        "due_date": action.due_date, "cohort_id": action.cohort_id,
                        "mentoring_pair_id": action.mentoring_pair_id, "done": action.done})


@router.patch("/{development_plan_id}/goals/{development_goal_id}/actions/{goal_action_id}",
              response={200: GoalOut, **WRITE_ERRORS}, summary="Mark an action done")
def update_goal_action(request, development_plan_id: int, development_goal_id: int,
                  goal_action_id: int, payload: GoalActionPatch):
    require_user(request)
    goal = _goal(request, development_plan_id, development_goal_id)
    action = get_object_or_404(goal.actions, pk=goal_action_id)
    action.goal = goal
    services.mark_action_done(request.user, action, payload.done)
    return goal_row(goal)


@router.post("/{development_plan_id}/goals/{development_goal_id}/evidence",
             response={201: GoalOut, **WRITE_ERRORS},
             summary="Add evidence (text and a link) to a goal")
def add_evidence(request, development_plan_id: int, development_goal_id: int,
                 payload: EvidenceIn):
    require_user(request)
    goal = _goal(request, development_plan_id, development_goal_id)
    services.add_evidence(request.user, goal, text=payload.text,
                          link=str(payload.link) if payload.link else "")
    return Status(201, goal_row(goal))


# --- Mentoring -------------------------------------------------------------------------------

@mentoring_router.get("", response={200: list[PairOut], **READ_ERRORS},
                      summary="Mentoring pairs I may see")
@paginate(LimitOffsetPagination)
def list_pairs(request):
    return [pair_row(p) for p in access.pairs_for(request.user).select_related("mentor",
                                                                              "mentee")]


@mentoring_router.post("", response={201: PairOut, **WRITE_ERRORS},
                       summary="Pair a mentor with a mentee",
                       description="By the mentee, their manager or a platform admin.")
def create_pair(request, payload: PairIn):
    require_user(request)
    mentee = access.person_or_404(request.user, payload.mentee_id)
    mentor = _known(Person, payload.mentor_id, "mentor_id")
    pair = services.create_pair(request.user, mentor=mentor, mentee=mentee,
                                starts=payload.starts, ends=payload.ends, goals=payload.goals)
    return Status(201, pair_row(pair))


@mentoring_router.get("/{mentoring_pair_id}", response={200: PairOut, **READ_ERRORS},
                      summary="A mentoring pair and its log of sessions")
def get_pair(request, mentoring_pair_id: int):
    return pair_row(access.pair_or_404(request.user, mentoring_pair_id))


@mentoring_router.post("/{mentoring_pair_id}/sessions",
                       response={201: SessionOut, **WRITE_ERRORS},
                       summary="Log a session: date, topics, agreed next steps")
def log_session(request, mentoring_pair_id: int, payload: SessionIn):
    require_user(request)
    pair = access.pair_or_404(request.user, mentoring_pair_id)
    session = services.log_session(request.user, pair, **payload.model_dump())
    return Status(201, {"id": session.pk, "date": session.date, "topics": session.topics,
                        "next_steps": session.next_steps})
