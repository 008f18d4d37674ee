"""Partnering capabilities (people-power.yaml: `mentoring`, `offices`): Ruth Achieng's
mentoring pair with its log of sessions, and World Vision Malawi's partnerships office
(Unite to Ignite: a Partnerships and Capacity Building lead, relationship managers who
analyse partnering data over time, area managers enrolled in the Partnering2030 course):
its people's self-assessments over two rounds, 360° ratings by partners and colleagues,
a Partnering2030 cohort, an adapted "Partnership officer" role profile and development
plans with goals in every state. Through the capabilities services only."""

from partnering.capabilities.development import services as development
from partnering.capabilities.development.models import GoalState, MentoringSession
from partnering.capabilities.framework import services as framework
from partnering.capabilities.framework.loader import load_framework
from partnering.capabilities.framework.models import Competency
from partnering.capabilities.offices import services as offices
from partnering.capabilities.offices.models import RoleProfile
from partnering.capabilities.ratings import services as ratings
from partnering.platform.demo.brokers import account
from partnering.platform.demo.data import people_power

# The way a goal walks to its state, one move at a time.
WALK = {GoalState.DRAFT: [], GoalState.ACTIVE: [GoalState.ACTIVE],
        GoalState.IN_REVIEW: [GoalState.ACTIVE, GoalState.IN_REVIEW],
        GoalState.COMPLETE: [GoalState.ACTIVE, GoalState.IN_REVIEW, GoalState.COMPLETE]}


def load(loader) -> None:
    load_framework()  # made by a migration; again here after a test database flush
    spec = people_power()
    loader.pairs = {}
    for item in spec["mentoring"]:
        loader.pairs[item["mentee"]] = _pair(loader, item)
    for item in spec["offices"]:
        _Office(loader, item).load()


def _pair(loader, item: dict):
    pair = development.create_pair(
        loader.users["admin"], mentor=loader.people[item["mentor"]],
        mentee=loader.people[item["mentee"]], starts=loader.ago(item["starts"]),
        goals=item["goals"])
    for session in sorted(item["sessions"], key=lambda s: -s["days_ago"]):
        made = development.log_session(
            account(loader, session["by"]), pair, date=loader.ago(session["days_ago"]),
            topics=session["topics"], next_steps=session.get("next_steps", ""))
        MentoringSession.objects.filter(pk=made.pk).update(date=loader.ago(session["days_ago"]))
    return pair


class _Office:
    def __init__(self, loader, spec: dict):
        self.loader, self.spec = loader, spec
        self.admin = loader.users["admin"]
        self.competencies = {c.code: c for c in Competency.objects.all()}

    def person(self, key: str):
        return self.loader.people[key]

    def load(self) -> None:
        spec = self.spec
        self.office = offices.create_office(
            self.admin, organisation=self.loader.orgs[spec["organisation"]], name=spec["name"],
            manager=self.person(spec["manager"]), description=spec["description"])
        for member in spec["members"]:
            offices.add_member(self.admin, self.office, self.person(member["person"]),
                               role=member["role"])
        for round_spec in spec["rounds"]:
            self.round(round_spec)
        for rating in spec["ratings"]:
            self.ratings(rating)
        self.cohort = self.course(spec["course"])
        self.profile = self.role_profile(spec["role_profile"])
        for plan in spec["plans"]:
            self.plan(plan)

    def round(self, spec: dict) -> None:
        held_on = self.loader.ago(spec["days_ago"])
        round_ = offices.open_round(self.admin, self.office, name=spec["name"], held_on=held_on)
        for key, levels in spec["levels"].items():
            framework.record_self_assessment(self.admin, self.person(key), levels=levels,
                                             round=round_, taken_on=held_on)

    def ratings(self, spec: dict) -> None:
        subject = self.person(spec["subject"])
        raters = {key: self.person(key) for key in spec["raters"]}
        for key in raters:
            account(self.loader, key)
        for rater in raters.values():
            rater.refresh_from_db()
        requests = ratings.ask_for_ratings(self.admin, subject, list(raters.values()))
        comments = list(spec.get("comments", []))
        for request in requests:
            key = next(k for k, p in raters.items() if p.pk == request.rater_id)
            ratings.answer_rating(account(self.loader, key), request,
                                  levels=spec["raters"][key],
                                  comment=comments.pop(0) if comments else "")
        if requests:  # closed, so that its figures (5 raters or more) are shown
            ratings.close_campaign(self.admin, requests[0].campaign)

    def course(self, spec: dict):
        course = offices.create_course(self.admin, title=spec["title"],
                                       provider=spec["provider"],
                                       description=spec["description"])
        ago = self.loader.ago
        cohort = offices.open_cohort(self.admin, self.office, course, name=spec["cohort"],
                                     starts=ago(spec["starts"]), ends=ago(spec["ends"]))
        for key, days_ago in spec["completed"].items():
            enrolment = offices.enrol(self.admin, cohort, self.person(key))
            offices.complete_enrolment(self.admin, enrolment, on=ago(days_ago))
        for key in spec["enrolled"]:
            offices.enrol(self.admin, cohort, self.person(key))
        upcoming = offices.open_cohort(self.admin, self.office, course,
                                       name=spec["next_cohort"], starts=ago(spec["next_starts"]))
        for key in spec["enrolled"]:
            offices.enrol(self.admin, upcoming, self.person(key))
        return cohort

    def role_profile(self, spec: dict):
        template = RoleProfile.objects.get(office=None, key=spec["template"])
        profile = offices.adapt_role_profile(self.admin, self.office, template)
        levels = {self.competencies[code].pk: level for code, level in spec["levels"].items()}
        return offices.update_role_profile(
            self.admin, profile, levels=levels, title=spec["title"], purpose=spec["purpose"],
            responsibilities=spec["responsibilities"])

    def plan(self, spec: dict) -> None:
        person = self.person(spec["person"])
        plan = development.create_plan(
            self.admin, person, title=spec["title"],
            role_profile=self.profile if spec.get("role_profile") else None)
        for goal_spec in spec["goals"]:
            self.goal(plan, goal_spec, self.loader.pairs.get(spec["person"]))

    def goal(self, plan, spec: dict, pair) -> None:
        ago = self.loader.ago
        goal = development.add_goal(
            self.admin, plan, competency=self.competencies[spec["competency"]],
            target_level=spec["target"], due_date=ago(spec["due"]), note=spec.get("note", ""))
        for action in spec.get("actions", []):
            made = development.add_action(
                self.admin, goal, kind=action["kind"], description=action["description"],
                due_date=ago(action["due"]) if "due" in action else None,
                cohort=self.cohort if action.get("cohort") else None,
                mentoring_pair=pair if action.get("mentoring") else None)
            if action.get("done"):
                development.mark_action_done(self.admin, made)
        for text in spec.get("evidence", []):
            development.add_evidence(self.admin, goal, text=text)
        for state in WALK[spec["state"]]:
            development.move_goal(self.admin, goal, state)
