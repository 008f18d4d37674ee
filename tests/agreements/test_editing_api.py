"""Editing a draft: sections and the decision rule, each member's terms, and the resources
each member commits. Bad input changes nothing; an edit after agreement makes a new draft."""

from decimal import Decimal

import time_machine

from partnering.agreements.models import AgreementVersion, MemberTerms, ResourceCommitment
from tests.agreements.base import WORLD_BUILT, AgreementTestCase
from tests.apitest import TOO_LONG


@time_machine.travel(WORLD_BUILT, tick=True)
class EditingSections(AgreementTestCase):
    def setUp(self):
        self.version = self.start()
        self.path = self.version_path(1)

    def test_it_lets_a_member_edit_sections_and_the_rule_and_audits_it(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.path, {
            "common_goals": "Repair 40 boreholes.", "decision_rule": "qualified_majority",
            "quorum_percent": 60, "majority_percent": 75, "valuation_currency": "eur"}), 200)
        assert body["common_goals"] == "Repair 40 boreholes."
        assert (body["decision_rule"], body["quorum_percent"], body["majority_percent"]) == \
            ("qualified_majority", 60, 75)
        assert body["valuation_currency"] == "EUR"
        event = self.assert_audited(self.version, "update", actor=self.carol)
        assert set(event.changes) == {"common_goals", "decision_rule", "quorum_percent",
                                      "majority_percent", "valuation_currency"}
        assert event.partnership_id == self.private.pk

    def test_it_leaves_out_fields_not_sent_and_clears_a_section_sent_as_null(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.patch(self.path, {"data_ip": None}), 200)
        assert body["data_ip"] == ""
        assert body["purpose_vision"] == self.version.purpose_vision

    def test_it_refuses_bad_input_and_changes_nothing(self):
        self.sign_in(self.alice)
        for payload in ({"quorum_percent": 0}, {"quorum_percent": 101},
                        {"majority_percent": 50}, {"quorum_percent": 10**30},
                        {"decision_rule": "dictator"}, {"valuation_currency": "ABC"},
                        {"valuation_currency": "euros"}, {"title": ""}, {"title": None},
                        {"decision_rule": None}, {"kpis": TOO_LONG}, {"kpis": 12}):
            with self.subTest(payload), self.assert_nothing_saved(self.version):
                self.assert_error(self.patch(self.path, payload), 422)

    def test_it_says_which_field_is_wrong(self):
        self.sign_in(self.alice)
        body = self.assert_error(self.patch(self.path, {"valuation_currency": "ABC"}), 422)
        assert body["errors"][0]["loc"] == ["valuation_currency"]
        assert "ISO 4217" in body["detail"]

    def test_it_forbids_outsiders_and_anonymous_visitors(self):
        with self.assert_nothing_saved(self.version):
            self.assert_error(self.patch(self.path, {"kpis": "x"}), 401)
            self.sign_in(self.olga)
            self.assert_error(self.patch(self.path, {"kpis": "x"}), 404)
            self.assert_error(self.get(self.path), 404)

    def test_it_finds_a_version_only_under_its_own_partnership(self):
        self.sign_in(self.alice)
        self.assert_error(self.get(self.version_path(1, self.public)), 404)
        self.assert_error(self.get(self.version_path(99)), 404)


@time_machine.travel(WORLD_BUILT, tick=True)
class EditingMemberTerms(AgreementTestCase):
    def setUp(self):
        self.version = self.start()
        self.trust_terms = self.version.member_terms.get(organisation=self.trust)
        self.ministry_terms = self.version.member_terms.get(organisation=self.ministry)

    def terms_path(self, terms) -> str:
        return f"{self.version_path(1)}/terms/{terms.pk}"

    def test_it_lets_a_representative_state_their_own_organisations_goals(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.terms_path(self.ministry_terms), {
            "own_goals": "Data for the national water report.",
            "roles": "Licenses boreholes; shares the water point register.",
            "vote_weight": "2.5"}), 200)
        assert body["own_goals"] == "Data for the national water report."
        assert Decimal(body["vote_weight"]) == Decimal("2.5")
        self.assert_audited(self.ministry_terms, "update", actor=self.carol)

    def test_it_forbids_a_member_to_write_another_members_terms(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.trust_terms):
            self.assert_error(self.patch(self.terms_path(self.trust_terms),
                                         {"own_goals": "Whatever the ministry says."}), 403)

    def test_it_lets_the_stewards_write_any_members_terms(self):
        for user in (self.alice, self.bob, self.admin):
            self.sign_in(user)
            self.assert_status(self.patch(self.terms_path(self.ministry_terms),
                                          {"roles": f"Typed up by {user}"}), 200)

    def test_it_refuses_a_negative_or_oversized_weight(self):
        self.sign_in(self.alice)
        for payload in ({"vote_weight": "-1"}, {"vote_weight": "1234567.5"},
                        {"vote_weight": "NaN"}, {"vote_weight": "0.0001"},
                        {"roles": TOO_LONG}):
            with self.subTest(payload), self.assert_nothing_saved(self.trust_terms):
                self.assert_error(self.patch(self.terms_path(self.trust_terms), payload), 422)

    def test_it_adds_terms_for_a_member_that_joined_after_the_draft_started(self):
        from partnering.partnerships import services as partnerships

        partnerships.add_member(self.alice, self.private, organisation=self.bottler)
        self.sign_in(self.alice)
        path = f"{self.version_path(1)}/terms"
        body = self.assert_status(self.post(path, {"organisation_id": self.bottler.pk,
                                                   "own_goals": "A reliable water supply."}),
                                  201)
        assert body["own_goals"] == "A reliable water supply."
        assert "[" in body["roles"], "fields left out start with the template's guidance"
        with self.assert_nothing_saved():
            self.assert_error(self.post(path, {"organisation_id": self.bottler.pk}), 422)
            self.assert_error(self.post(path, {"organisation_id": self.elsewhere.pk}), 422)
        self.assert_list(self.get(path), count=3)

    def test_it_lets_a_steward_take_a_member_out_of_a_draft_with_its_commitments(self):
        from partnering.agreements import services

        services.add_commitment(self.alice, self.version, organisation=self.ministry,
                                kind="data", description="Water point register")
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.delete(self.terms_path(self.ministry_terms)), 403)
        self.sign_in(self.alice)
        self.assert_status(self.delete(self.terms_path(self.ministry_terms)), 204)
        assert not self.version.commitments.exists()
        self.assert_audited(self.ministry_terms, "delete", actor=self.alice)


@time_machine.travel(WORLD_BUILT, tick=True)
class CommittingResources(AgreementTestCase):
    def setUp(self):
        self.version = self.start(valuation_currency="EUR")
        self.path = f"{self.version_path(1)}/commitments"

    def payload(self, **extra) -> dict:
        return {"organisation_id": self.trust.pk, "kind": "cash",
                "description": "Repair fund for 40 boreholes", "amount": "120000",
                "currency": "EUR", **extra}

    def test_it_records_cash_with_its_currency_and_values_it(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.path, self.payload()), 201)
        assert (Decimal(body["amount"]), body["currency"]) == (Decimal(120000), "EUR")
        assert Decimal(body["estimated_value"]) == Decimal(120000), \
            "cash in the valuation currency is worth its amount"
        commitment = ResourceCommitment.objects.get(pk=body["id"])
        self.assert_audited(commitment, "create", actor=self.alice)

    def test_it_records_every_kind_of_resource(self):
        self.sign_in(self.carol)
        for kind, description in (("in_kind", "Office space in Tillabéri"),
                                  ("staff_time", "Two engineers, 20% of their time"),
                                  ("expertise", "Hydrogeology"),
                                  ("data", "National water point register"),
                                  ("networks", "Access to the regional governors")):
            self.assert_status(self.post(self.path, {
                "organisation_id": self.ministry.pk, "kind": kind,
                "description": description, "estimated_value": "5000"}), 201)
        body = self.assert_status(self.get(self.version_path(1)), 200)
        assert Decimal(body["total_committed"]) == Decimal(25000)
        committed = {p["organisation_id"]: p["committed_value"] for p in body["parties"]}
        assert Decimal(committed[self.ministry.pk]) == Decimal(25000)

    def test_it_refuses_bad_commitments_and_saves_nothing(self):
        self.sign_in(self.alice)
        bad = {
            "negative amount": self.payload(amount="-5"),
            "negative value": self.payload(estimated_value="-1"),
            "unknown currency": self.payload(currency="XYZ"),
            "not a currency code": self.payload(currency="euros"),
            "cash without amount": self.payload(amount=None),
            "cash without currency": self.payload(currency=""),
            "amount without currency": self.payload(kind="in_kind", currency=""),
            "currency without amount": self.payload(kind="in_kind", amount=None),
            "unknown kind": self.payload(kind="goodwill"),
            "empty description": self.payload(description=""),
            "too many digits": self.payload(amount="12345678901234567"),
            "not a member": self.payload(organisation_id=self.elsewhere.pk),
            "no such organisation": self.payload(organisation_id=10**30),
        }
        for case, payload in bad.items():
            with self.subTest(case), self.assert_nothing_saved(self.version):
                self.assert_error(self.post(self.path, payload), 422)

    def test_it_lets_members_commit_only_for_their_own_organisation(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.path, self.payload()), 403)

    def test_it_changes_and_removes_a_commitment(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.path, self.payload()), 201)
        item = f"{self.path}/{body['id']}"
        changed = self.assert_status(self.patch(item, {"amount": "90000",
                                                       "estimated_value": "90000"}), 200)
        assert Decimal(changed["amount"]) == Decimal(90000)
        with self.assert_nothing_saved():
            self.assert_error(self.patch(item, {"amount": "-1"}), 422)
            self.assert_error(self.patch(item, {"currency": "???"}), 422)
            self.assert_error(self.patch(item, {"amount": None}), 422)
        self.sign_in(self.carol)
        self.assert_error(self.delete(item), 403)
        self.sign_in(self.alice)
        self.assert_status(self.delete(item), 204)
        self.assert_error(self.get(item), 404)


@time_machine.travel(WORLD_BUILT, tick=True)
class EditingAfterAgreement(AgreementTestCase):
    def setUp(self):
        self.v1 = self.agree(self.ready())

    def test_it_makes_a_new_draft_when_the_agreed_version_is_edited(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.version_path(1), {
            "governance_structure": "A rotating chair."}), 201)
        assert (body["number"], body["status"], body["based_on_number"]) == (2, "draft", 1)
        assert body["governance_structure"] == "A rotating chair."
        v1 = self.reload(self.v1)
        assert v1.status == "agreed" and v1.governance_structure != "A rotating chair."
        # The next edit lands in the draft, not in yet another one.
        with self.assert_nothing_saved(v1):
            self.assert_error(self.patch(self.version_path(1), {"kpis": "More."}), 422)

    def test_it_makes_no_draft_for_an_edit_that_changes_nothing(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.v1):
            body = self.assert_status(self.patch(self.version_path(1), {
                "kpis": self.v1.kpis}), 200)
            self.assert_status(self.patch(self.version_path(1), {}), 200)
        assert (body["number"], body["status"]) == (1, "agreed")

    def test_it_adds_terms_only_to_a_draft(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.v1):
            body = self.assert_error(self.post(f"{self.version_path(1)}/terms", {
                "organisation_id": self.trust.pk}), 422)
        assert "added to a draft" in body["detail"]

    def test_it_makes_a_new_draft_when_agreed_terms_or_commitments_change(self):
        terms = self.v1.member_terms.get(organisation=self.ministry)
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(f"{self.version_path(1)}/terms/{terms.pk}", {
            "roles": "Also chairs the steering group."}), 201)
        assert body["version_number"] == 2
        assert self.reload(terms).roles == "Ministry of Water roles."
        draft = AgreementVersion.objects.get(partnership=self.private, number=2)
        assert draft.member_terms.get(organisation=self.ministry).roles == \
            "Also chairs the steering group."

    def test_it_freezes_a_proposed_version(self):
        from partnering.agreements import services

        draft = services.start_from_latest(self.alice, self.private)
        self.complete(draft)
        services.propose(self.alice, draft)
        terms = draft.member_terms.first()
        self.sign_in(self.alice)
        with self.assert_nothing_saved(draft, terms):
            body = self.assert_error(self.patch(self.version_path(2), {"kpis": "x"}), 422)
            assert "frozen" in body["detail"]
            self.assert_error(self.patch(f"{self.version_path(2)}/terms/{terms.pk}",
                                         {"roles": "x"}), 422)
            self.assert_error(self.post(f"{self.version_path(2)}/commitments", {
                "organisation_id": self.trust.pk, "kind": "data", "description": "x"}), 422)

    def test_it_never_changes_a_superseded_version(self):
        from partnering.agreements import services

        v2 = services.update_version(self.alice, self.v1, kpis="Quarterly.")
        self.complete(v2)
        services.propose(self.alice, v2)
        services.sign(self.alice, v2, organisation=self.trust)
        services.sign(self.carol, v2, organisation=self.ministry)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.v1):
            body = self.assert_error(self.patch(self.version_path(1), {"kpis": "x"}), 422)
        assert "superseded" in body["detail"]
        assert MemberTerms.objects.filter(version__partnership=self.private).count() == 4
