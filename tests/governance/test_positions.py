"""Taking a position: only a representative of that organisation with a mandate to decide;
never for another organisation (admins and brokers neither); changeable until closing."""

import re

import time_machine

from partnering.governance.models import Position
from tests.governance.base import NOW, GovernanceTestCase


@time_machine.travel(NOW, tick=True)
class PositionsTestCase(GovernanceTestCase):
    def positions(self, proposal) -> str:
        return self.url(proposal, "/positions")


class TakingPositions(PositionsTestCase):
    def test_it_takes_and_changes_a_position_until_closing(self):
        proposal = self.propose()
        self.sign_in(self.dan)
        body = self.assert_status(self.post(self.positions(proposal), {
            "organisation_id": self.ministry.pk, "stance": "disagree",
            "reason": "The map leaves out Dosso."}), 201)
        assert (body["organisation_name"], body["stance"], body["person_name"]) == \
            ("Ministry of Water", "disagree", "Moussa Ibrahim")
        position = Position.objects.get(pk=body["id"])
        assert position.taken_by == self.dan
        event = self.assert_audited(position, "proposal.position_taken", actor=self.dan)
        assert event.changes["stance"] == [None, "disagree"]
        assert event.partnership_id == self.private.pk
        assert event.summary.startswith("Ministry of Water: disagree on")
        body = self.assert_status(self.post(self.positions(proposal), {
            "organisation_id": self.ministry.pk, "stance": "agree"}), 200)
        assert body["stance"] == "agree"
        assert Position.objects.count() == 1
        change = self.assert_audited(position, "proposal.position_taken", actor=self.dan)
        assert change.changes["stance"] == ["disagree", "agree"]
        items = self.assert_list(self.get(self.positions(proposal)), count=1)
        assert items[0]["stance"] == "agree"

    def test_it_defaults_to_the_one_organisation_you_have_a_mandate_for(self):
        proposal = self.propose()
        self.sign_in(self.eve)
        body = self.assert_status(self.post(self.positions(proposal), {"stance": "abstain"}),
                                  201)
        assert body["organisation_id"] == self.bottler.pk

    def test_it_refuses_positions_after_closing(self):
        proposal = self.propose()
        self.position(self.dan, proposal, self.ministry, stance="agree")
        position = Position.objects.get()
        self.sign_in(self.dan)
        token = self.bearer(self.dan)
        with time_machine.travel(self.closes_in(days=3, seconds=1)), \
                self.assert_nothing_saved(position):
            body = self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.ministry.pk, "stance": "disagree"}), 422)
            assert "closed for positions" in body["detail"]
            self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.ministry.pk, "stance": "disagree"},
                headers=token), 422)

    def test_it_refuses_positions_on_a_withdrawn_or_decided_proposal(self):
        from partnering.governance.decisions import services

        proposal = self.propose()
        services.withdraw_proposal(self.alice, proposal, reason="Not needed")
        self.sign_in(self.dan)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.ministry.pk, "stance": "agree"}), 422)
        assert "withdrawn" in body["detail"]


class WhoTakesPositions(PositionsTestCase):
    def test_it_refuses_a_representative_without_mandate(self):
        proposal = self.propose()
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.ministry.pk, "stance": "agree"}), 403)
            self.assert_error(self.post(self.positions(proposal), {"stance": "agree"}), 403)

    def test_it_never_takes_a_position_for_another_organisation(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.ministry.pk, "stance": "agree"}), 403)
            self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.bottler.pk, "stance": "block", "reason": "x"}), 403)

    def test_it_does_not_let_admins_or_brokers_vote_for_a_member(self):
        proposal = self.propose()
        for user in (self.admin, self.bob):
            self.sign_in(user)
            with self.assert_nothing_saved():
                self.assert_error(self.post(self.positions(proposal), {
                    "organisation_id": self.trust.pk, "stance": "agree"}), 403)
                self.assert_error(self.post(self.positions(proposal), {"stance": "agree"}),
                                  403)

    def test_it_does_not_let_observers_take_positions(self):
        from partnering.partnerships import services as partnerships
        from tests.base import make_person, make_user

        membership = self.private.memberships.get(organisation=self.observatory)
        oscar = make_user("oscar")
        person = make_person("Oscar Observer", self.observatory, oscar)
        partnerships.add_representative(self.alice, membership, person=person,
                                        has_mandate=True)
        proposal = self.propose()
        self.sign_in(oscar)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.observatory.pk, "stance": "agree"}), 422)
        assert "Observers" in body["detail"]

    def test_it_hides_positions_from_outsiders(self):
        proposal = self.propose()
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.positions(proposal), {"stance": "agree"}), 404)
            self.assert_error(self.get(self.positions(proposal)), 404)

    def test_it_refuses_an_organisation_that_is_not_a_member(self):
        proposal = self.propose()
        self.sign_in(self.dan)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": self.elsewhere.pk, "stance": "agree"}), 422)
            self.assert_error(self.post(self.positions(proposal), {
                "organisation_id": 10**6, "stance": "agree"}), 422)


class Stances(PositionsTestCase):
    def test_it_allows_a_block_only_under_consent_and_with_a_reason(self):
        consensus = self.propose()
        consent = self.propose(rule="consent")
        self.sign_in(self.dan)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.positions(consensus), {
                "organisation_id": self.ministry.pk, "stance": "block",
                "reason": "Unsafe"}), 422)
            assert "consent rule" in body["detail"]
            body = self.assert_error(self.post(self.positions(consent), {
                "organisation_id": self.ministry.pk, "stance": "block"}), 422)
            assert body["errors"][0]["loc"] == ["reason"]
            self.assert_error(self.post(self.positions(consent), {
                "organisation_id": self.ministry.pk, "stance": "block", "reason": "   "}), 422)
        body = self.assert_status(self.post(self.positions(consent), {
            "organisation_id": self.ministry.pk, "stance": "block",
            "reason": "Publishing well locations breaks the national security rules."}), 201)
        assert body["stance"] == "block"

    def test_it_takes_an_option_among_those_offered(self):
        proposal = self.propose(kind="options", options=["Tillabéri", "Dosso"],
                                rule="simple_majority")
        self.sign_in(self.dan)
        with self.assert_nothing_saved():
            for bad in ({"option": "Tahoua"}, {"stance": "agree"}, {},
                        {"option": "Dosso", "stance": "abstain"},
                        {"stance": "block", "reason": "No"}):
                self.assert_error(self.post(self.positions(proposal), {
                    "organisation_id": self.ministry.pk, **bad}), 422)
        body = self.assert_status(self.post(self.positions(proposal), {
            "organisation_id": self.ministry.pk, "option": "Dosso"}), 201)
        assert (body["option"], body["stance"]) == ("Dosso", "")
        body = self.assert_status(self.post(self.positions(proposal), {
            "organisation_id": self.ministry.pk, "stance": "abstain"}), 200)
        assert (body["option"], body["stance"]) == ("", "abstain")

    def test_it_refuses_unknown_stances_and_options_on_a_motion(self):
        proposal = self.propose()
        self.sign_in(self.dan)
        with self.assert_nothing_saved():
            for bad in ({"stance": "maybe"}, {}, {"option": "A"}, {"stance": "agree",
                                                                  "reason": "r" * 20_001},
                        {"stance": "agree", "organisation_id": "ministry"}):
                response = self.post(self.positions(proposal), {
                    "organisation_id": self.ministry.pk, **bad})
                assert response.status_code == 422, (bad, response.status_code)


class PositionPages(PositionsTestCase):
    def test_it_takes_a_position_from_the_proposal_page(self):
        proposal = self.propose(kind="options", options=["Tillabéri", "Dosso"],
                                rule="consent")
        self.sign_in(self.dan)
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/position/"
        response = self.client.post(url, {"organisation": self.ministry.pk, "choice": "opt-1",
                                          "reason": "Closer to the river"})
        self.assertRedirects(response, self.page(proposal), fetch_redirect_response=False)
        position = Position.objects.get()
        assert (position.option, position.reason) == ("Dosso", "Closer to the river")
        response = self.client.get(self.page(proposal))
        self.assertContains(response, "Closer to the river")
        assert re.search(rb'value="opt-1"[^>]*checked', response.content), "shown as taken"
        response = self.client.post(url, {"organisation": self.ministry.pk, "choice": "block"},
                                    follow=True)
        self.assertContains(response, "A block needs a reasoned objection")
        assert self.reload(position).option == "Dosso"

    def test_it_refuses_a_position_for_another_organisation_from_the_page(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/position/"
        with self.assert_nothing_saved():
            response = self.client.post(url, {"organisation": self.ministry.pk,
                                              "choice": "agree"})
        assert response.status_code == 403
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            response = self.client.post(url, {"organisation": self.ministry.pk,
                                              "choice": "agree"})
        assert response.status_code == 404

    def test_it_shows_every_member_with_its_mandates_and_position(self):
        proposal = self.propose()
        self.position(self.eve, proposal, self.bottler, stance="agree", reason="Good for all")
        self.sign_in(self.bob)
        response = self.client.get(self.page(proposal))
        self.assertContains(response, '<th scope="row">Clearwater Bottling</th>', html=True)
        self.assertContains(response, "Good for all")
        self.assertContains(response, "Carol Diallo, Moussa Ibrahim")
        self.assertNotContains(response, "Niger Water Observatory")
        self.assertNotContains(response, "Record the position")
