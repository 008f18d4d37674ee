"""The agreement pages: the overview, a version, editing, sign-off and the printable page,
as members, stewards, outsiders and anonymous visitors see them."""

import time_machine

from partnering.agreements import services
from partnering.agreements.models import AgreementVersion, ResourceCommitment, Signature
from tests.agreements.base import AGREED_TEXT, WORLD_BUILT, AgreementTestCase
from tests.base import QueryCounting, add_represented_member


@time_machine.travel(WORLD_BUILT, tick=True)
class AgreementPages(AgreementTestCase):
    def page(self, path: str, status: int = 200) -> str:
        response = self.client.get(f"/partnerships/{self.private.pk}/agreement/{path}")
        assert response.status_code == status, (path, response.status_code)
        return response.content.decode()

    def post_page(self, path: str, data: dict):
        return self.client.post(f"/partnerships/{self.private.pk}/agreement/{path}", data)

    def test_it_offers_to_start_the_agreement_from_a_template(self):
        self.sign_in(self.carol)
        page = self.page("")
        assert 'aria-current="page">Agreement</a>' in page
        assert "No version has been agreed yet." in page
        assert "Multi-stakeholder partnering agreement" in page
        assert "csrfmiddlewaretoken" in page
        response = self.post_page("start/", {"source": "template",
                                             "template": "partnering_agreement",
                                             "valuation_currency": "XOF"})
        assert response.status_code == 302
        assert response["Location"].endswith("/agreement/versions/1/")
        version = AgreementVersion.objects.get(partnership=self.private)
        assert (version.created_by, version.valuation_currency) == (self.carol, "XOF")
        page = self.page("versions/1/")
        assert "Still holds template guidance" in page
        assert "Edit the terms of Ministry of Water" in page
        assert "Edit the terms of Sahel Water Trust" not in page, "not carol's organisation"

    def test_it_shows_anonymous_visitors_a_public_agreement_without_forms(self):
        version = self.start(partnership=self.public)
        self.complete(version)
        response = self.client.get(f"/partnerships/{self.public.pk}/agreement/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Start a draft" not in page and "Version 1" in page
        page = self.client.get(f"/partnerships/{self.public.pk}/agreement/versions/1/")
        assert page.status_code == 200
        assert b"Edit the sections" not in page.content
        assert b"Propose version 1" not in page.content

    def test_it_hides_every_page_from_outsiders(self):
        self.start()
        self.sign_in(self.olga)
        for path in ("", "versions/1/", "versions/1/edit/", "versions/1/print/", "diff/"):
            assert self.client.get(f"/partnerships/{self.private.pk}/agreement/{path}"
                                   ).status_code == 404, path
        for path in ("start/", "versions/1/propose/", "versions/1/sign/"):
            assert self.post_page(path, {}).status_code == 404, path

    def test_it_saves_an_edit_and_shows_bad_input_next_to_the_field(self):
        version = self.start()
        self.sign_in(self.carol)
        page = self.page("versions/1/edit/")
        assert '<label for="id_purpose_vision">Shared purpose and vision</label>' in page
        form = {"title": version.title, "decision_rule": "consent", "quorum_percent": 50,
                "majority_percent": 67, "notice_days": 7, "valuation_currency": "EUR",
                **AGREED_TEXT}
        with self.assert_nothing_saved(version):
            response = self.post_page("versions/1/edit/", {**form, "quorum_percent": 0})
            assert response.status_code == 422, "the form again, its errors inline"
            assert "greater than or equal to 1" in response.content.decode()
        response = self.post_page("versions/1/edit/", form)
        assert response.status_code == 302
        version = self.reload(version)
        assert (version.decision_rule, version.common_goals) == ("consent",
                                                                 AGREED_TEXT["common_goals"])
        event = self.assert_audited(version, "update", actor=self.carol)
        assert "common_goals" in event.changes

    def test_it_turns_an_edit_of_the_agreed_version_into_a_new_draft(self):
        self.agree(self.ready())
        self.sign_in(self.carol)
        page = self.page("versions/1/edit/")
        assert "Saving a change starts a new draft, version 2" in page
        v1 = AgreementVersion.objects.get(number=1)
        response = self.post_page("versions/1/edit/", {
            "title": v1.title, "decision_rule": v1.decision_rule, "quorum_percent": 67,
            "majority_percent": 67, "notice_days": 7, "valuation_currency": "USD",
            **AGREED_TEXT,
            "kpis": "Boreholes working: target 60.", "change_note": "Higher target."})
        assert response["Location"].endswith("/agreement/versions/2/")
        assert self.reload(v1).kpis == AGREED_TEXT["kpis"]
        assert AgreementVersion.objects.get(number=2).kpis == "Boreholes working: target 60."

    def test_it_makes_no_draft_when_a_browser_sends_the_agreed_text_back(self):
        v1 = self.agree(self.ready())
        self.sign_in(self.alice)
        browser = {name: text.replace("\n", "\r\n") for name, text in AGREED_TEXT.items()}
        response = self.post_page("versions/1/edit/", {
            "title": v1.title, "decision_rule": v1.decision_rule, "quorum_percent": 67,
            "majority_percent": 67, "notice_days": 7, "valuation_currency": "USD",
            **browser})
        assert response["Location"].endswith("/agreement/versions/1/")
        assert not AgreementVersion.objects.filter(number=2).exists()

    def test_it_lets_a_member_write_only_its_own_terms(self):
        version = self.start()
        ministry = version.member_terms.get(organisation=self.ministry)
        trust = version.member_terms.get(organisation=self.trust)
        self.sign_in(self.carol)
        response = self.post_page(f"versions/1/terms/{ministry.pk}/edit/", {
            "own_goals": "Data for the national report.", "interests": "Legitimacy",
            "roles": "Licensing", "vote_weight": ""})
        assert response.status_code == 302
        assert self.reload(ministry).own_goals == "Data for the national report."
        assert self.client.get(f"/partnerships/{self.private.pk}/agreement/versions/1/terms/"
                               f"{trust.pk}/edit/").status_code == 403
        with self.assert_nothing_saved(trust):
            assert self.post_page(f"versions/1/terms/{trust.pk}/edit/",
                                  {"own_goals": "x"}).status_code == 403

    def test_it_records_a_commitment_and_refuses_bad_ones(self):
        self.start()
        self.sign_in(self.carol)
        page = self.page("versions/1/commitments/add/")
        assert "Ministry of Water" in page and "Sahel Water Trust" not in page
        base = {"organisation": self.ministry.pk, "kind": "cash", "description": "Fuel",
                "amount": "500", "currency": "XOF", "estimated_value": ""}
        with self.assert_nothing_saved():
            for bad, message in (({"amount": "-5"}, "greater than or equal to 0"),
                                 ({"currency": ""}, "needs an amount and a currency"),
                                 ({"currency": "ABC"}, "Select a valid choice"),
                                 ({"organisation": self.trust.pk}, "Select a valid choice")):
                response = self.post_page("versions/1/commitments/add/", {**base, **bad})
                assert response.status_code == 422, bad
                assert message in response.content.decode(), bad
        response = self.post_page("versions/1/commitments/add/", {**base,
                                                                  "estimated_value": "0.9"})
        assert response.status_code == 302
        commitment = ResourceCommitment.objects.get()
        assert (commitment.amount, commitment.currency) == (500, "XOF")
        self.assert_audited(commitment, "create", actor=self.carol)
        page = self.page("versions/1/")
        assert "Fuel" in page and "F\u202fCFA\xa0500" in page

    def test_it_runs_sign_off_from_the_pages(self):
        self.ready()
        self.sign_in(self.carol)
        assert self.post_page("versions/1/propose/", {}).status_code == 403
        self.sign_in(self.alice)
        page = self.page("versions/1/")
        assert "Propose version 1 for sign-off" in page
        response = self.post_page("versions/1/propose/", {})
        assert response.status_code == 302
        page = self.page("versions/1/")
        assert "Sign version 1" in page and "Withdraw to draft" in page
        response = self.post_page("versions/1/sign/", {"organisation": self.trust.pk})
        assert response.status_code == 302
        page = self.page("")
        assert "1 of 2 member organisations have signed" in page
        assert "Still to sign: <strong>Ministry of Water</strong>" in page
        assert "Nobody: no representative with a mandate to decide" in page

        self.sign_in(self.carol)
        page = self.page("versions/1/")
        assert "Sign version 1" not in page, "carol has no mandate"
        with self.assert_nothing_saved():
            response = self.post_page("versions/1/sign/", {"organisation": self.ministry.pk})
            assert response.status_code == 302
            follow = self.client.get(response["Location"]).content.decode()
            assert "without a mandate to decide" in follow
        self.give_carol_a_mandate()
        response = self.post_page("versions/1/sign/", {"organisation": self.ministry.pk})
        follow = self.client.get(response["Location"]).content.decode()
        assert "version 1 is agreed" in follow
        page = self.page("")
        assert "The agreement in force" in page and "signed by every member" in page

    def test_it_withdraws_a_proposed_version_from_its_page(self):
        version = self.ready()
        services.propose(self.alice, version)
        services.sign(self.alice, version, organisation=self.trust)
        self.sign_in(self.bob)
        response = self.post_page("versions/1/withdraw/", {"reason": ""})
        assert self.reload(version).status == "proposed"
        response = self.post_page("versions/1/withdraw/", {"reason": "Add a data clause"})
        assert response.status_code == 302
        assert self.reload(version).status == "draft"
        assert not Signature.objects.exists()
        assert "Add a data clause" in self.page("versions/1/")


@time_machine.travel(WORLD_BUILT, tick=True)
class AgreementQueryCounts(QueryCounting, AgreementTestCase):
    def grow(self, n: int) -> None:
        """n more member organisations, each with a mandated representative; then a fresh
        proposed version with a commitment and a signature per member."""
        for i in range(n):
            add_represented_member(self.admin, self.private, f"Org {n}-{i}")
        AgreementVersion.objects.filter(partnership=self.private).delete()
        version = self.ready()
        for terms in version.member_terms.select_related("organisation"):
            services.add_commitment(self.admin, version, organisation=terms.organisation,
                                    kind="expertise", description="Advice",
                                    estimated_value=10)
        services.propose(self.admin, version)
        for rep in version.partnership.memberships.exclude(organisation=self.ministry):
            person = rep.representatives.first().person
            Signature.objects.create(version=version, organisation=rep.organisation,
                                     person=person, signatory_name=person.name)

    def test_it_keeps_agreement_pages_and_endpoints_fixed(self):
        p = self.private.pk
        api = f"/api/v1/partnerships/{p}/agreement"
        urls = [f"/partnerships/{p}/agreement/", f"/partnerships/{p}/agreement/versions/1/",
                f"/partnerships/{p}/agreement/versions/1/print/",
                f"/partnerships/{p}/agreement/diff/?from=1&to=1", api, f"{api}/versions",
                f"{api}/versions/1", f"{api}/versions/1/terms?limit=200",
                f"{api}/versions/1/commitments?limit=200",
                f"{api}/versions/1/signatures?limit=200", f"{api}/diff?from=1&to=1"]
        self.sign_in(self.alice)
        self.assert_queries_fixed(*urls)
