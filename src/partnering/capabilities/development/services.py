"""Writes of development plans (goals from gaps, actions, evidence, states) and mentoring
(pairs and their log of sessions). Each checks capabilities/access.py and records an audit
event; the demo loader calls them too."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.capabilities import access
from partnering.capabilities.development.models import (
    DevelopmentGoal,
    DevelopmentPlan,
    GoalAction,
    GoalEvidence,
    GoalState,
    MentoringPair,
    MentoringSession,
)
from partnering.capabilities.framework.models import Competency
from partnering.capabilities.framework.services import current_levels
from partnering.guards import require

# Who moves a goal from one state to another: the person moves their own work on; a
# reviewer (manager, mentor, admin) completes a goal in review or sends it back.
BY_PERSON = {(GoalState.DRAFT, GoalState.ACTIVE), (GoalState.ACTIVE, GoalState.IN_REVIEW),
             (GoalState.IN_REVIEW, GoalState.ACTIVE)}
BY_REVIEWER = BY_PERSON | {(GoalState.IN_REVIEW, GoalState.COMPLETE),
                           (GoalState.COMPLETE, GoalState.ACTIVE)}
GOAL_FIELDS = ["competency", "current_level", "target_level", "due_date", "state", "note"]


def _may_edit(actor, person) -> None:
    require(access.can_see_person(actor, person))


@transaction.atomic
def create_plan(actor, person, *, title: str, role_profile=None) -> DevelopmentPlan:
    _may_edit(actor, person)
    return save_audited(actor, DevelopmentPlan(person=person, created_by=actor),
                        {"title": title, "role_profile": role_profile},
                        fields=["title", "role_profile"])


@transaction.atomic
def add_goal(actor, plan: DevelopmentPlan, *, competency: Competency, target_level: int,
             due_date: dt.date, current_level: int | None = None,
             note: str = "") -> DevelopmentGoal:
    _may_edit(actor, plan.person)
    if current_level is None:
        current_level = current_levels(plan.person).get(competency.code)
    return save_audited(actor, DevelopmentGoal(plan=plan), {
        "competency": competency, "target_level": target_level, "due_date": due_date,
        "current_level": current_level, "note": note}, fields=GOAL_FIELDS)


def gaps(person, targets: dict) -> list[dict]:
    """Target minus current level per competency code, the largest first (only gaps)."""
    own = current_levels(person)
    found = [{"code": code, "current": own.get(code), "target": target,
              "gap": target - (own.get(code) or 0)} for code, target in targets.items()]
    return sorted([g for g in found if g["gap"] > 0], key=lambda g: (-g["gap"], g["code"]))


def role_targets(profile) -> dict:
    return {r.competency.code: r.level
            for r in profile.requirements.select_related("competency")}


@transaction.atomic
def goals_from_gaps(actor, plan: DevelopmentPlan, *, due_date: dt.date,
                    targets: dict | None = None) -> list[DevelopmentGoal]:
    """A draft goal per gap between the person's levels and `targets` (by competency code),
    or the plan's role profile's required levels."""
    _may_edit(actor, plan.person)
    if targets is None:
        if plan.role_profile is None:
            raise ValidationError({"targets": _("Give target levels or a role profile.")})
        targets = role_targets(plan.role_profile)
    competencies = {c.code: c for c in Competency.objects.filter(code__in=list(targets))}
    if set(targets) - set(competencies):
        raise ValidationError({"targets": _("Name competencies of the framework.")})
    existing = set(plan.goals.values_list("competency__code", flat=True))
    return [add_goal(actor, plan, competency=competencies[g["code"]], target_level=g["target"],
                     current_level=g["current"], due_date=due_date)
            for g in gaps(plan.person, targets) if g["code"] not in existing]


@transaction.atomic
def move_goal(actor, goal: DevelopmentGoal, state: str) -> DevelopmentGoal:
    person = goal.plan.person
    _may_edit(actor, person)
    allowed = BY_REVIEWER if access.can_review(actor, person) else BY_PERSON
    if (goal.state, state) not in allowed:
        raise ValidationError({"state": _("A goal cannot move from %(old)s to %(new)s "
                                          "(a goal in review is completed by a manager or "
                                          "mentor).") % {"old": goal.get_state_display(),
                                                         "new": state}})
    old = goal.state
    goal.state = state
    goal.save(update_fields=["state"])
    record(actor, "goal.moved", goal, changes={"state": [old, state]})
    return goal


@transaction.atomic
def update_goal(actor, goal: DevelopmentGoal, **data) -> DevelopmentGoal:
    _may_edit(actor, goal.plan.person)
    if "state" in data:
        move_goal(actor, goal, data.pop("state"))
    return save_audited(actor, goal, data, fields=GOAL_FIELDS)


@transaction.atomic
def add_action(actor, goal: DevelopmentGoal, *, kind: str, description: str,
               due_date: dt.date | None = None, cohort=None, mentoring_pair=None):
    _may_edit(actor, goal.plan.person)
    if mentoring_pair is not None and mentoring_pair.mentee_id != goal.plan.person_id:
        raise ValidationError({"mentoring_pair": _("That mentoring pair is not the "
                                                   "person's.")})
    return save_audited(actor, GoalAction(goal=goal), {
        "kind": kind, "description": description, "due_date": due_date, "cohort": cohort,
        "mentoring_pair": mentoring_pair}, fields=["kind", "description", "due_date", "done"])


@transaction.atomic
def mark_action_done(actor, action: GoalAction, done: bool = True) -> GoalAction:
    _may_edit(actor, action.goal.plan.person)
    return save_audited(actor, action, {"done": done}, fields=["done"])


@transaction.atomic
def add_evidence(actor, goal: DevelopmentGoal, *, text: str, link: str = "") -> GoalEvidence:
    _may_edit(actor, goal.plan.person)
    return save_audited(actor, GoalEvidence(goal=goal, added_by=actor),
                        {"text": text, "link": link}, fields=["text", "link"])


# --- Mentoring -----------------------------------------------------------------------------

@transaction.atomic
def create_pair(actor, *, mentor, mentee, starts: dt.date, ends: dt.date | None = None,
                goals: str = "") -> MentoringPair:
    """A mentoring pair, made by the mentee's manager or a platform admin, or by the mentee
    (who asks a mentor to accompany them)."""
    require(access.can_pair(actor, mentee), _("Only the mentee, their manager or an "
                                                    "admin pairs a mentor."))
    return save_audited(actor, MentoringPair(), {
        "mentor": mentor, "mentee": mentee, "starts": starts, "ends": ends, "goals": goals},
        fields=["mentor", "mentee", "starts", "ends", "goals"])


@transaction.atomic
def log_session(actor, pair: MentoringPair, *, date: dt.date, topics: str,
                next_steps: str = "") -> MentoringSession:
    """A session in the pair's log: by the mentor or the mentee only."""
    me = access.own_person(actor)
    require(bool(me and me.pk in (pair.mentor_id, pair.mentee_id)),
            _("Only the mentor and the mentee keep the log."))
    session = MentoringSession(pair=pair, recorded_by=actor, date=date, topics=topics,
                               next_steps=next_steps)
    session.full_clean()
    session.save()
    record(actor, "mentoring.session_logged", session)
    return session
