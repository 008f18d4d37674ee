"""Sign-off: a steward proposes a draft; a representative with a mandate signs for each
member organisation, never for another; the last signature makes the version agreed and
supersedes the one before."""

import datetime as dt

import time_machine

from partnering.agreements import services
from partnering.agreements.models import Signature
from partnering.audit.models import AuditEvent
from tests.agreements.base import WORLD_BUILT, AgreementTestCase
from tests.base import make_person, make_user

PROPOSED_DAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
SIGNED_DAY = dt.datetime(2026, 11, 9, 15, 30, tzinfo=dt.UTC)


@time_machine.travel(WORLD_BUILT, tick=True)
class Proposing(AgreementTestCase):
    def test_it_lets_only_a_steward_propose(self):
        version = self.ready()
        self.sign_in(self.carol)
        with self.assert_nothing_saved(version):
            self.assert_error(self.post(f"{self.version_path(1)}/propose"), 403)
        with time_machine.travel(PROPOSED_DAY, tick=False):
            self.sign_in(self.bob)
            body = self.assert_status(self.post(f"{self.version_path(1)}/propose"), 200)
        assert body["status"] == "proposed"
        assert body["proposed_at"].startswith("2026-11-02T09:00")
        event = self.assert_audited(version, "agreement.version_proposed", actor=self.bob)
        assert event.changes["status"] == ["draft", "proposed"]
        assert "Ministry of Water" in event.summary

    def test_it_says_what_stops_a_draft_from_being_proposed(self):
        version = self.start()
        self.sign_in(self.alice)
        with self.assert_nothing_saved(version):
            body = self.assert_error(self.post(f"{self.version_path(1)}/propose"), 422)
        assert "template guidance in [square brackets]" in body["detail"]
        assert "Culture and values" in body["detail"]

    def test_it_wants_terms_for_every_member(self):
        from partnering.partnerships import services as partnerships

        version = self.ready()
        partnerships.add_member(self.alice, self.private, organisation=self.bottler)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(version):
            body = self.assert_error(self.post(f"{self.version_path(1)}/propose"), 422)
        assert "Clearwater Bottling" in body["detail"]

    def test_it_wants_a_change_note_on_a_new_version(self):
        self.agree(self.ready())
        draft = services.start_from_latest(self.alice, self.private)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(draft):
            body = self.assert_error(self.post(f"{self.version_path(2)}/propose"), 422)
        assert "changes and why" in body["detail"]

    def test_it_proposes_only_a_draft(self):
        version = self.ready()
        services.propose(self.alice, version)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(version):
            self.assert_error(self.post(f"{self.version_path(1)}/propose"), 422)


@time_machine.travel(WORLD_BUILT, tick=True)
class Signing(AgreementTestCase):
    def setUp(self):
        self.version = self.ready()
        services.propose(self.alice, self.version)
        self.signatures = f"{self.version_path(1)}/signatures"

    def test_it_runs_the_whole_sign_off_to_agreement(self):
        with time_machine.travel(SIGNED_DAY, tick=False):
            self.sign_in(self.alice)
            body = self.assert_status(self.post(self.signatures,
                                                {"organisation_id": self.trust.pk}), 201)
        assert (body["organisation_id"], body["signatory_name"]) == (self.trust.pk,
                                                                     "Alice Mensah")
        assert body["signed_at"].startswith("2026-11-09T15:30")
        signature = Signature.objects.get(pk=body["id"])
        event = self.assert_audited(signature, "agreement.signed", actor=self.alice)
        assert event.summary == "Alice Mensah signed version 1 for Sahel Water Trust (SWT)"
        assert event.partnership_id == self.private.pk
        overview = self.assert_status(self.get(f"/partnerships/{self.private.pk}/agreement"),
                                      200)
        assert overview["in_progress_status"] == "proposed"
        assert [p["organisation_name"] for p in overview["waiting_for"]] == \
            ["Ministry of Water"]
        assert overview["waiting_for"][0]["mandated_representatives"] == [], \
            "nobody at the ministry may sign yet"
        assert self.reload(self.version).status == "proposed"

        self.give_carol_a_mandate()
        self.sign_in(self.carol)
        self.assert_status(self.post(self.signatures, {"organisation_id": self.ministry.pk}),
                           201)
        version = self.reload(self.version)
        assert version.status == "agreed" and version.agreed_at is not None
        items = self.assert_list(self.get(self.signatures), count=2)
        assert {i["organisation_id"] for i in items} == {self.trust.pk, self.ministry.pk}
        event = AuditEvent.objects.for_object(version).filter(changes__status__1="agreed")
        assert event.exists(), "agreement is in the audit trail"
        overview = self.assert_status(self.get(f"/partnerships/{self.private.pk}/agreement"),
                                      200)
        assert overview["agreed_version"] == 1 and overview["rule"]["rule"] == "consensus"

    def test_it_refuses_a_representative_without_a_mandate(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.version):
            body = self.assert_error(self.post(self.signatures,
                                               {"organisation_id": self.ministry.pk}), 403)
        assert "without a mandate" in body["detail"]

    def test_it_never_lets_anyone_sign_for_another_organisation(self):
        self.give_carol_a_mandate()
        for user, org in ((self.alice, self.ministry), (self.carol, self.trust),
                          (self.bob, self.trust), (self.admin, self.trust),
                          (self.admin, self.ministry)):
            self.sign_in(user)
            with self.subTest(user=user.username, org=org.name), \
                    self.assert_nothing_saved(self.version):
                body = self.assert_error(self.post(self.signatures,
                                                   {"organisation_id": org.pk}), 403)
                assert "only its own representatives" in body["detail"]

    def test_it_refuses_to_sign_twice(self):
        self.sign_in(self.alice)
        self.assert_status(self.post(self.signatures, {"organisation_id": self.trust.pk}), 201)
        with self.assert_nothing_saved(self.version):
            body = self.assert_error(self.post(self.signatures,
                                               {"organisation_id": self.trust.pk}), 422)
        assert "already signed" in body["detail"]
        assert Signature.objects.count() == 1

    def test_it_refuses_a_second_signatory_of_the_same_organisation(self):
        from partnering.partnerships import services as partnerships

        yusuf = make_user("yusuf")
        second = make_person("Yusuf Garba", self.trust, yusuf)
        membership = self.private.memberships.get(organisation=self.trust)
        partnerships.add_representative(self.alice, membership, person=second,
                                        has_mandate=True)
        services.sign(self.alice, self.version, organisation=self.trust)
        self.sign_in(yusuf)
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.signatures, {"organisation_id": self.trust.pk}),
                              422)

    def test_it_refuses_to_sign_a_draft_or_an_agreed_version(self):
        self.sign_in(self.alice)
        services.withdraw(self.alice, self.version, reason="One more clause")
        with self.assert_nothing_saved(self.version):
            body = self.assert_error(self.post(self.signatures,
                                               {"organisation_id": self.trust.pk}), 422)
        assert "only a version proposed for sign-off can be signed" in body["detail"]
        services.propose(self.alice, self.version)
        self.agree_now()
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.signatures, {"organisation_id": self.trust.pk}),
                              422)

    def agree_now(self):
        self.give_carol_a_mandate()
        services.sign(self.alice, self.version, organisation=self.trust)
        services.sign(self.carol, self.version, organisation=self.ministry)

    def test_it_refuses_an_organisation_that_is_not_a_member(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.signatures, {"organisation_id": self.bottler.pk}),
                              422)
            self.assert_error(self.post(self.signatures, {}), 422)

    def test_it_answers_404_to_outsiders(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.signatures, {"organisation_id": self.trust.pk}),
                              404)
            self.assert_error(self.get(self.signatures), 404)


@time_machine.travel(WORLD_BUILT, tick=True)
class Superseding(AgreementTestCase):
    def test_it_supersedes_the_agreed_version_when_the_next_is_agreed(self):
        v1 = self.agree(self.ready())
        v2 = services.update_version(self.carol, v1, kpis="Boreholes working: target 60.")
        self.complete(v2)
        services.update_version(self.alice, v2, kpis="Boreholes working: target 60.")
        services.propose(self.alice, v2)
        services.sign(self.alice, v2, organisation=self.trust)
        assert self.reload(v1).status == "agreed", "in force until every member signs"
        services.sign(self.carol, v2, organisation=self.ministry)
        assert (self.reload(v1).status, self.reload(v2).status) == ("superseded", "agreed")
        event = self.assert_audited(v1, "update")
        assert "superseded by version 2" in event.summary
        self.sign_in(self.carol)
        items = self.assert_list(self.get(self.versions_path()), count=2)
        assert [(i["number"], i["status"]) for i in items] == [(2, "agreed"),
                                                               (1, "superseded")]


@time_machine.travel(WORLD_BUILT, tick=True)
class Withdrawing(AgreementTestCase):
    def setUp(self):
        self.version = self.ready()
        services.propose(self.alice, self.version)
        services.sign(self.alice, self.version, organisation=self.trust)
        self.path = f"{self.version_path(1)}/withdraw"

    def test_it_takes_a_proposed_version_back_to_draft_and_clears_signatures(self):
        self.sign_in(self.bob)
        body = self.assert_status(self.post(self.path, {"reason": "The ministry asks for a "
                                                                  "data clause."}), 200)
        assert body["status"] == "draft" and body["proposed_at"] is None
        assert not Signature.objects.exists()
        event = self.assert_audited(self.version, "update", actor=self.bob)
        assert "data clause" in event.summary and "1 signature(s) cleared" in event.summary
        cleared = AuditEvent.objects.filter(object_type="agreements.signature",
                                            action="signature.deleted")
        assert cleared.count() == 1

    def test_it_needs_a_steward_and_a_reason(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.path, {"reason": "I changed my mind"}), 403)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.path, {"reason": ""}), 422)
            self.assert_error(self.post(self.path, {"reason": "   "}), 422)

    def test_it_withdraws_only_a_proposed_version(self):
        services.withdraw(self.alice, self.version, reason="Redo")
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.post(self.path, {"reason": "Again"}), 422)
