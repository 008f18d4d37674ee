"""What the decisions and power-balance features read from the agreement: the agreed rule
with its weights, and the value each member committed."""

import datetime as dt
from decimal import Decimal

import time_machine

from partnering.agreements import services
from partnering.agreements.services import agreed_rule, committed_value_by_member
from tests.agreements.base import WORLD_BUILT, AgreementTestCase

AGREED_V1 = dt.datetime(2026, 10, 5, 12, 0, tzinfo=dt.UTC)
AGREED_V2 = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@time_machine.travel(WORLD_BUILT, tick=True)
class ReadingTheAgreedRule(AgreementTestCase):
    def commit(self, version, org, value):
        services.add_commitment(self.alice, version, organisation=org, kind="expertise",
                                description="Engineers", estimated_value=value)

    def test_it_answers_none_while_nothing_is_agreed(self):
        version = self.ready()
        assert agreed_rule(self.private) is None
        services.propose(self.alice, version)
        assert agreed_rule(self.private) is None
        assert committed_value_by_member(self.private) == {}

    def test_it_gives_equal_weights_when_nobody_commits_or_weighs(self):
        version = self.ready()
        services.update_version(self.alice, version, decision_rule="simple_majority",
                                quorum_percent=60)
        with time_machine.travel(AGREED_V1, tick=False):
            self.agree(version)
        rule = agreed_rule(self.private)
        assert (rule.rule, rule.quorum_percent, rule.majority_percent) == \
            ("simple_majority", 60, 67)
        assert rule.weights == {self.trust.pk: Decimal(1), self.ministry.pk: Decimal(1)}
        assert rule.source == "Partnering agreement, version 1, agreed 5 Oct 2026"
        rule_tuple = tuple(rule)
        assert rule_tuple[0] == "simple_majority" and len(rule_tuple) == 6
        assert rule.notice_days == 7

    def test_it_weighs_by_share_of_the_value_committed(self):
        version = self.ready()
        services.update_version(self.alice, version, decision_rule="weighted")
        self.commit(version, self.trust, 3000)
        self.commit(version, self.ministry, 1000)
        self.agree(version)
        rule = agreed_rule(self.private)
        assert rule.weights == {self.trust.pk: Decimal("0.75"),
                                self.ministry.pk: Decimal("0.25")}
        assert committed_value_by_member(self.private) == {self.trust.pk: Decimal(3000),
                                                           self.ministry.pk: Decimal(1000)}

    def test_it_uses_the_vote_weights_agreed(self):
        version = self.ready()
        services.update_version(self.alice, version, decision_rule="weighted")
        for terms, weight in zip(version.member_terms.order_by("organisation__name"), (1, 3),
                                 strict=True):
            services.update_terms(self.alice, terms, vote_weight=weight)
        self.commit(version, self.trust, 5000)
        self.agree(version)
        assert agreed_rule(self.private).weights == {self.ministry.pk: Decimal(1),
                                                     self.trust.pk: Decimal(3)}

    def test_it_refuses_to_propose_weights_for_some_members_only(self):
        version = self.ready()
        services.update_version(self.alice, version, decision_rule="weighted")
        services.update_terms(self.alice, version.member_terms.first(), vote_weight=2)
        problems = services.proposal_problems(version)
        assert any("every member a vote weight, or none" in p for p in problems)

    def test_it_reads_the_version_in_force_at_the_end_of_a_period(self):
        v1 = self.ready()
        self.commit(v1, self.trust, 100)
        with time_machine.travel(AGREED_V1, tick=False):
            self.agree(v1)
        with time_machine.travel(AGREED_V1 + dt.timedelta(days=1), tick=False):
            v2 = services.update_version(self.alice, v1, decision_rule="consent")
            self.complete(v2)
            services.update_commitment(self.alice, v2.commitments.get(), estimated_value=900)
            self.commit(v2, self.ministry, 300)
            services.propose(self.alice, v2)
        with time_machine.travel(AGREED_V2, tick=False):
            services.sign(self.alice, v2, organisation=self.trust)
            services.sign(self.carol, v2, organisation=self.ministry)
        assert agreed_rule(self.private).rule == "consent"
        assert committed_value_by_member(self.private) == {self.trust.pk: Decimal(900),
                                                           self.ministry.pk: Decimal(300)}
        assert committed_value_by_member(self.private, until=dt.date(2026, 11, 1)) == \
            {self.trust.pk: Decimal(100), self.ministry.pk: Decimal(0)}
        assert committed_value_by_member(self.private, since=dt.date(2026, 10, 10),
                                         until=dt.date(2026, 11, 20)) == \
            {self.trust.pk: Decimal(900), self.ministry.pk: Decimal(300)}
        assert committed_value_by_member(self.private, until=dt.date(2026, 10, 1)) == {}

    def test_it_shows_the_rule_in_the_api(self):
        version = self.ready()
        self.commit(version, self.trust, 100)
        self.agree(version)
        self.sign_in(self.carol)
        body = self.assert_status(self.get(f"/partnerships/{self.private.pk}/agreement"), 200)
        assert body["rule"]["rule"] == "consensus"
        assert body["rule"]["weights"] == {str(self.trust.pk): "1.0000",
                                           str(self.ministry.pk): "0.0000"}
        assert body["committed_value_by_member"][str(self.trust.pk)] == "100.00"
