"""Closing a proposal: a steward closes it once the closing time has passed or every voting
member has taken a position; the rule decides, and the decision log records why."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction

from partnering.governance.decisions import services
from partnering.governance.models import Action, Decision, Proposal
from tests.governance.base import NOW, TODAY, GovernanceTestCase, agreed


@time_machine.travel(NOW, tick=True)
class ClosingTestCase(GovernanceTestCase):
    def close(self, proposal, payload=None, headers=None):
        return self.post(self.url(proposal, "/close"), payload or {}, headers=headers)

    @property
    def decisions(self) -> str:
        return f"/partnerships/{self.private.pk}/decisions"

    def after_closing(self, proposal):
        return time_machine.travel(proposal.closes_at + dt.timedelta(minutes=1))


class Closing(ClosingTestCase):
    def test_it_waits_for_the_closing_time_while_members_are_missing(self):
        proposal = self.propose()
        self.position(self.alice, proposal, self.trust, stance="agree")
        self.sign_in(self.alice)
        with self.assert_nothing_saved(proposal):
            body = self.assert_error(self.close(proposal), 422)
        assert "2 of 3 members have not taken one yet" in body["detail"]

    def test_it_closes_early_once_every_member_has_taken_a_position(self):
        proposal = self.propose()
        self.position(self.alice, proposal, self.trust, stance="agree")
        self.position(self.dan, proposal, self.ministry, stance="agree")
        self.position(self.eve, proposal, self.bottler, stance="abstain")
        self.sign_in(self.bob)
        body = self.assert_status(self.close(proposal, {"note": "Agreed at the table."}), 201)
        assert body["outcome"] == "carried"
        assert body["carried"] is True
        assert body["reasoning"].startswith("Consensus: 2 agree, 1 stand aside, nobody "
                                            "disagrees. 3 of 3 members took a position")
        assert body["reasoning"].endswith("\n\nAgreed at the table.")
        assert body["recorded_by_name"] == "Bob Broker"
        assert body["review_date"] == "2027-05-20", "six months ahead by default"
        assert body["tally"]["counts"]["agree"] == 2
        assert body["tally"]["by_member"][str(self.ministry.pk)]["stance"] == "agree"
        assert self.reload(proposal).status == "decided"
        decision = Decision.objects.get()
        event = self.assert_audited(decision, "create", actor=self.bob)
        assert event.partnership_id == self.private.pk
        assert event.summary.endswith(": Carried")
        decided = self.assert_audited(proposal, "proposal.decided", actor=self.bob)
        assert decided.changes["status"] == ["open", "decided"]
        assert decided.changes["outcome"] == [None, "carried"]
        assert decided.changes["decision"] == [None, decision.pk]
        assert decided.changes["review_date"] == [None, "2027-05-20"]

    def test_it_decides_by_the_rule_after_the_closing_time(self):
        proposal = self.propose(rule="consent")
        self.position(self.alice, proposal, self.trust, stance="agree")
        self.position(self.dan, proposal, self.ministry, stance="block",
                      reason="Publishing well locations breaks the security rules.")
        self.sign_in(self.alice)
        with self.after_closing(proposal):
            body = self.assert_status(self.close(proposal, {"review_date": "2027-01-15"}),
                                      201)
        assert body["outcome"] == "blocked"
        assert body["carried"] is False
        assert "1 member raised a reasoned objection" in body["reasoning"]
        assert body["review_date"] == "2027-01-15"

    def test_it_records_no_quorum(self):
        proposal = self.propose(quorum_percent=60)
        self.position(self.alice, proposal, self.trust, stance="agree")
        self.sign_in(self.alice)
        with self.after_closing(proposal):
            body = self.assert_status(self.close(proposal), 201)
        assert body["outcome"] == "no_quorum"
        assert body["reasoning"].startswith("No quorum: 1 of 3 members took a position")

    def test_it_weighs_by_the_stakes_copied_onto_the_proposal(self):
        weights = {self.trust.pk: "2", self.ministry.pk: "5", self.bottler.pk: "1"}
        with agreed("weighted", 50, weights=weights):
            proposal = self.propose(rule="", quorum_percent=None)
        self.position(self.alice, proposal, self.trust, stance="agree")
        self.position(self.eve, proposal, self.bottler, stance="agree")
        self.position(self.dan, proposal, self.ministry, stance="disagree")
        self.sign_in(self.alice)
        body = self.assert_status(self.close(proposal), 201)
        assert body["outcome"] == "rejected", "3 of 8 weight in favour"
        assert "38% of the weight of the votes cast in favour" in body["reasoning"]

    def test_it_chooses_among_options(self):
        proposal = self.propose(kind="options", options=["Tillabéri", "Dosso"],
                                rule="simple_majority")
        self.position(self.alice, proposal, self.trust, option="Dosso")
        self.position(self.dan, proposal, self.ministry, option="Dosso")
        self.position(self.eve, proposal, self.bottler, option="Tillabéri")
        self.sign_in(self.alice)
        body = self.assert_status(self.close(proposal), 201)
        assert (body["outcome"], body["chosen_option"]) == ("chosen", "Dosso")

    def test_it_counts_only_current_voting_members(self):
        from partnering.partnerships import services as partnerships

        proposal = self.propose()
        self.position(self.alice, proposal, self.trust, stance="agree")
        self.position(self.dan, proposal, self.ministry, stance="agree")
        self.position(self.eve, proposal, self.bottler, stance="disagree")
        partnerships.remove_member(self.alice, self.bottler_membership, reason="Left")
        self.sign_in(self.alice)
        body = self.assert_status(self.close(proposal), 201)
        assert body["outcome"] == "carried", "a member that left no longer decides"


class WhoCloses(ClosingTestCase):
    def test_it_lets_only_stewards_close(self):
        proposal = self.propose()
        for user in (self.carol, self.dan, self.eve):
            self.sign_in(user)
            with self.after_closing(proposal), self.assert_nothing_saved(proposal):
                self.assert_error(self.close(proposal), 403)
        self.sign_in(self.olga)
        with self.after_closing(proposal), self.assert_nothing_saved(proposal):
            self.assert_error(self.close(proposal), 404)

    def test_it_refuses_to_close_twice_or_a_withdrawn_proposal(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        with self.after_closing(proposal):
            self.assert_status(self.close(proposal), 201)
            with self.assert_nothing_saved(proposal):
                self.assert_error(self.close(proposal), 422)
        other = self.propose()
        services.withdraw_proposal(self.alice, other, reason="Superseded")
        with self.after_closing(other), self.assert_nothing_saved(other):
            self.assert_error(self.close(other), 422)

    def test_it_refuses_a_review_date_in_the_past_or_bad_input(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        with self.after_closing(proposal), self.assert_nothing_saved(proposal):
            body = self.assert_error(self.close(proposal, {"review_date": "2026-01-01"}), 422)
            assert body["errors"][0]["loc"] == ["review_date"]
            self.assert_error(self.close(proposal, {"review_date": "soon"}), 422)
            self.assert_error(self.close(proposal, {"note": "n" * 5001}), 422)


class Withdrawing(ClosingTestCase):
    def test_it_lets_a_steward_withdraw_an_open_proposal_saying_why(self):
        proposal = self.propose()
        self.sign_in(self.carol)
        with self.assert_nothing_saved(proposal):
            self.assert_error(self.post(self.url(proposal, "/withdraw"),
                                        {"reason": "No"}), 403)
        self.sign_in(self.alice)
        with self.assert_nothing_saved(proposal):
            self.assert_error(self.post(self.url(proposal, "/withdraw"), {"reason": ""}), 422)
        body = self.assert_status(self.post(self.url(proposal, "/withdraw"),
                                            {"reason": "Overtaken by the ministry's plan"}),
                                  200)
        assert body["status"] == "withdrawn"
        event = self.assert_audited(proposal, "proposal.withdrawn", actor=self.alice)
        assert event.summary == "Withdrawn: Overtaken by the ministry's plan"
        assert event.changes == {"status": ["open", "withdrawn"],
                                 "reason": [None, "Overtaken by the ministry's plan"]}
        with self.assert_nothing_saved(proposal):
            self.assert_error(self.post(self.url(proposal, "/withdraw"),
                                        {"reason": "Again"}), 422)


class DecisionLog(ClosingTestCase):
    def decide(self, title, stances, rule="consensus", days=0):
        with time_machine.travel(NOW + dt.timedelta(days=days), tick=True):
            proposal = self.propose(title=title, rule=rule)
            for user, org, stance in zip((self.alice, self.dan, self.eve),
                                         (self.trust, self.ministry, self.bottler), stances,
                                         strict=False):
                if stance:
                    self.position(user, proposal, org, stance=stance,
                                  reason="Reason" if stance == "block" else "")
        with self.after_closing(proposal):
            return services.close_proposal(self.alice, proposal)

    def test_it_lists_the_decisions_newest_first(self):
        self.decide("Map", ["agree", "agree", "agree"])
        self.decide("Budget", ["agree", "disagree", ""], days=1)
        self.decide("Data", ["agree", "block", "agree"], rule="consent", days=2)
        self.propose(title="Still open")
        self.sign_in(self.carol)
        items = self.assert_list(self.get(f"/partnerships/{self.private.pk}/decisions"),
                                 count=3)
        assert [(d["proposal_title"], d["outcome"]) for d in items] == [
            ("Data", "blocked"), ("Budget", "rejected"), ("Map", "carried")]
        assert items[0]["rule_name"] == "Consent"
        page = self.assert_list(self.get(self.decisions, limit=1, offset=1), count=3)
        assert page[0]["proposal_title"] == "Budget"

    def test_it_hides_the_decision_log_from_outsiders(self):
        self.decide("Map", ["agree", "agree", "agree"])
        self.sign_in(self.olga)
        self.assert_error(self.get(self.decisions), 404)

    def test_it_shows_the_decision_log_and_the_decision_on_the_pages(self):
        decision = self.decide("Publish the map", ["agree", "block", "agree"], rule="consent")
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        self.assertContains(response, "Decision log")
        self.assertContains(response, "Publish the map")
        self.assertContains(response, "Blocked")
        response = self.client.get(self.page(decision.proposal))
        self.assertContains(response, "Decision: Blocked")
        self.assertContains(response, "Follow-up actions")
        self.assertContains(response, f"?decision={decision.pk}")
        self.assertNotContains(response, "Close and record the decision")

    def test_it_closes_from_the_proposal_page(self):
        proposal = self.propose()
        self.sign_in(self.alice)
        response = self.client.get(self.page(proposal))
        self.assertNotContains(response, "Close and record the decision")
        self.assertContains(response, "It can be closed after")
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/close/"
        response = self.client.post(url, {"review_date": ""}, follow=True)
        self.assertContains(response, "Positions are open until")
        assert not Decision.objects.exists()
        with self.after_closing(proposal):
            response = self.client.get(self.page(proposal))
            self.assertContains(response, "Close and record the decision")
            response = self.client.post(url, {"review_date": "2027-03-01",
                                              "note": "Quiet week"}, follow=True)
        self.assertContains(response, "Decided: No quorum.")
        decision = Decision.objects.get()
        assert decision.review_date == dt.date(2027, 3, 1)
        assert decision.reasoning.endswith("Quiet week")

    def test_it_refuses_closing_from_the_page_to_non_stewards(self):
        proposal = self.propose()
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/close/"
        self.sign_in(self.dan)
        with self.after_closing(proposal), self.assert_nothing_saved(proposal):
            assert self.client.post(url, {}).status_code == 403

    def test_withdrawing_and_deleting_never_run_inside_another_transaction(self):
        proposal, action = self.propose(), self.action()
        with pytest.raises(RuntimeError), transaction.atomic():
            services.withdraw_proposal(self.alice, proposal, reason="Overtaken")
        with pytest.raises(RuntimeError), transaction.atomic():
            services.delete_action(self.alice, action)
        assert self.reload(proposal).status == "open"
        assert Action.objects.filter(pk=action.pk).exists()

    def test_it_withdraws_from_the_proposal_page(self):
        proposal = self.propose()
        self.sign_in(self.bob)
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/withdraw/"
        response = self.client.post(url, {"reason": "Superseded"}, follow=True)
        self.assertContains(response, "Proposal withdrawn.")
        assert Proposal.objects.get().status == "withdrawn"
        response = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        self.assertContains(response, "Withdrawn proposals")

    def test_it_gives_a_default_review_date_at_month_ends(self):
        assert services.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
        assert services.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
        assert services.default_review_date(TODAY) == dt.date(2027, 5, 20)
