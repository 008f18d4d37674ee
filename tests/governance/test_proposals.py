"""Making a proposal: decided by the partnership's agreed rule (the platform's default while
nothing is agreed), never one the proposer chooses; a rule that cannot reach quorum is
refused; only members, brokers and admins propose."""

import datetime as dt

import time_machine

from partnering.governance.models import Proposal
from tests.governance.base import NOW, GovernanceTestCase, agreed


@time_machine.travel(NOW, tick=True)
class ProposalsTestCase(GovernanceTestCase):
    def payload(self, **extra) -> dict:
        return {"title": "Adopt the water point map", "text": "One map, kept by the Trust.",
                "proposed_by_organisation_id": self.trust.pk,
                "closes_at": "2026-11-27T17:00:00Z", **extra}


class MakingProposals(ProposalsTestCase):
    def test_it_copies_the_agreed_rule_onto_the_proposal(self):
        self.sign_in(self.alice)
        payload = self.payload()
        with agreed("consent", 60, 75):
            body = self.assert_status(self.post(self.url(), payload), 201)
        assert (body["rule"], body["quorum_percent"], body["majority_percent"]) == \
            ("consent", 60, 75)
        assert body["rule_source"] == "Partnering agreement, version 1, agreed 01 Oct 2026"
        assert body["status"] == "open"
        assert body["voting_members"] == 3, "the observer does not take positions"
        assert body["proposed_by_person_name"] == "Alice Mensah"
        assert body["closes_at"] == "2026-11-27T17:00:00Z"
        assert [m["name"] for m in body["awaiting"]] == [
            "Clearwater Bottling", "Ministry of Water", "Sahel Water Trust"]
        proposal = Proposal.objects.get(pk=body["id"])
        event = self.assert_audited(proposal, "proposal.opened", actor=self.alice)
        assert event.partnership_id == self.private.pk
        assert "Sahel Water Trust (SWT) proposed “Adopt the water point map”" == event.summary

    def test_it_keeps_the_rule_when_the_agreement_changes_later(self):
        with agreed("consent", 60, 75):
            proposal = self.propose(rule="", quorum_percent=None)
        with agreed("simple_majority", 50, 67):
            self.sign_in(self.alice)
            body = self.assert_status(self.get(self.url(proposal)), 200)
        assert body["rule"] == "consent"

    def test_it_copies_the_agreed_weights_for_the_weighted_rule(self):
        self.sign_in(self.alice)
        payload = self.payload()
        weights = {self.trust.pk: "5", self.ministry.pk: "3", self.bottler.pk: "2"}
        with agreed("weighted", 50, weights=weights):
            body = self.assert_status(self.post(self.url(), payload), 201)
        assert body["weights"] == {str(k): v for k, v in weights.items()}

    def test_it_refuses_the_weighted_rule_without_agreed_stakes(self):
        self.sign_in(self.alice)
        with agreed("weighted", 50, weights={self.trust.pk: "0"}), \
                self.assert_nothing_saved():
            body = self.assert_error(self.post(self.url(), self.payload()), 422)
        assert "stake" in body["detail"]

    def test_it_offers_options(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.url(), self.payload(
            kind="options", options=[" Tillabéri ", "Dosso", "", "Dosso", "Tahoua"])), 201)
        assert body["options"] == ["Tillabéri", "Dosso", "Tahoua"]

    def test_it_links_the_meeting_it_came_from(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.url(), self.payload(
            proposed_by_organisation_id=self.ministry.pk, meeting_id=self.meeting.pk)), 201)
        assert body["meeting_id"] == self.meeting.pk
        assert body["proposed_by_organisation_name"] == "Ministry of Water"

    def test_it_proposes_for_the_only_organisation_you_represent(self):
        self.sign_in(self.eve)
        payload = self.payload()
        del payload["proposed_by_organisation_id"]
        body = self.assert_status(self.post(self.url(), payload), 201)
        assert body["proposed_by_organisation_id"] == self.bottler.pk


class WhoProposes(ProposalsTestCase):
    def test_it_lets_a_representative_without_mandate_propose_for_their_organisation(self):
        self.sign_in(self.carol)
        self.assert_status(self.post(self.url(), self.payload(
            proposed_by_organisation_id=self.ministry.pk)), 201)

    def test_it_refuses_a_proposal_for_an_organisation_you_do_not_represent(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.url(), self.payload()), 422)
        assert body["errors"][0]["loc"] == ["proposed_by_organisation"]

    def test_it_lets_brokers_and_admins_propose_for_any_member(self):
        for user, org in ((self.bob, self.ministry), (self.admin, self.bottler)):
            self.sign_in(user)
            body = self.assert_status(self.post(self.url(), self.payload(
                proposed_by_organisation_id=org.pk)), 201)
            assert body["proposed_by_person_id"] is None

    def test_it_refuses_an_organisation_that_is_not_a_member(self):
        self.sign_in(self.bob)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), self.payload(
                proposed_by_organisation_id=self.elsewhere.pk)), 422)
            self.assert_error(self.post(self.url(), self.payload(
                proposed_by_organisation_id=10**6)), 422)

    def test_it_hides_the_partnership_from_outsiders(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), self.payload()), 404)
            self.assert_error(self.get(self.url()), 404)
        proposal = self.propose()
        self.assert_error(self.get(self.url(proposal)), 404)
        self.client.logout()
        self.assert_error(self.get(self.url(proposal)), 404)

    def test_it_answers_403_to_a_visitor_of_a_public_partnership(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/proposals",
                                        self.payload()), 403)

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/proposals",
                                        self.payload()), 401)

    def test_it_finds_a_proposal_only_under_its_own_partnership(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        self.assert_error(self.get(f"/partnerships/{self.public.pk}/proposals/{proposal.pk}"),
                          404)
        self.assert_error(self.get(f"{self.url()}/999999"), 404)


class Quorum(ProposalsTestCase):
    def test_it_refuses_a_rule_that_cannot_reach_quorum(self):
        self.sign_in(self.alice)
        self.reload(self.ministry_membership).representatives.filter(
            person=self.ministry_staff).update(has_mandate=False)
        with agreed("consensus", 67), self.assert_nothing_saved():
            body = self.assert_error(self.post(self.url(), self.payload()), 422)
        assert "only 2 of 3 voting members have a representative with a mandate" in \
            body["detail"]
        assert "give their representatives a mandate" in body["detail"]
        with agreed("consensus", 66):
            self.assert_status(self.post(self.url(), self.payload()), 201)

    def test_it_refuses_an_agreed_rule_that_cannot_reach_quorum(self):
        self.reload(self.ministry_membership).representatives.update(has_mandate=False)
        self.sign_in(self.alice)
        payload = self.payload()
        with agreed("consensus", 100), self.assert_nothing_saved():
            body = self.assert_error(self.post(self.url(), payload), 422)
        assert "quorum of 100%" in body["detail"]

    def test_it_weighs_quorum_under_the_weighted_rule(self):
        self.sign_in(self.alice)
        payload = self.payload()
        self.reload(self.ministry_membership).representatives.update(has_mandate=False)
        weights = {self.trust.pk: "1", self.ministry.pk: "8", self.bottler.pk: "1"}
        with agreed("weighted", 50, weights=weights), self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), payload), 422)
        with agreed("weighted", 20, weights=weights):
            self.assert_status(self.post(self.url(), payload), 201)


class BadInput(ProposalsTestCase):
    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.alice)
        bad = {
            "closing in the past": self.payload(closes_at="2026-11-19T10:00:00Z"),
            "closing now": self.payload(closes_at=NOW.isoformat()),
            "closing in two years": self.payload(closes_at="2028-11-20T10:00:00Z"),
            "not a time": self.payload(closes_at="next Friday"),
            "empty title": self.payload(title=""),
            "blank title": self.payload(title="   "),
            "long title": self.payload(title="t" * 201),
            "empty text": self.payload(text=""),
            "unknown kind": self.payload(kind="referendum"),
            "options on a motion": self.payload(options=["A", "B"]),
            "one option": self.payload(kind="options", options=["A", "A "]),
            "too many options": self.payload(kind="options",
                                             options=[str(i) for i in range(21)]),
            "long option": self.payload(kind="options", options=["A", "b" * 201]),
            "a rule of its own": self.payload(rule="simple_majority"),
            "a quorum of its own": self.payload(quorum_percent=10),
            "an unknown field": self.payload(colour="blue"),
            "meeting elsewhere": self.payload(meeting_id=10**6),
            "huge organisation id": self.payload(proposed_by_organisation_id=10**30),
            "not json": "{",
        }
        for name, payload in bad.items():
            with self.subTest(name), self.assert_nothing_saved():
                response = self.post(self.url(), payload)
                assert 400 <= response.status_code < 500, (name, response.status_code)
                assert response.json()["detail"], name

    def test_it_refuses_a_meeting_of_another_partnership(self):
        from partnering.partnerships import services as partnerships

        other = partnerships.record_meeting(self.alice, self.public, date="2026-11-01",
                                            purpose="Data sprint")
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), self.payload(meeting_id=other.pk)), 422)

    def test_it_refuses_proposals_in_a_closed_partnership(self):
        from partnering.partnerships import services as partnerships

        partnerships.close_partnership(self.alice, self.private, outcome="closed",
                                       reason="Done")
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), self.payload()), 422)


class ListingProposals(ProposalsTestCase):
    def test_it_lists_proposals_with_filters(self):
        first = self.propose(title="First")
        second = self.propose(title="Second", kind="options", options=["A", "B"])
        self.propose(title="Third", actor=self.bob)
        from partnering.governance import services

        services.withdraw_proposal(self.alice, first, reason="Superseded")
        self.sign_in(self.carol)
        items = self.assert_list(self.get(self.url()), count=3)
        assert [p["title"] for p in items] == ["Third", "Second", "First"]
        items = self.assert_list(self.get(self.url(), status="open"), count=2)
        items = self.assert_list(self.get(self.url(), kind="options"), count=1)
        assert items[0]["id"] == second.pk
        assert items[0]["options"] == ["A", "B"]
        self.assert_error(self.get(self.url(), status="lost"), 422)
        self.assert_error(self.get(self.url(), closing_within_hours=0), 422)
        self.assert_error(self.get(self.url(), limit=201), 422)

    def test_it_shows_a_proposal_with_its_positions_and_comments(self):
        proposal = self.propose()
        self.position(self.dan, proposal, self.ministry, stance="agree")
        from partnering.governance import services

        services.add_comment(self.carol, proposal, text="The ministry agrees in principle.")
        self.sign_in(self.bob)
        body = self.assert_status(self.get(self.url(proposal)), 200)
        assert body["positions_taken"] == 1
        (position,) = body["positions"]
        assert (position["organisation_name"], position["stance"], position["person_name"]) \
            == ("Ministry of Water", "agree", "Moussa Ibrahim")
        (comment,) = body["comments"]
        assert comment["author_name"] == "Carol Diallo"
        assert comment["organisation_name"] == "Ministry of Water"
        assert body["decision"] is None


class ProposalPages(ProposalsTestCase):
    def test_it_makes_a_proposal_from_the_form(self):
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/proposals/new/?meeting={self.meeting.pk}"
        response = self.client.get(url)
        self.assertContains(response, "Make a proposal")
        self.assertContains(response, "No agreement is agreed yet: decisions follow the "
                                      "platform's default rule: Consensus, quorum 50%, "
                                      "at least 7 days&#39; notice")
        response = self.client.post(url, {
            "title": "Publish the map", "text": "Open data.", "kind": "motion",
            "proposed_by_organisation": self.ministry.pk, "closes_at": "2026-11-28T12:00",
            "meeting": self.meeting.pk, "rule": "consent", "quorum_percent": "10",
        })
        proposal = Proposal.objects.get(title="Publish the map")
        self.assertRedirects(response, self.page(proposal))
        assert proposal.closes_at == dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
        assert proposal.meeting == self.meeting
        assert (proposal.rule, proposal.quorum_percent) == ("consensus", 50), \
            "a rule posted with the form is not the proposer's to choose"

    def test_it_offers_the_agreed_rule_on_the_form(self):
        self.sign_in(self.alice)
        with agreed("consent", 60):
            response = self.client.get(f"/partnerships/{self.private.pk}/proposals/new/")
            self.assertContains(response, "By the agreed rule: Consent, quorum 60%, no minimum "
                                          "notice")
            self.assertNotContains(response, 'name="rule"')
            self.assertNotContains(response, 'name="quorum_percent"')
            response = self.client.post(f"/partnerships/{self.private.pk}/proposals/new/", {
                "title": "Publish the map", "text": "Open data.", "kind": "motion",
                "proposed_by_organisation": self.trust.pk, "closes_at": "2026-11-25T12:00",
            })
        assert response.status_code == 302
        assert Proposal.objects.get().rule == "consent"

    def test_it_shows_errors_on_the_form_and_saves_nothing(self):
        self.sign_in(self.alice)
        self.reload(self.ministry_membership).representatives.update(has_mandate=False)
        with agreed("consensus", 90), self.assert_nothing_saved():
            response = self.client.post(f"/partnerships/{self.private.pk}/proposals/new/", {
                "title": "Publish the map", "text": "Open data.", "kind": "motion",
                "proposed_by_organisation": self.trust.pk, "closes_at": "2026-11-25T12:00",
            })
        self.assertContains(response, "give their representatives a mandate")
        with self.assert_nothing_saved():
            response = self.client.post(f"/partnerships/{self.private.pk}/proposals/new/", {
                "title": "Publish the map", "text": "Open data.", "kind": "motion",
                "proposed_by_organisation": self.trust.pk, "closes_at": "2026-11-22T12:00",
            })
        self.assertContains(response, "The decision rule gives members at least 7 days&#39; "
                                      "notice")

    def test_it_lets_only_those_taking_part_open_the_form(self):
        self.sign_in(self.olga)
        assert self.client.get(f"/partnerships/{self.private.pk}/proposals/new/"
                               ).status_code == 404
        assert self.client.get(f"/partnerships/{self.public.pk}/proposals/new/"
                               ).status_code == 403
        self.client.logout()
        response = self.client.get(f"/partnerships/{self.public.pk}/proposals/new/")
        assert response.status_code == 302

    def test_it_shows_the_proposal_page(self):
        proposal = self.propose(kind="options", options=["Tillabéri", "Dosso"],
                                rule="consent", title="Where to start")
        self.sign_in(self.carol)
        response = self.client.get(self.page(proposal))
        self.assertContains(response, "<h1>Water for Tillabéri</h1>", html=True)
        self.assertContains(response, "Where to start")
        self.assertContains(response, "without a mandate to decide")
        self.assertNotContains(response, "Record the position")
        self.assertNotContains(response, "Withdraw the proposal")
        self.sign_in(self.dan)
        response = self.client.get(self.page(proposal))
        self.assertContains(response, "Record the position")
        self.assertContains(response, "Block: a reasoned objection")
        self.assertContains(response, "Dosso")
