"""The power balance read from the database: each measure counted from its records, whose
way decisions went, periods, former members and guests, and a fixed number of queries."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partnering.governance.power.data import gather, power_balance
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import QueryCounting, add_represented_member
from tests.governance.power_world import DAY, PowerWorld


class MeasuresFromRecordsTest(PowerWorld):
    def test_it_counts_each_measure_per_member(self):
        p1, p2, p3 = (self.propose(self.trust), self.propose(self.trust),
                      self.propose(self.bottler))
        for proposal in (p1, p2, p3):
            self.position(proposal, self.trust)
        self.position(p1, self.bottler, "block")
        self.action(self.bottler)
        self.action(self.bottler)
        self.action(self.trust, status="dropped")  # not carried: left out
        self.agree({self.trust: 30000, self.bottler: 10000, self.ministry: 0})
        report = power_balance(self.private)
        amounts = {r.key: {p.key: p.amount for p in r.by_member} for r in report.measures}
        t, m, b = self.trust.pk, self.ministry.pk, self.bottler.pk
        assert amounts["proposals"] == {t: 2, m: 0, b: 1}
        assert amounts["positions"] == {t: 3, m: 0, b: 1}
        assert amounts["blocks"] == {t: 0, m: 0, b: 1}
        assert amounts["actions"] == {t: 0, m: 0, b: 2}
        assert amounts["resources"] == {t: Decimal(30000), m: 0, b: Decimal(10000)}
        # The base world's meeting: the trust and the ministry attended.
        assert amounts["attendance"] == {t: 1, m: 1, b: 0}
        assert not report.measure("speaking").has_data
        assert not report.measure("decisions").has_data
        for result in report.measures:
            if result.has_data:
                self.assertAlmostEqual(sum(p.share for p in result.by_member), 1.0)
                self.assertAlmostEqual(sum(p.share for p in result.by_sector), 1.0)

    def test_it_counts_whose_way_decisions_went(self):
        carried = self.propose(self.trust)
        self.position(carried, self.trust, "agree")
        self.position(carried, self.bottler, "disagree")
        self.decide(carried, "carried")
        rejected = self.propose(self.trust)
        self.position(rejected, self.trust, "agree")
        self.position(rejected, self.bottler, "disagree")
        self.decide(rejected, "rejected")
        blocked = self.propose(self.trust, rule="consent")
        self.position(blocked, self.trust, "agree")
        self.position(blocked, self.bottler, "block")
        self.decide(blocked, "blocked")
        abstained = self.propose(self.bottler)
        self.position(abstained, self.trust, "abstain")  # abstaining wins nothing
        self.position(abstained, self.bottler, "agree")
        self.decide(abstained, "carried")
        options = self.propose(self.bottler, kind="options", options=["Tuzla", "Bihać"])
        self.position(options, self.trust, option="Tuzla")
        self.position(options, self.bottler, option="Bihać")
        self.decide(options, "chosen", chosen="Bihać")
        open_one = self.propose(self.trust)
        self.position(open_one, self.trust, "agree")  # not decided: not counted
        decisions = power_balance(self.private).measure("decisions")
        assert {p.key: p.amount for p in decisions.by_member} == {
            self.trust.pk: 1, self.ministry.pk: 0, self.bottler.pk: 4}
        assert decisions.events == 5

    def test_it_records_speaking_turns_only_where_minutes_counted_them(self):
        self.meet([self.trust, self.bottler], turns={self.trust: 9, self.bottler: 0})
        self.meet([self.trust, self.bottler, self.ministry],
                  turns={self.trust: 6, self.bottler: 1, self.ministry: 4})
        self.meet([self.trust, self.bottler])  # not counted: no data, not zeros
        data = gather(self.private)
        assert data.amounts["speaking"] == {self.trust.pk: 15, self.bottler.pk: 1,
                                            self.ministry.pk: 4}
        assert data.recorded_meetings == 2 and data.meetings == 4
        assert data.recorded_attendance == {self.trust.pk: 2, self.bottler.pk: 2,
                                            self.ministry.pk: 1}
        flags = [f for f in power_balance(self.private).flags if f.kind == "unheard"]
        assert [f.organisation_id for f in flags] == [self.bottler.pk]

    def test_it_keeps_former_members_and_leaves_guests_out(self):
        self.propose(self.bottler)
        self.propose(self.trust)
        guest = Organisation.objects.create(name="Visiting Donor", sector="philanthropy",
                                            iati_type="60")
        self.meet([self.trust, guest], turns={self.trust: 3, guest: 12})
        partnerships.remove_member(self.alice, self.bottler_membership, reason="Left")
        report = power_balance(self.private)
        names = {m.organisation_id: m for m in report.members}
        assert not names[self.bottler.pk].is_member
        assert guest.pk not in names
        assert report.measure("proposals").part_of(self.bottler.pk).share == 0.5
        assert report.measure("speaking").part_of(self.trust.pk).share == 1.0
        # Former members are not asked for a mandate.
        assert {f.organisation_id for f in report.flags if f.kind == "no_mandate"} == {
            self.ministry.pk}

    def test_it_counts_member_mandates(self):
        report = power_balance(self.private)
        [flag] = [f for f in report.flags if f.kind == "no_mandate"]
        assert flag.organisation_id == self.ministry.pk
        assert flag.explanation.startswith(
            "Ministry of Water has a representative here but no mandate to decide")


class PeriodTest(PowerWorld):
    def test_it_counts_only_the_period(self):
        early, late = dt.date(2026, 1, 10), dt.date(2026, 9, 10)
        self.propose(self.trust, early)
        self.propose(self.trust, early)
        self.propose(self.bottler, late)
        self.action(self.trust, early)
        self.action(self.bottler, late)
        self.meet([self.bottler], day=late)
        proposal = self.propose(self.bottler, early)
        self.position(proposal, self.bottler)
        self.decide(proposal, "carried", day=late)  # decided later than tabled
        spring = power_balance(self.private, until=dt.date(2026, 6, 30))
        assert {p.key: p.amount for p in spring.measure("proposals").by_member if p.amount} \
            == {self.trust.pk: 2, self.bottler.pk: 1}
        assert not spring.measure("decisions").has_data
        assert not spring.measure("attendance").has_data  # the base meeting is in October
        autumn = power_balance(self.private, since=dt.date(2026, 7, 1))
        assert {p.key: p.amount for p in autumn.measure("proposals").by_member if p.amount} \
            == {self.bottler.pk: 1}
        assert autumn.measure("decisions").part_of(self.bottler.pk).share == 1.0
        assert autumn.measure("actions").part_of(self.bottler.pk).amount == 1
        assert autumn.measure("attendance").total == 3
        both = power_balance(self.private, since=early, until=early)
        assert both.measure("proposals").total == 3

    def test_it_includes_both_ends_of_the_period(self):
        self.propose(self.trust, DAY)
        assert power_balance(self.private, since=DAY, until=DAY).measure(
            "proposals").total == 1

    def test_it_takes_the_commitments_of_the_agreement_in_force_at_the_end(self):
        self.agree({self.trust: 100, self.bottler: 100}, day=dt.date(2026, 2, 1))
        self.agree({self.trust: 900, self.bottler: 100}, day=dt.date(2026, 8, 1))
        spring = power_balance(self.private, until=dt.date(2026, 6, 30))
        assert spring.measure("resources").part_of(self.trust.pk).share == 0.5
        now = power_balance(self.private)
        assert now.measure("resources").part_of(self.trust.pk).share == 0.9

    def test_it_refuses_an_end_before_the_start(self):
        with self.assertRaises(ValidationError):
            gather(self.private, since=dt.date(2026, 5, 2), until=dt.date(2026, 5, 1))


class ThresholdSettingTest(PowerWorld):
    def test_it_reads_the_configured_threshold(self):
        for _ in range(3):
            self.propose(self.trust)
        self.propose(self.bottler)
        self.propose(self.ministry)
        # 60% of proposals with three members: under the default 66.7%.
        assert not [f for f in power_balance(self.private).flags
                    if f.kind == "member_dominance"]
        with override_settings(POWER_DOMINANCE_THRESHOLD=0.55):
            report = power_balance(self.private)
        [flag] = [f for f in report.flags if f.kind == "member_dominance"]
        assert flag.threshold == 0.55
        assert "55%" in report.threshold_rule


class QueryCountTest(QueryCounting, PowerWorld):
    def grow(self, n: int) -> None:
        """n more members, each with a proposal, a position, a decision, an action, a
        commitment and a meeting with speaking turns."""
        commitments = {}
        for i in range(n):
            org = add_represented_member(self.admin, self.private, f"Org {n}-{i}",
                                         has_mandate=bool(i % 2), country="").organisation
            proposal = self.propose(org)
            self.position(proposal, self.trust, "agree")
            self.decide(proposal, "carried")
            self.action(org)
            self.meet([org, self.trust], turns={org: i, self.trust: 2})
            commitments[org] = 100 + i
        self.agree(commitments)

    def test_it_reads_the_balance_with_a_fixed_number_of_queries(self):
        self.sign_in(self.alice)
        p = self.private.pk
        urls = [f"/api/v1/partnerships/{p}/power-balance", f"/partnerships/{p}/power/",
                f"/partnerships/{p}/power/?since=2026-01-01&until=2026-12-31",
                f"/partnerships/{p}/"]
        self.assert_queries_fixed(*urls)
        with CaptureQueriesContext(connection) as queries:
            report = power_balance(self.private)
        assert len(queries) <= 12, [q["sql"] for q in queries]
        assert len(report.members) == 53
