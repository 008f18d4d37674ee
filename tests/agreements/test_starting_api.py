"""Starting an agreement: from a template that follows the seeds' structure, or from the
latest version."""

import time_machine

from partnering.agreements.models import AgreementVersion
from partnering.agreements.templates import TEMPLATES
from tests.agreements.base import WORLD_BUILT, AgreementTestCase


@time_machine.travel(WORLD_BUILT, tick=True)
class StartingFromATemplate(AgreementTestCase):
    def test_it_starts_version_1_from_the_default_template_with_guidance(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.versions_path(), {}), 201)
        assert (body["number"], body["status"]) == (1, "draft")
        assert body["based_on_number"] is None
        # A Guide to Strategic Partnering's structure: purpose, culture and values,
        # governance, resourcing, risks, KPIs upfront, when to assess, exit and grievance,
        # data and IP.
        for name in ("purpose_vision", "culture_values", "common_goals", "governance_structure",
                     "resourcing", "risks", "code_of_conduct", "kpis", "review_schedule",
                     "grievance_exit", "data_ip"):
            assert body[name].strip(), name
        assert self.private.problem_statement in body["purpose_vision"], \
            "the problem statement stays at the centre"
        assert "SDG 6" in body["purpose_vision"]
        assert "individual goals" in body["common_goals"]
        assert "underinvestment" in body["risks"]
        assert body["decision_rule"] == "consensus"
        assert body["problems"], "guidance in [brackets] is still to be replaced"

    def test_it_gives_every_member_organisation_its_terms(self):
        self.trust.interests = ["reputation", "social_goals"]
        self.trust.interests_note = "Recognition of community water committees."
        self.trust.save()
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.versions_path(), {}), 201)
        terms = {t["organisation_id"]: t for t in body["terms"]}
        assert set(terms) == {self.trust.pk, self.ministry.pk}
        assert "Recognition of community water committees." in terms[self.trust.pk]["interests"]
        assert "Ministry of Water" in terms[self.ministry.pk]["own_goals"]
        assert [p["signed"] for p in body["parties"]] == [False, False]

    def test_it_offers_the_templates(self):
        self.sign_in(self.carol)
        items = self.assert_list(self.get(f"/partnerships/{self.private.pk}/agreement/"
                                          "templates"), count=len(TEMPLATES))
        assert {t["key"] for t in items} == set(TEMPLATES)
        assert any("Innovation in Partnerships" in t["source"] for t in items)

    def test_it_starts_from_the_template_chosen(self):
        self.sign_in(self.bob)
        body = self.assert_status(self.post(self.versions_path(), {
            "template": "commitments_to_action", "title": "Tillabéri commitments",
            "valuation_currency": "xof"}), 201)
        assert body["title"] == "Tillabéri commitments"
        assert body["decision_rule"] == "consent"
        assert body["valuation_currency"] == "XOF"
        assert "no central steering committee" in body["governance_structure"]
        version = AgreementVersion.objects.get(pk=body["id"])
        assert version.created_by == self.bob
        event = self.assert_audited(version, "create", actor=self.bob)
        assert event.partnership_id == self.private.pk

    def test_it_refuses_an_unknown_template_or_currency_and_starts_nothing(self):
        self.sign_in(self.alice)
        for payload in ({"template": "no-such-template"}, {"valuation_currency": "ABC"},
                        {"source": "copy"}, {"title": "t" * 201}):
            with self.subTest(payload), self.assert_nothing_saved():
                self.assert_error(self.post(self.versions_path(), payload), 422)

    def test_it_keeps_one_version_in_progress_at_a_time(self):
        self.start()
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.versions_path(), {}), 422)
            assert "Version 1 is still a draft" in body["detail"]
            self.assert_error(self.post(self.versions_path(), {"source": "latest"}), 422)

    def test_it_answers_404_to_outsiders_401_to_anonymous_and_403_on_a_public_one(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.versions_path(), {}), 401)
            self.sign_in(self.olga)
            self.assert_error(self.post(self.versions_path(), {}), 404)
            self.assert_error(self.get(self.versions_path()), 404)
            self.assert_error(self.post(self.versions_path(self.public), {}), 403)


@time_machine.travel(WORLD_BUILT, tick=True)
class StartingFromTheLatestVersion(AgreementTestCase):
    def test_it_needs_a_version_to_copy(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.versions_path(), {"source": "latest"}),
                                     422)
        assert "start from a template" in body["detail"]

    def test_it_copies_the_agreed_version_as_the_next_draft(self):
        v1 = self.agree(self.ready())
        services_commitment = v1.commitments.count()
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.versions_path(), {"source": "latest"}), 201)
        assert (body["number"], body["status"], body["based_on_number"]) == (2, "draft", 1)
        assert body["purpose_vision"] == v1.purpose_vision
        assert len(body["terms"]) == 2 and len(body["commitments"]) == services_commitment
        assert body["change_note"] == ""
        assert "Say what this version changes and why" in " ".join(body["problems"])
        assert self.reload(v1).status == "agreed", "the agreed version stays in force"

    def test_it_leaves_out_members_who_left_and_adds_those_who_joined(self):
        from partnering.partnerships import services as partnerships

        v1 = self.agree(self.ready())
        partnerships.remove_member(self.alice, self.ministry_membership, reason="Merged")
        partnerships.add_member(self.alice, self.private, organisation=self.bottler)
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.versions_path(), {"source": "latest"}), 201)
        assert {t["organisation_id"] for t in body["terms"]} == {self.trust.pk,
                                                                 self.bottler.pk}
        assert v1.member_terms.count() == 2, "the agreed record keeps its parties"
