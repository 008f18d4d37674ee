"""The lifecycle: /phase, /checklist, /close, /reopen, /transitions and /history."""

import datetime as dt

import time_machine

from partnering.partnerships.models import PhaseTransition
from tests.apitest import TOO_LONG, ApiTestCase

WORLD_BUILT = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)
NOON = dt.datetime(2026, 11, 3, 12, 0, tzinfo=dt.UTC)


@time_machine.travel(WORLD_BUILT, tick=True)
class LifecycleTestCase(ApiTestCase):
    """The persona world is built on 1 October 2026; tests travel on from there."""

    @property
    def base(self) -> str:
        return f"/partnerships/{self.private.pk}"

    def move(self, to_phase, reason="The group is ready.", **extra):
        return self.post(f"{self.base}/phase", {"to_phase": to_phase, "reason": reason, **extra})

    def settle_checklist(self, phase):
        for item in self.private.checklist.filter(phase=phase):
            self.assert_status(self.patch(f"{self.base}/checklist/{item.pk}",
                                          {"status": "done"}), 200)

    def close(self, outcome="closed", reason="The wells are built."):
        return self.post(f"{self.base}/close", {"outcome": outcome, "reason": reason})


class ReadingThePhase(LifecycleTestCase):
    def test_it_shows_the_current_phase_and_the_checklists_of_the_path(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.get(f"{self.base}/phase"), 200)
        assert (body["path"], body["phase"], body["status"]) == ("generic", "exploration",
                                                                 "active")
        assert body["next_phase"] == "building"
        assert [p["code"] for p in body["phases"]] == ["exploration", "building", "running",
                                                      "sustaining"]
        current = [p for p in body["phases"] if p["is_current"]]
        assert [p["code"] for p in current] == ["exploration"]
        assert len(current[0]["checklist"]) == 9
        assert body["open_items"] == [i["text"] for i in current[0]["checklist"]]

    def test_it_shows_the_phase_of_a_public_partnership_to_anyone(self):
        body = self.assert_status(self.get(f"/partnerships/{self.public.pk}/phase"), 200)
        assert body["phase"] == "exploration"

    def test_it_hides_the_phase_of_a_private_partnership(self):
        self.assert_error(self.get(f"{self.base}/phase"), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(f"{self.base}/phase"), 404)
        self.assert_error(self.get(f"{self.base}/transitions"), 404)
        self.assert_error(self.get(f"{self.base}/history"), 404)


class MovingOn(LifecycleTestCase):
    def test_it_warns_with_409_and_the_open_items_and_moves_nothing(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.private):
            body = self.assert_error(self.move("building"), 409)
        assert len(body["open_items"]) == 9
        assert "Map stakeholders" in " ".join(body["open_items"])
        assert "still open" in body["detail"]

    @time_machine.travel(NOON, tick=False)
    def test_it_moves_anyway_when_the_open_items_are_confirmed(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.move("building", confirm_open_items=True), 201)
        assert (body["from_phase"], body["to_phase"]) == ("exploration", "building")
        assert len(body["open_items"]) == 9, "the transition remembers what was left open"
        assert body["actor_name"] == "Alice Mensah"
        assert body["created"] == "2026-11-03T12:00:00Z"
        partnership = self.reload(self.private)
        assert (partnership.phase, partnership.status) == ("building", "active")
        event = self.assert_audited(partnership, "partnership.phase_moved", actor=self.alice)
        assert event.changes["phase"] == ["exploration", "building"]
        assert event.summary == "The group is ready."
        phase = self.assert_status(self.get(f"{self.base}/phase"), 200)
        assert phase["phase"] == "building"
        assert phase["next_phase"] == "running"
        assert len(phase["open_items"]) == 11

    def test_it_moves_without_a_warning_once_the_checklist_is_settled(self):
        self.sign_in(self.carol)
        self.settle_checklist("exploration")
        self.sign_in(self.alice)
        body = self.assert_status(self.move("building"), 201)
        assert body["open_items"] == []

    def test_it_counts_items_marked_not_applicable_as_settled(self):
        self.sign_in(self.alice)
        items = list(self.private.checklist.filter(phase="exploration"))
        for item in items[:-1]:
            self.assert_status(self.patch(f"{self.base}/checklist/{item.pk}",
                                          {"status": "done"}), 200)
        self.assert_status(self.patch(f"{self.base}/checklist/{items[-1].pk}", {
            "status": "not_applicable", "note": "We had a dialogue already"}), 200)
        self.assert_status(self.move("building"), 201)

    def test_it_moves_back_to_rebuild(self):
        self.sign_in(self.alice)
        self.assert_status(self.move("running", confirm_open_items=True), 201)
        body = self.assert_status(
            self.move("building", reason="A partner left; we re-build.",
                      confirm_open_items=True), 201)
        assert (body["from_phase"], body["to_phase"]) == ("running", "building")
        assert self.reload(self.private).phase == "building"

    def test_it_warns_about_open_items_on_a_move_back_too(self):
        self.sign_in(self.alice)
        self.assert_status(self.move("building", confirm_open_items=True), 201)
        with self.assert_nothing_saved(self.private):
            self.assert_error(self.move("exploration"), 409)

    def test_it_refuses_a_bad_move_and_moves_nothing(self):
        self.sign_in(self.alice)
        bad = {
            "same phase": {"to_phase": "exploration", "reason": "Again"},
            "unknown phase": {"to_phase": "party", "reason": "Why not"},
            "phase of the other path": {"to_phase": "execute", "reason": "Shortcut"},
            "no reason": {"to_phase": "building"},
            "empty reason": {"to_phase": "building", "reason": ""},
            "blank reason": {"to_phase": "building", "reason": "   "},
            "oversized reason": {"to_phase": "building", "reason": TOO_LONG},
            "missing phase": {"reason": "Onwards"},
            "confirmation of the wrong type": {"to_phase": "building", "reason": "Go",
                                               "confirm_open_items": "maybe"},
        }
        for case, payload in bad.items():
            payload.setdefault("confirm_open_items", True)
            with self.subTest(case), self.assert_nothing_saved(self.private):
                self.assert_error(self.post(f"{self.base}/phase", payload), 422)

    def test_it_lets_the_broker_and_a_platform_admin_move_the_phase(self):
        for user, phase in ((self.bob, "building"), (self.admin, "running")):
            self.sign_in(user)
            with self.subTest(user=user.username):
                self.assert_status(self.move(phase, confirm_open_items=True), 201)

    def test_it_forbids_a_member_without_a_lead_role(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.private):
            self.assert_error(self.move("building", confirm_open_items=True), 403)

    def test_it_answers_404_to_outsiders_and_403_on_a_public_partnership(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved(self.private, self.public):
            self.assert_error(self.move("building", confirm_open_items=True), 404)
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/phase", {
                "to_phase": "building", "reason": "Go", "confirm_open_items": True}), 403)

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved(self.public):
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/phase", {
                "to_phase": "building", "reason": "Go", "confirm_open_items": True}), 401)

    def test_it_refuses_a_session_move_without_csrf(self):
        client, _ = self.csrf_client(self.alice)
        with self.assert_nothing_saved(self.private):
            self.assert_error(client.post(f"/api/v1{self.base}/phase", {
                "to_phase": "building", "reason": "Go", "confirm_open_items": True},
                content_type="application/json"), 403)

    def test_it_lists_the_transitions_newest_first(self):
        with time_machine.travel(NOON, tick=False):
            self.sign_in(self.alice)
            self.move("building", confirm_open_items=True)
        with time_machine.travel(NOON + dt.timedelta(days=30), tick=False):
            self.sign_in(self.alice)
            self.move("running", confirm_open_items=True)
        items = self.assert_list(self.get(f"{self.base}/transitions"), count=2)
        assert [i["to_phase"] for i in items] == ["running", "building"]
        assert items[0]["created"] == "2026-12-03T12:00:00Z"


class Checklist(LifecycleTestCase):
    def item(self, phase="exploration"):
        return self.private.checklist.filter(phase=phase).first()

    @time_machine.travel(NOON, tick=False)
    def test_it_lets_a_member_tick_an_item_and_audits_it(self):
        self.sign_in(self.carol)
        item = self.item()
        body = self.assert_status(self.patch(f"{self.base}/checklist/{item.pk}",
                                             {"status": "done", "note": "  Agreed  "}), 200)
        assert (body["status"], body["note"]) == ("done", "Agreed")
        item = self.reload(item)
        assert (item.updated_by, item.updated) == (self.carol, NOON)
        event = self.assert_audited(item, "update", actor=self.carol)
        assert event.partnership_id == self.private.pk
        phase = self.assert_status(self.get(f"{self.base}/phase"), 200)
        assert len(phase["open_items"]) == 8

    def test_it_needs_a_reason_to_mark_an_item_not_applicable(self):
        self.sign_in(self.alice)
        item = self.item()
        with self.assert_nothing_saved(item):
            body = self.assert_error(self.patch(f"{self.base}/checklist/{item.pk}",
                                                {"status": "not_applicable"}), 422)
        assert "note" in body["detail"]

    def test_it_refuses_a_bad_status(self):
        self.sign_in(self.alice)
        item = self.item()
        for payload in ({"status": "finished"}, {}, {"status": "done", "note": "n" * 501}):
            with self.subTest(payload=payload), self.assert_nothing_saved(item):
                self.assert_error(self.patch(f"{self.base}/checklist/{item.pk}", payload), 422)

    def test_it_finds_an_item_only_in_its_own_partnership(self):
        self.sign_in(self.alice)
        item = self.public.checklist.first()
        with self.assert_nothing_saved(item):
            self.assert_error(self.patch(f"{self.base}/checklist/{item.pk}",
                                         {"status": "done"}), 404)

    def test_it_lets_a_member_add_an_item_to_a_phase(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post(f"{self.base}/checklist", {
            "phase": "building", "text": "Agree how data is shared"}), 201)
        assert (body["phase"], body["is_custom"], body["status"]) == ("building", True, "open")
        item = self.private.checklist.get(pk=body["id"])
        assert self.assert_audited(item, "create", actor=self.carol).partnership_id == \
            self.private.pk
        phase = self.assert_status(self.get(f"{self.base}/phase"), 200)
        building = next(p for p in phase["phases"] if p["code"] == "building")
        assert building["checklist"][-1]["text"] == "Agree how data is shared"

    def test_it_refuses_a_bad_item(self):
        self.sign_in(self.alice)
        for payload in ({"phase": "execute", "text": "Other path"},
                        {"phase": "party", "text": "No such phase"},
                        {"phase": "building", "text": ""},
                        {"phase": "building", "text": "t" * 301}, {"text": "No phase"}):
            with self.subTest(payload=payload), self.assert_nothing_saved():
                self.assert_error(self.post(f"{self.base}/checklist", payload), 422)

    def test_it_forbids_outsiders(self):
        self.sign_in(self.olga)
        public = f"/partnerships/{self.public.pk}"
        item = self.public.checklist.first()
        with self.assert_nothing_saved(item):
            self.assert_error(self.patch(f"{public}/checklist/{item.pk}", {"status": "done"}),
                              403)
            self.assert_error(self.post(f"{public}/checklist",
                                        {"phase": "building", "text": "Mine"}), 403)
            self.assert_error(self.post(f"{self.base}/checklist",
                                        {"phase": "building", "text": "Mine"}), 404)


class ClosingAndReopening(LifecycleTestCase):
    @time_machine.travel(NOON, tick=False)
    def test_it_closes_a_partnership_with_a_reason(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.close(), 201)
        assert (body["from_status"], body["to_status"]) == ("active", "closed")
        assert body["from_phase"] == body["to_phase"] == "exploration"
        assert len(body["open_items"]) == 9
        partnership = self.reload(self.private)
        assert (partnership.status, partnership.status_reason) == ("closed",
                                                                   "The wells are built.")
        assert partnership.status_changed == NOON
        assert self.assert_audited(partnership, "update").changes["status"] == ["active",
                                                                                 "closed"]
        shown = self.assert_status(self.get(self.base), 200)
        assert shown["status"] == "closed"

    def test_it_records_that_a_partnership_moved_on(self):
        self.sign_in(self.bob)
        body = self.assert_status(self.close("moved_on", "Handed over to the region"), 201)
        assert body["to_status"] == "moved_on"
        self.assert_list(self.get("/partnerships", status="moved_on"), count=1)

    def test_it_refuses_a_bad_closing_and_changes_nothing(self):
        self.sign_in(self.alice)
        for payload in ({"outcome": "paused", "reason": "Break"}, {"outcome": "closed"},
                        {"outcome": "closed", "reason": "  "}, {"reason": "No outcome"},
                        {"outcome": "closed", "reason": TOO_LONG}):
            with self.subTest(payload=payload), self.assert_nothing_saved(self.private):
                self.assert_error(self.post(f"{self.base}/close", payload), 422)

    def test_it_forbids_members_without_a_lead_role_and_outsiders_to_close(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.private):
            self.assert_error(self.close(), 403)
        self.sign_in(self.olga)
        with self.assert_nothing_saved(self.private):
            self.assert_error(self.close(), 404)
        self.client.logout()
        self.assert_error(self.close(), 401)

    def test_it_refuses_changes_to_a_closed_partnership(self):
        self.sign_in(self.alice)
        self.assert_status(self.close(), 201)
        self.private.refresh_from_db()
        item = self.private.checklist.first()
        carol = self.ministry_membership.representatives.get()
        changes = {
            "edit": lambda: self.patch(self.base, {"title": "Still going"}),
            "phase move": lambda: self.move("building", confirm_open_items=True),
            "second close": lambda: self.close("moved_on", "Again"),
            "new member": lambda: self.post(f"{self.base}/members",
                                            {"organisation_id": self.bottler.pk}),
            "member change": lambda: self.patch(
                f"{self.base}/members/{self.ministry_membership.pk}", {"role": "observer"}),
            "member removal": lambda: self.delete(
                f"{self.base}/members/{self.ministry_membership.pk}"),
            "new representative": lambda: self.post(
                f"{self.base}/members/{self.ministry_membership.pk}/representatives",
                {"person_id": self.ministry_staff.pk}),
            "mandate": lambda: self.patch(
                f"{self.base}/members/{self.ministry_membership.pk}/representatives/{carol.pk}",
                {"has_mandate": True}),
            "representative removal": lambda: self.delete(
                f"{self.base}/members/{self.ministry_membership.pk}/representatives/{carol.pk}"),
            "new broker": lambda: self.post(f"{self.base}/brokers",
                                            {"person_id": self.ministry_staff.pk}),
            "broker removal": lambda: self.delete(
                f"{self.base}/brokers/{self.broker_assignment.pk}"),
            "checklist tick": lambda: self.patch(f"{self.base}/checklist/{item.pk}",
                                                 {"status": "done"}),
            "checklist item": lambda: self.post(f"{self.base}/checklist",
                                                {"phase": "building", "text": "More"}),
            "new meeting": lambda: self.post(f"{self.base}/meetings",
                                             {"date": "2026-12-01", "purpose": "Wake"}),
            "meeting change": lambda: self.patch(f"{self.base}/meetings/{self.meeting.pk}",
                                                 {"purpose": "Rewritten"}),
            "meeting removal": lambda: self.delete(f"{self.base}/meetings/{self.meeting.pk}"),
        }
        for case, change in changes.items():
            with self.subTest(case), self.assert_nothing_saved(self.private, self.meeting):
                body = self.assert_error(change(), 422)
                assert "closed" in body["detail"]

    def test_it_still_shows_a_closed_partnership(self):
        self.sign_in(self.alice)
        self.close()
        self.sign_in(self.carol)
        self.assert_status(self.get(f"{self.base}/phase"), 200)
        self.assert_list(self.get(f"{self.base}/members"), count=2)

    @time_machine.travel(NOON, tick=False)
    def test_it_reopens_a_closed_partnership(self):
        self.sign_in(self.alice)
        self.close()
        with time_machine.travel(NOON + dt.timedelta(days=90), tick=False):
            self.sign_in(self.alice)
            body = self.assert_status(self.post(f"{self.base}/reopen",
                                                {"reason": "New funding arrived"}), 201)
        assert (body["from_status"], body["to_status"]) == ("closed", "active")
        partnership = self.reload(self.private)
        assert (partnership.status, partnership.status_reason) == ("active", "")
        assert partnership.status_changed == NOON + dt.timedelta(days=90)
        assert body["created"] == "2027-02-01T12:00:00Z"
        assert PhaseTransition.objects.filter(partnership=self.private).count() == 2
        self.assert_status(self.patch(self.base, {"scope": "Back at work"}), 200)

    def test_it_refuses_to_reopen_an_active_partnership_or_without_a_reason(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.private):
            body = self.assert_error(self.post(f"{self.base}/reopen", {"reason": "Eh"}), 422)
            assert "already active" in body["detail"]
        self.close()
        for payload in ({}, {"reason": ""}, {"reason": "   "}):
            with self.subTest(payload=payload), self.assert_nothing_saved(self.private):
                self.assert_error(self.post(f"{self.base}/reopen", payload), 422)

    def test_it_forbids_members_without_a_lead_role_to_reopen(self):
        self.sign_in(self.alice)
        self.close()
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.private):
            self.assert_error(self.post(f"{self.base}/reopen", {"reason": "Me"}), 403)


class History(LifecycleTestCase):
    def test_it_tells_the_story_of_the_partnership_newest_first(self):
        with time_machine.travel(NOON, tick=False):
            self.sign_in(self.alice)
            self.move("building", reason="Ready to build", confirm_open_items=True)
        with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
            self.close("moved_on", reason="A new container")
        self.sign_in(self.carol)
        items = self.assert_list(self.get(f"{self.base}/history"))
        assert [i["summary"] for i in items[:2]] == ["A new container", "Ready to build"]
        assert items[0]["actor_name"] == "Alice Mensah"
        assert items[0]["created"] == "2026-11-04T12:00:00Z"
        assert items[-1]["object_type"] == "partnerships.partnership"
        assert items[-1]["action"] == "create"

    def test_it_pages_the_history(self):
        self.sign_in(self.alice)
        count = self.assert_status(self.get(f"{self.base}/history"), 200)["count"]
        assert len(self.assert_list(self.get(f"{self.base}/history", limit=2),
                                    count=count)) == 2
        self.assert_error(self.get(f"{self.base}/history", limit=201), 422)
