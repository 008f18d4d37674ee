"""A proposal follows the partnership's agreed rule, quorum and minimum notice: the proposer
cannot replace them (issue: "simple majority, quorum 10 %, closes in 2 minutes" was carried
with 1 of 8 members on a consensus partnership). The decision log marks decisions taken
under another rule."""

import datetime as dt

import time_machine

from partnering.agreements.models import AgreementVersion
from partnering.governance.decisions import services
from partnering.governance.models import Proposal
from tests.governance.base import NOW, GovernanceTestCase, agreed


@time_machine.travel(NOW, tick=True)
class TheAgreedRuleBinds(GovernanceTestCase):
    def payload(self, **extra) -> dict:
        return {"title": "Adopt the water point map", "text": "One map, kept by the Trust.",
                "proposed_by_organisation_id": self.trust.pk,
                "closes_at": (NOW + dt.timedelta(days=8)).isoformat(), **extra}

    def test_it_refuses_a_rule_quorum_or_notice_sent_by_the_proposer(self):
        self.sign_in(self.alice)
        attempts = {"rule": {"rule": "simple_majority"}, "quorum_percent": {"quorum_percent": 10},
                    "majority_percent": {"majority_percent": 51},
                    "notice_days": {"notice_days": 0}}
        with agreed("consensus", 67, notice_days=7):
            for field, extra in attempts.items():
                with self.subTest(field), self.assert_nothing_saved():
                    body = self.assert_error(self.post(self.url(), self.payload(**extra)), 422)
                    (error,) = body["detail"]
                    assert error["loc"][-1] == field
                    assert "partnering agreement" in error["msg"]

    def test_it_refuses_closing_sooner_than_the_agreed_notice(self):
        self.sign_in(self.alice)
        soon = (NOW + dt.timedelta(minutes=2)).isoformat()
        with agreed("consensus", 67, notice_days=7), self.assert_nothing_saved():
            body = self.assert_error(self.post(self.url(), self.payload(closes_at=soon)), 422)
        assert body["errors"][0]["loc"] == ["closes_at"]
        assert "at least 7 days' notice" in body["detail"]

    def test_it_decides_the_issue_case_by_the_agreed_rule(self):
        """One member agreeing out of three does not carry under consensus, quorum 67%."""
        with agreed("consensus", 67, notice_days=7):
            proposal = services.create_proposal(
                self.alice, self.private, title="Switch to majority", text="Faster.",
                proposed_by_organisation=self.trust, closes_at=NOW + dt.timedelta(days=7))
        assert (proposal.rule, proposal.quorum_percent) == ("consensus", 67)
        self.position(self.alice, proposal, self.trust, stance="agree")
        with time_machine.travel(NOW + dt.timedelta(days=7, minutes=1), tick=False):
            decision = services.close_proposal(self.alice, proposal)
        assert decision.outcome == "no_quorum"

    def test_it_takes_the_rule_and_notice_from_the_agreed_version(self):
        AgreementVersion.objects.create(
            partnership=self.private, number=1, status="agreed", decision_rule="consent",
            quorum_percent=60, notice_days=3, agreed_at=NOW - dt.timedelta(days=30))
        current = services.rule_in_force(self.private)
        assert (current.rule, current.quorum_percent, current.notice_days, current.agreed) == \
            ("consent", 60, 3, True)
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.url(), self.payload(
                closes_at=(NOW + dt.timedelta(days=2)).isoformat())), 422)
        body = self.assert_status(self.post(self.url(), self.payload(
            closes_at=(NOW + dt.timedelta(days=3, hours=1)).isoformat())), 201)
        assert (body["rule"], body["quorum_percent"], body["rule_departure"]) == \
            ("consent", 60, "")
        page = self.client.get(f"/partnerships/{self.private.pk}/proposals/new/")
        self.assertContains(page, "By the agreed rule: Consent, quorum 60%, at least 3 days")

    def test_it_follows_the_platform_default_while_nothing_is_agreed(self):
        current = services.rule_in_force(self.private)
        assert (current.rule, current.quorum_percent, current.notice_days, current.agreed) == \
            ("consensus", 50, 7, False)
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/proposals/new/")
        self.assertContains(page, "No agreement is agreed yet: decisions follow the "
                                  "platform's default rule: Consensus, quorum 50%")

    def test_it_marks_a_decision_taken_under_another_rule_in_the_log(self):
        with agreed("consensus", 67, notice_days=7):
            kept = services.create_proposal(
                self.alice, self.private, title="Kept the rule", text="Map.",
                proposed_by_organisation=self.trust, closes_at=NOW + dt.timedelta(days=7))
            replaced = services.create_proposal(
                self.alice, self.private, title="Replaced the rule", text="Map.",
                proposed_by_organisation=self.trust, closes_at=NOW + dt.timedelta(days=7))
        # As recorded before the rule was enforced: chosen by the proposer, closing at once.
        Proposal.objects.filter(pk=replaced.pk).update(
            rule="simple_majority", quorum_percent=10,
            closes_at=NOW + dt.timedelta(minutes=2))
        AgreementVersion.objects.create(
            partnership=self.private, number=1, status="agreed", decision_rule="consensus",
            quorum_percent=67, notice_days=7, agreed_at=NOW - dt.timedelta(days=30))
        for proposal in (kept, replaced):
            for user, org in ((self.alice, self.trust), (self.dan, self.ministry),
                              (self.eve, self.bottler)):
                self.position(user, self.reload(proposal), org, stance="agree")
            services.close_proposal(self.alice, self.reload(proposal))
        self.sign_in(self.carol)
        log = {d["proposal_title"]: d for d in self.assert_list(
            self.get(f"/partnerships/{self.private.pk}/decisions"), count=2)}
        assert log["Kept the rule"]["rule_departure"] == ""
        departure = log["Replaced the rule"]["rule_departure"]
        assert "Simple majority of the votes cast, quorum 10%" in departure
        assert "Consensus, quorum 67% (partnering agreement, version 1)" in departure
        assert "less than the 7 days' notice" in departure
        page = self.client.get(f"/partnerships/{self.private.pk}/decisions/")
        self.assertContains(page, "Not the agreed rule:", count=1)
