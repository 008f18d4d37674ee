"""Actions: what, owed by which member organisation (and person), by when, and the decision or
meeting that created them. Any member records them; owners and stewards update them."""

import datetime as dt
import re

import time_machine

from partnering.governance.decisions import services
from partnering.governance.models import Action
from partnering.partnerships import services as partnerships
from tests.governance.base import NOW, TODAY, GovernanceTestCase


@time_machine.travel(NOW, tick=True)
class ActionsTestCase(GovernanceTestCase):
    @property
    def actions(self) -> str:
        return f"/partnerships/{self.private.pk}/actions"

    def payload(self, **extra) -> dict:
        return {"title": "Share the water point map", "description": "As a shapefile.",
                "owner_organisation_id": self.ministry.pk,
                "owner_person_id": self.carol_person.pk, "due_date": "2026-12-01", **extra}

    def decided(self):
        proposal = self.propose()
        for user, org in ((self.alice, self.trust), (self.dan, self.ministry),
                          (self.eve, self.bottler)):
            self.position(user, proposal, org, stance="agree")
        return services.close_proposal(self.alice, proposal)


class RecordingActions(ActionsTestCase):
    def test_it_lets_any_member_record_an_action_and_audits_it(self):
        decision = self.decided()
        self.sign_in(self.eve)
        body = self.assert_status(self.post(self.actions, self.payload(
            decision_id=decision.pk, meeting_id=self.meeting.pk)), 201)
        assert (body["owner_organisation_name"], body["owner_person_name"]) == \
            ("Ministry of Water", "Carol Diallo")
        assert (body["status"], body["due_date"], body["is_overdue"]) == \
            ("open", "2026-12-01", False)
        assert body["decision_title"] == "Adopt the water point map"
        assert body["proposal_id"] == decision.proposal_id
        assert body["meeting_title"] == "1 Oct 2026: First structured dialogue"
        action = Action.objects.get()
        assert action.created_by == self.eve
        event = self.assert_audited(action, "action.assigned", actor=self.eve)
        assert event.changes["owner_organisation"] == [None, "Ministry of Water"]
        assert event.partnership_id == self.private.pk
        assert event.summary.startswith("Ministry of Water owes")

    def test_it_lets_brokers_record_actions_but_not_outsiders(self):
        self.sign_in(self.bob)
        self.assert_status(self.post(self.actions, self.payload()), 201)
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.actions, self.payload()), 404)
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/actions",
                                        self.payload()), 403)
        self.client.logout()
        with self.assert_nothing_saved():
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/actions",
                                        self.payload()), 401)

    def test_it_refuses_bad_input_and_saves_nothing(self):
        other_meeting = partnerships.record_meeting(self.alice, self.public,
                                                    date="2026-11-01", purpose="Data sprint")
        self.sign_in(self.alice)
        bad = {
            "owner not a member": self.payload(owner_organisation_id=self.elsewhere.pk,
                                               owner_person_id=None),
            "unknown owner": self.payload(owner_organisation_id=10**6),
            "person of another organisation": self.payload(
                owner_person_id=self.alice_person.pk),
            "unknown person": self.payload(owner_person_id=10**6),
            "meeting of another partnership": self.payload(meeting_id=other_meeting.pk),
            "unknown decision": self.payload(decision_id=10**6),
            "no owner": {k: v for k, v in self.payload().items()
                         if k != "owner_organisation_id"},
            "no due date": {k: v for k, v in self.payload().items() if k != "due_date"},
            "not a date": self.payload(due_date="soon"),
            "empty title": self.payload(title=""),
            "blank title": self.payload(title="  "),
            "long title": self.payload(title="t" * 301),
            "unknown status": self.payload(status="forgotten"),
            "huge id": self.payload(owner_person_id=10**30),
        }
        for name, payload in bad.items():
            with self.subTest(name), self.assert_nothing_saved():
                response = self.post(self.actions, payload)
                assert 400 <= response.status_code < 500, (name, response.status_code)
                assert response.json()["detail"], name

    def test_it_refuses_a_decision_of_another_partnership(self):
        other = self.propose(partnership=self.public)
        self.position(self.alice, other, self.trust, stance="agree")
        decision = services.close_proposal(self.alice, other)
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.actions, self.payload(decision_id=decision.pk)),
                              422)

    def test_it_finds_an_action_only_under_its_own_partnership(self):
        action = self.action()
        self.sign_in(self.alice)
        body = self.assert_status(self.get(f"{self.actions}/{action.pk}"), 200)
        assert body["title"] == "Share the water point map"
        self.assert_error(self.get(f"/partnerships/{self.public.pk}/actions/{action.pk}"), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(f"{self.actions}/{action.pk}"), 404)
        self.assert_error(self.get(self.actions), 404)


class UpdatingActions(ActionsTestCase):
    def test_it_lets_the_owner_organisation_update_the_status(self):
        action = self.action()
        self.sign_in(self.carol)  # represents the ministry, without a mandate: still owes it
        body = self.assert_status(self.patch(f"{self.actions}/{action.pk}",
                                             {"status": "in_progress"}), 200)
        assert body["status"] == "in_progress"
        body = self.assert_status(self.patch(f"{self.actions}/{action.pk}",
                                             {"status": "done"}), 200)
        assert body["completed_at"] is not None
        event = self.assert_audited(action, "action.completed", actor=self.carol)
        assert event.changes["status"] == ["in_progress", "done"]
        assert self.assert_audited(action, "update").changes["status"] == ["open", "in_progress"]
        body = self.assert_status(self.patch(f"{self.actions}/{action.pk}",
                                             {"status": "open"}), 200)
        assert body["completed_at"] is None

    def test_it_lets_the_owner_person_update_the_status(self):
        action = self.action(owner_organisation=self.bottler, owner_person=self.eve_person)
        self.sign_in(self.eve)
        self.assert_status(self.patch(f"{self.actions}/{action.pk}", {"status": "dropped"}),
                           200)

    def test_it_keeps_other_fields_for_stewards(self):
        action = self.action()
        self.sign_in(self.carol)
        with self.assert_nothing_saved(action):
            self.assert_error(self.patch(f"{self.actions}/{action.pk}",
                                         {"due_date": "2027-06-01"}), 403)
            self.assert_error(self.patch(f"{self.actions}/{action.pk}",
                                         {"status": "done", "title": "Done it"}), 403)
        self.sign_in(self.bob)
        body = self.assert_status(self.patch(f"{self.actions}/{action.pk}", {
            "due_date": "2027-06-01", "owner_organisation_id": self.bottler.pk,
            "owner_person_id": None, "title": "Map, second edition"}), 200)
        assert (body["due_date"], body["owner_organisation_name"], body["owner_person_id"],
                body["title"]) == ("2027-06-01", "Clearwater Bottling", None,
                                   "Map, second edition")

    def test_it_refuses_other_members_and_outsiders(self):
        action = self.action()
        for user, status in ((self.eve, 403), (self.dan, 200), (self.olga, 404)):
            self.sign_in(user)
            response = self.patch(f"{self.actions}/{action.pk}", {"status": "in_progress"})
            assert response.status_code == status, (user, response.status_code)

    def test_it_refuses_bad_updates_and_changes_nothing(self):
        action = self.action()
        self.sign_in(self.alice)
        for payload in ({"owner_organisation_id": self.elsewhere.pk},
                        {"owner_person_id": self.alice_person.pk},
                        {"owner_organisation_id": None}, {"status": None}, {"title": None},
                        {"due_date": None}, {"status": "lost"}, {"title": ""}):
            with self.subTest(payload), self.assert_nothing_saved(action):
                response = self.patch(f"{self.actions}/{action.pk}", payload)
                assert response.status_code == 422, (payload, response.status_code)

    def test_it_lets_only_stewards_delete(self):
        action = self.action()
        self.sign_in(self.carol)
        with self.assert_nothing_saved(action):
            self.assert_error(self.delete(f"{self.actions}/{action.pk}"), 403)
        self.sign_in(self.alice)
        self.assert_status(self.delete(f"{self.actions}/{action.pk}"), 204)
        assert not Action.objects.exists()
        event = self.audit_for(action, "delete").get()
        assert event.partnership_id == self.private.pk

    def test_it_changes_nothing_in_a_closed_partnership(self):
        action = self.action()
        partnerships.close_partnership(self.alice, self.private, outcome="closed",
                                       reason="Done")
        self.sign_in(self.carol)
        with self.assert_nothing_saved(action):
            self.assert_error(self.patch(f"{self.actions}/{action.pk}", {"status": "done"}),
                              422)
            self.assert_error(self.post(self.actions, self.payload()), 422)


class ListingActions(ActionsTestCase):
    def test_it_lists_and_filters_actions(self):
        self.action(title="Map", due_date=TODAY - dt.timedelta(days=3))
        self.action(title="Budget", owner_organisation=self.bottler,
                    due_date=TODAY + dt.timedelta(days=3))
        self.action(title="Report", owner_organisation=self.bottler, status="done",
                    due_date=TODAY - dt.timedelta(days=9))
        self.sign_in(self.carol)
        items = self.assert_list(self.get(self.actions), count=3)
        assert [a["title"] for a in items] == ["Report", "Map", "Budget"], "by due date"
        items = self.assert_list(self.get(self.actions, owner=self.bottler.pk), count=2)
        items = self.assert_list(self.get(self.actions, status="done"), count=1)
        items = self.assert_list(self.get(self.actions, overdue="true"), count=1)
        assert (items[0]["title"], items[0]["days_overdue"]) == ("Map", 3)
        self.assert_list(self.get(self.actions, overdue="false"), count=2)
        self.assert_error(self.get(self.actions, status="lost"), 422)
        self.assert_error(self.get(self.actions, owner="ministry"), 422)


class ActionPages(ActionsTestCase):
    def test_it_records_an_action_from_a_meeting(self):
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/meetings/"
                                   f"{self.meeting.pk}/")
        self.assertContains(response, "Actions agreed at this meeting")
        self.assertContains(response, f"/actions/new/?meeting={self.meeting.pk}")
        url = f"/partnerships/{self.private.pk}/actions/new/?meeting={self.meeting.pk}"
        response = self.client.get(url)
        assert re.search(rf'<option value="{self.meeting.pk}" selected>', response.content
                         .decode())
        response = self.client.post(url, {
            "title": "Share the map", "owner_organisation": self.ministry.pk,
            "owner_person": self.carol_person.pk, "due_date": "2026-12-01", "status": "open",
            "meeting": self.meeting.pk})
        action = Action.objects.get()
        self.assertRedirects(response, f"/partnerships/{self.private.pk}/actions/{action.pk}/")
        assert action.meeting == self.meeting
        response = self.client.get(f"/partnerships/{self.private.pk}/meetings/"
                                   f"{self.meeting.pk}/")
        self.assertContains(response, "Share the map")

    def test_it_shows_form_errors_and_saves_nothing(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            response = self.client.post(f"/partnerships/{self.private.pk}/actions/new/", {
                "title": "Share the map", "owner_organisation": self.ministry.pk,
                "owner_person": self.eve_person.pk, "due_date": "2026-12-01",
                "status": "open"})
        self.assertContains(response, "is not registered with Ministry of Water",
                            status_code=422)

    def test_it_updates_the_status_from_the_pages(self):
        action = self.action()
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/actions/{action.pk}/")
        self.assertContains(response, "Update the status")
        self.assertNotContains(response, "Delete this action")
        response = self.client.post(
            f"/partnerships/{self.private.pk}/actions/{action.pk}/status/",
            {"status": "done", "next": "actions"})
        self.assertRedirects(response, f"/partnerships/{self.private.pk}/actions/")
        assert self.reload(action).status == "done"
        self.sign_in(self.eve)
        response = self.client.get(f"/partnerships/{self.private.pk}/actions/{action.pk}/")
        self.assertNotContains(response, "Update the status")
        with self.assert_nothing_saved(action):
            response = self.client.post(
                f"/partnerships/{self.private.pk}/actions/{action.pk}/status/",
                {"status": "open"})
        assert response.status_code == 403

    def test_it_lets_stewards_edit_and_delete_from_the_pages(self):
        action = self.action()
        self.sign_in(self.bob)
        url = f"/partnerships/{self.private.pk}/actions/{action.pk}/edit/"
        self.assertContains(self.client.get(url), "Edit action")
        response = self.client.post(url, {
            "title": "Share the map", "owner_organisation": self.bottler.pk,
            "owner_person": self.eve_person.pk, "due_date": "2027-01-10",
            "status": "in_progress"})
        assert response.status_code == 302
        action = self.reload(action)
        assert (action.owner_organisation, action.owner_person, action.status) == \
            (self.bottler, self.eve_person, "in_progress")
        event = self.assert_audited(action, "action.assigned", actor=self.bob)
        assert event.changes["owner_organisation"] == ["Ministry of Water", "Clearwater Bottling"]
        assert event.changes["status"] == ["open", "in_progress"]
        response = self.client.post(
            f"/partnerships/{self.private.pk}/actions/{action.pk}/delete/")
        self.assertRedirects(response, f"/partnerships/{self.private.pk}/actions/")
        assert not Action.objects.exists()

    def test_it_refuses_edit_and_delete_pages_to_other_members(self):
        action = self.action()
        self.sign_in(self.carol)
        base = f"/partnerships/{self.private.pk}/actions/{action.pk}"
        assert self.client.get(f"{base}/edit/").status_code == 403
        with self.assert_nothing_saved(action):
            assert self.client.post(f"{base}/delete/").status_code == 403
        self.sign_in(self.olga)
        assert self.client.get(f"{base}/").status_code == 404
