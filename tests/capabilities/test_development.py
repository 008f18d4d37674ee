"""Development plans: gaps become goals with actions, due dates, states and evidence;
mentoring pairs keep a log of sessions. Every write is audited."""

import datetime as dt

from partnering.audit.models import AuditEvent
from partnering.capabilities.development.models import DevelopmentGoal, MentoringSession
from partnering.capabilities.framework import services as framework
from partnering.capabilities.offices.models import RoleProfile
from tests.apitest import ApiTestCase
from tests.capabilities.base import OfficeTestCase


class DevelopmentTests(OfficeTestCase, ApiTestCase):
    def plan_path(self, *rest):
        return "/".join([f"/development-plans/{self.plan.pk}", *map(str, rest)])

    def test_gaps_against_a_role_profile_become_draft_goals(self):
        framework.record_self_assessment(self.tiwonge_user, self.tiwonge,
                                         answers={"negotiation": 5, "communication": 2})
        profile = RoleProfile.objects.get(office=None, grade="II")
        self.plan.role_profile = profile
        self.plan.save()
        self.sign_in(self.grace)
        goals = self.assert_status(self.post(self.plan_path("gaps"),
                                             {"due_date": "2026-12-31"}), 201)
        by_code = {g["competency_code"]: g for g in goals}
        assert "negotiation" not in by_code  # level 4 already, and a goal exists
        assert (by_code["communication"]["current_level"],
                by_code["communication"]["target_level"], by_code["communication"]["gap"]) \
            == (1, 3, 2)
        assert all(g["state"] == "draft" for g in goals)
        assert goals[0]["gap"] >= goals[-1]["gap"]

    def test_a_goal_moves_through_its_states_and_only_a_reviewer_completes_it(self):
        self.sign_in(self.tiwonge_user)
        path = self.plan_path("goals", self.goal.pk)
        for state in ("active", "in_review"):
            assert self.assert_status(self.patch(path, {"state": state}), 200)["state"] == state
        self.assert_status(self.patch(path, {"state": "complete"}), 422)
        self.sign_in(self.ruth)  # the mentor
        assert self.assert_status(self.patch(path, {"state": "complete"}), 200)[
            "state"] == "complete"
        assert AuditEvent.objects.filter(action="goal.moved").count() == 3

    def test_actions_and_evidence(self):
        self.sign_in(self.tiwonge_user)
        action = self.assert_status(self.post(self.plan_path("goals", self.goal.pk, "actions"), {
            "kind": "mentoring", "description": "Monthly sessions with Ruth",
            "mentoring_pair_id": self.pair.pk, "due_date": "2026-09-30"}), 201)
        assert action["mentoring_pair_id"] == self.pair.pk
        goal = self.assert_status(self.patch(
            self.plan_path("goals", self.goal.pk, "actions", action["id"]), {"done": True}), 200)
        assert goal["actions"][0]["done"]
        goal = self.assert_status(self.post(self.plan_path("goals", self.goal.pk, "evidence"), {
            "text": "Negotiated the MoU with the district council",
            "link": "https://example.org/mou"}), 201)
        assert goal["evidence"][0]["link"] == "https://example.org/mou"
        self.assert_status(self.post(self.plan_path("goals", self.goal.pk, "evidence"), {
            "text": "x", "link": "not a link"}), 422)

    def test_a_manager_starts_a_plan_for_their_people_and_a_colleague_cannot(self):
        self.sign_in(self.grace)
        body = self.assert_status(self.post("/development-plans", {
            "person_id": self.chikondi.pk, "title": "2027 plan"}), 201)
        assert body["person_name"] == "Chikondi Banda"
        self.sign_in(self.chikondi_user)
        self.assert_status(self.post("/development-plans", {
            "person_id": self.tiwonge.pk, "title": "Not mine"}), 404)

    def test_the_plan_page_adds_goals_moves_them_and_takes_evidence(self):
        self.client.force_login(self.tiwonge_user)
        url = f"/development-plans/{self.plan.pk}/"
        response = self.client.post(url + "goals/", {
            "competency": "networking", "target_level": "3", "due_date": "2026-10-01"})
        assert response.status_code == 302
        assert self.plan.goals.filter(competency__code="networking").exists()
        self.client.post(url + f"goals/{self.goal.pk}/state/", {"state": "active"})
        self.client.post(url + f"goals/{self.goal.pk}/evidence/", {"text": "Led the talks"})
        self.goal.refresh_from_db()
        assert self.goal.state == "active" and self.goal.evidence.count() == 1
        page = self.client.get(url).content.decode()
        assert "Led the talks" in page and "MARKER-GOAL" in page

    def test_mentor_and_mentee_keep_the_log_of_sessions(self):
        self.sign_in(self.ruth)
        session = self.assert_status(self.post(f"/mentoring/{self.pair.pk}/sessions", {
            "date": "2026-02-03", "topics": "Preparing the district negotiation",
            "next_steps": "Draft the options paper"}), 201)
        assert session["next_steps"] == "Draft the options paper"
        self.sign_in(self.grace)  # the manager reads the log but does not write it
        self.assert_status(self.get(f"/mentoring/{self.pair.pk}"), 200)
        self.assert_status(self.post(f"/mentoring/{self.pair.pk}/sessions", {
            "date": "2026-02-03", "topics": "x"}), 403)
        self.client.force_login(self.tiwonge_user)
        response = self.client.post(f"/mentoring/{self.pair.pk}/", {
            "date": "2026-03-01", "topics": "Reflecting on the MoU"})
        assert response.status_code == 302
        assert MentoringSession.objects.count() == 2

    def test_a_mentor_cannot_hand_the_mentee_to_another_mentor(self):
        self.sign_in(self.ruth)
        self.assert_status(self.post("/mentoring", {
            "mentor_id": self.olga_person.pk, "mentee_id": self.tiwonge.pk,
            "starts": "2026-05-01"}), 403)

    def test_a_goal_targets_above_the_current_level(self):
        self.sign_in(self.tiwonge_user)
        self.assert_status(self.post(self.plan_path("goals"), {
            "competency_code": "ideation", "target_level": 2, "current_level": 3,
            "due_date": str(dt.date(2026, 12, 1))}), 422)
        assert not DevelopmentGoal.objects.filter(competency__code="ideation").exists()
