"""/api/v1/partnerships/{id}/members, their representatives, and /brokers."""

import datetime as dt

import time_machine

from partnering.partnerships.models import BrokerAssignment, Membership, Representative
from tests.apitest import ApiTestCase


class MembersTestCase(ApiTestCase):
    @property
    def members(self) -> str:
        return f"/partnerships/{self.private.pk}/members"

    @property
    def ministry_member(self) -> str:
        return f"{self.members}/{self.ministry_membership.pk}"

    @property
    def lead_membership(self) -> Membership:
        return self.private.memberships.get(role="lead")

    def carols_representation(self) -> Representative:
        return self.ministry_membership.representatives.get(person=self.carol_person)


class ReadingMembers(MembersTestCase):
    def test_it_lists_members_with_their_representatives(self):
        self.sign_in(self.carol)
        items = self.assert_list(self.get(self.members), count=2)
        by_name = {m["organisation_name"]: m for m in items}
        assert by_name["Sahel Water Trust"]["role"] == "lead"
        assert by_name["Ministry of Water"]["iati_role"] == "2"
        assert by_name["Ministry of Water"]["sector"] == "public"
        (carol,) = by_name["Ministry of Water"]["representatives"]
        assert (carol["name"], carol["has_mandate"]) == ("Carol Diallo", False)
        (alice,) = by_name["Sahel Water Trust"]["representatives"]
        assert (alice["person_id"], alice["has_mandate"]) == (self.alice_person.pk, True)

    def test_it_hides_the_members_of_a_private_partnership(self):
        self.assert_error(self.get(self.members), 404)
        self.assert_error(self.get(self.ministry_member), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(self.members), 404)
        self.assert_error(self.get(self.ministry_member), 404)

    def test_it_shows_anyone_the_members_of_a_public_partnership(self):
        items = self.assert_list(self.get(f"/partnerships/{self.public.pk}/members"), count=1)
        assert items[0]["organisation_id"] == self.trust.pk

    def test_it_shows_one_member_only_under_its_own_partnership(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.ministry_member), 200)
        assert body["organisation_id"] == self.ministry.pk
        self.assert_error(
            self.get(f"/partnerships/{self.public.pk}/members/{self.ministry_membership.pk}"), 404)

    def test_it_pages_members(self):
        self.sign_in(self.alice)
        assert len(self.assert_list(self.get(self.members, limit=1, offset=1), count=2)) == 1
        self.assert_error(self.get(self.members, limit=201), 422)


class AddingMembers(MembersTestCase):
    @time_machine.travel(dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC), tick=False)
    def test_it_lets_the_lead_add_a_member_and_audits_it(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.members, {
            "organisation_id": self.bottler.pk, "role": "associate", "iati_role": "1"}), 201)
        assert (body["role"], body["iati_role"], body["joined"]) == ("associate", "1",
                                                                     "2026-11-03")
        assert body["representatives"] == []
        membership = Membership.objects.get(pk=body["id"])
        event = self.assert_audited(membership, "membership.added", actor=self.alice)
        assert event.partnership_id == self.private.pk
        assert "joined as Associate" in event.summary

    def test_it_lets_the_broker_add_a_member(self):
        self.sign_in(self.bob)
        self.assert_status(self.post(self.members, {"organisation_id": self.bottler.pk,
                                                    "joined": "2026-01-15"}), 201)

    def test_it_forbids_a_member_without_a_lead_role(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.members, {"organisation_id": self.bottler.pk}), 403)

    def test_it_answers_404_to_outsiders_and_403_on_a_public_partnership(self):
        self.sign_in(self.olga)
        payload = {"organisation_id": self.elsewhere.pk}
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.members, payload), 404)
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/members", payload), 403)

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/members",
                                        {"organisation_id": self.bottler.pk}), 401)

    def test_it_refuses_an_organisation_that_is_already_a_member(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.members,
                                               {"organisation_id": self.ministry.pk}), 422)
        assert "already a member" in body["detail"]

    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.alice)
        org = self.bottler.pk
        for payload in ({}, {"organisation_id": "bottler"}, {"organisation_id": org,
                                                             "role": "king"},
                        {"organisation_id": org, "iati_role": "9"},
                        {"organisation_id": org, "joined": "soon"}):
            with self.subTest(payload=payload), self.assert_nothing_saved():
                self.assert_error(self.post(self.members, payload), 422)

    def test_it_answers_404_for_an_unknown_organisation(self):
        self.sign_in(self.alice)
        for organisation_id in (999999, 10**30):
            with self.subTest(organisation_id=organisation_id), self.assert_nothing_saved():
                self.assert_error(self.post(self.members, {"organisation_id": organisation_id}),
                                  404)


class ChangingMembers(MembersTestCase):
    def test_it_changes_a_members_role_and_audits_it(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.patch(self.ministry_member, {"role": "observer"}), 200)
        assert body["role"] == "observer"
        event = self.assert_audited(self.ministry_membership, "update", actor=self.alice)
        assert event.changes["role"] == ["core", "observer"]

    def test_it_keeps_a_lead_partner(self):
        self.sign_in(self.alice)
        lead = f"{self.members}/{self.lead_membership.pk}"
        with self.assert_nothing_saved(self.lead_membership):
            body = self.assert_error(self.patch(lead, {"role": "core"}), 422)
            self.assert_error(self.delete(lead), 422)
        assert "lead partner" in body["detail"]

    def test_it_hands_the_lead_over(self):
        self.sign_in(self.alice)
        trust = self.lead_membership
        self.assert_status(self.patch(self.ministry_member, {"role": "lead"}), 200)
        self.assert_status(self.patch(f"{self.members}/{trust.pk}", {"role": "core"}), 200)
        assert self.private.memberships.get(role="lead").organisation == self.ministry

    def test_it_forbids_a_member_without_a_lead_role(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.ministry_membership):
            self.assert_error(self.patch(self.ministry_member, {"role": "lead"}), 403)
            self.assert_error(self.delete(self.ministry_member), 403)

    def test_it_refuses_a_bad_change(self):
        self.sign_in(self.alice)
        for payload in ({"role": "emperor"}, {"iati_role": "5"}, {"joined": "yesterday"}):
            with self.subTest(payload=payload), self.assert_nothing_saved(
                    self.ministry_membership):
                self.assert_error(self.patch(self.ministry_member, payload), 422)

    def test_it_removes_a_member_with_its_representatives_and_audits_it(self):
        self.sign_in(self.alice)
        self.assert_status(self.delete(self.ministry_member), 204)
        assert not Membership.objects.filter(pk=self.ministry_membership.pk).exists()
        assert not Representative.objects.filter(person=self.carol_person).exists()
        event = self.assert_audited(self.ministry_membership, "delete", actor=self.alice)
        assert event.partnership_id == self.private.pk
        self.sign_in(self.carol)
        self.assert_error(self.get(self.members), 404), "Carol no longer sees the partnership"


class Representatives(MembersTestCase):
    @property
    def representatives(self) -> str:
        return f"{self.ministry_member}/representatives"

    def test_it_adds_a_representative_of_the_member_organisation(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.representatives, {
            "person_id": self.ministry_staff.pk, "has_mandate": True}), 201)
        assert (body["name"], body["has_mandate"]) == ("Moussa Ibrahim", True)
        representative = Representative.objects.get(pk=body["id"])
        event = self.assert_audited(representative, "representative.added")
        assert event.partnership_id == self.private.pk
        members = self.assert_list(self.get(self.members))
        ministry = next(m for m in members if m["id"] == self.ministry_membership.pk)
        assert {r["name"] for r in ministry["representatives"]} == {"Carol Diallo",
                                                                    "Moussa Ibrahim"}

    def test_it_refuses_someone_from_another_organisation(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(
                self.post(self.representatives, {"person_id": self.olga_person.pk}), 422)
        assert "not registered with" in body["detail"]

    def test_it_refuses_someone_who_already_represents_the_member(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.representatives,
                                        {"person_id": self.carol_person.pk}), 422)

    def test_it_refuses_bad_input(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.representatives, {}), 422)
            self.assert_error(self.post(self.representatives,
                                        {"person_id": self.ministry_staff.pk,
                                         "has_mandate": "perhaps"}), 422)
            self.assert_error(self.post(self.representatives, {"person_id": 999999}), 404)

    def test_it_forbids_a_member_without_a_lead_role(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.representatives,
                                        {"person_id": self.ministry_staff.pk}), 403)

    def test_it_gives_and_takes_a_mandate_to_decide(self):
        self.sign_in(self.alice)
        url = f"{self.representatives}/{self.carols_representation().pk}"
        body = self.assert_status(self.patch(url, {"has_mandate": True}), 200)
        assert body["has_mandate"] is True
        event = self.assert_audited(self.carols_representation(), "update", actor=self.alice)
        assert event.changes == {"has_mandate": [False, True]}
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.carols_representation()):
            self.assert_error(self.patch(url, {"has_mandate": False}), 403)
            self.assert_error(self.patch(url, {}), 422)

    def test_it_removes_a_representative_and_audits_it(self):
        self.sign_in(self.alice)
        representative = self.carols_representation()
        self.assert_status(self.delete(f"{self.representatives}/{representative.pk}"), 204)
        assert not Representative.objects.filter(pk=representative.pk).exists()
        self.assert_audited(representative, "delete", actor=self.alice)

    def test_it_finds_a_representative_only_under_its_own_member(self):
        self.sign_in(self.alice)
        lead_reps = f"{self.members}/{self.lead_membership.pk}/representatives"
        with self.assert_nothing_saved():
            self.assert_error(self.delete(f"{lead_reps}/{self.carols_representation().pk}"), 404)


class Brokers(MembersTestCase):
    @property
    def brokers(self) -> str:
        return f"/partnerships/{self.private.pk}/brokers"

    def test_it_lists_the_brokers(self):
        self.sign_in(self.carol)
        (bob,) = self.assert_list(self.get(self.brokers), count=1)
        assert (bob["name"], bob["kind"]) == ("Bob Broker", "external")

    def test_it_hides_the_brokers_of_a_private_partnership(self):
        self.assert_error(self.get(self.brokers), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(self.brokers), 404)

    def test_it_adds_a_broker_and_audits_it(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.brokers, {
            "person_id": self.ministry_staff.pk, "kind": "internal", "note": "Convenes"}), 201)
        assignment = BrokerAssignment.objects.get(pk=body["id"])
        assert (assignment.kind, assignment.note) == ("internal", "Convenes")
        assert self.assert_audited(assignment, "broker.assigned").partnership_id == self.private.pk
        self.sign_in(self.ministry_staff_user())
        self.assert_status(self.get(f"/partnerships/{self.private.pk}"), 200)

    def ministry_staff_user(self):
        from tests.base import make_user

        user = make_user("moussa")
        self.ministry_staff.user = user
        self.ministry_staff.save()
        return user

    def test_it_refuses_someone_who_already_brokers(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.brokers, {"person_id": self.bob_person.pk}), 422)

    def test_it_refuses_bad_input(self):
        self.sign_in(self.alice)
        for payload in ({}, {"person_id": self.olga_person.pk, "kind": "freelance"},
                        {"person_id": self.olga_person.pk, "note": "n" * 301}):
            with self.subTest(payload=payload), self.assert_nothing_saved():
                self.assert_error(self.post(self.brokers, payload), 422)

    def test_it_forbids_members_without_a_lead_role_and_outsiders(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.brokers, {"person_id": self.carol_person.pk}), 403)
            self.assert_error(self.delete(f"{self.brokers}/{self.broker_assignment.pk}"), 403)
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.brokers, {"person_id": self.olga_person.pk}), 404)
        self.client.logout()
        self.assert_error(self.post(self.brokers, {"person_id": self.olga_person.pk}), 401)

    def test_it_removes_a_broker_and_audits_it(self):
        self.sign_in(self.alice)
        self.assert_status(self.delete(f"{self.brokers}/{self.broker_assignment.pk}"), 204)
        assert not self.private.brokers.exists()
        self.assert_audited(self.broker_assignment, "delete", actor=self.alice)
        self.sign_in(self.bob)
        self.assert_error(self.get(self.brokers), 404), "Bob no longer sees the partnership"
