"""The power balance's arithmetic as plain functions: shares, normalised entropy, the
equity index, each measure, sector aggregation and missing data. No database."""

import math
from decimal import Decimal
from unittest import TestCase

from partnering.governance.power.arithmetic import (
    dominance_threshold,
    effective_number,
    entropy,
    equity_index,
    normalised_entropy,
    percent,
    shares,
)
from partnering.governance.power.balance import balance
from partnering.governance.power.measures import MEASURES
from partnering.governance.power.report import Member, PowerData

TRUST = Member(1, "Sahel Water Trust", "civil_society", acronym="SWT", mandated=1,
               representatives=1)
MINISTRY = Member(2, "Ministry of Water", "public", mandated=1, representatives=1)
BOTTLER = Member(3, "Clearwater Bottling", "private", mandated=1, representatives=1)
HEALTH = Member(4, "Ministry of Health", "public", mandated=1, representatives=1)
FOUR = [TRUST, MINISTRY, BOTTLER, HEALTH]


def data(members=FOUR, **amounts) -> PowerData:
    events = {key: sum(values.values()) for key, values in amounts.items()}
    return PowerData(members=list(members), amounts=amounts, events=events, meetings=10)


class SharesTest(TestCase):
    def test_it_divides_each_amount_by_the_total(self):
        assert shares({1: 7, 2: 2, 3: 0}) == {1: 7 / 9, 2: 2 / 9, 3: 0.0}

    def test_it_sums_to_one(self):
        parts = shares({1: 1, 2: 1, 3: 1, 4: 4, 5: 13})
        self.assertAlmostEqual(sum(parts.values()), 1.0, places=12)

    def test_it_shares_money(self):
        parts = shares({1: Decimal("12000.50"), 2: Decimal("3000.25")})
        self.assertAlmostEqual(parts[1], 0.8, places=4)
        self.assertAlmostEqual(sum(parts.values()), 1.0, places=12)

    def test_it_reports_nothing_to_share_as_missing_not_zeros(self):
        assert shares({1: 0, 2: 0}) is None
        assert shares({}) is None

    def test_it_refuses_negative_amounts(self):
        with self.assertRaises(ValueError):
            shares({1: 3, 2: -1})


class EntropyTest(TestCase):
    def test_it_is_one_when_all_hold_equal_shares(self):
        for n in (2, 3, 4, 7, 20):
            self.assertAlmostEqual(normalised_entropy([1 / n] * n, n), 1.0, places=12)

    def test_it_is_zero_when_one_member_holds_everything(self):
        assert normalised_entropy([1.0, 0.0, 0.0, 0.0], 4) == 0.0

    def test_it_counts_members_with_no_share(self):
        # Two of four share equally: H = ln 2, normalised by ln 4.
        self.assertAlmostEqual(normalised_entropy([0.5, 0.5], 4), 0.5, places=12)

    def test_it_matches_the_formula_on_known_shares(self):
        parts = [0.7, 0.2, 0.1]
        expected = -(0.7 * math.log(0.7) + 0.2 * math.log(0.2) + 0.1 * math.log(0.1))
        self.assertAlmostEqual(entropy(parts), expected, places=12)
        self.assertAlmostEqual(normalised_entropy(parts, 3), expected / math.log(3), places=12)

    def test_it_has_no_balance_for_fewer_than_two(self):
        assert normalised_entropy([1.0], 1) is None
        assert normalised_entropy([], 0) is None

    def test_it_reads_as_an_effective_number_of_members(self):
        self.assertAlmostEqual(effective_number([0.25] * 4), 4.0, places=12)
        self.assertAlmostEqual(effective_number([1.0, 0, 0, 0]), 1.0, places=12)

    def test_it_averages_the_measures_with_data(self):
        assert equity_index([1.0, 0.0, None, 0.5]) == 0.5
        assert equity_index([None, None]) is None


class ThresholdTest(TestCase):
    def test_it_lies_halfway_between_an_equal_share_and_everything(self):
        assert dominance_threshold(2) == 0.75
        self.assertAlmostEqual(dominance_threshold(3), 2 / 3)
        assert dominance_threshold(4) == 0.625
        assert dominance_threshold(10) == 0.55

    def test_it_is_always_above_half_so_only_one_can_dominate(self):
        for n in range(2, 200):
            assert dominance_threshold(n) > 0.5

    def test_a_configured_threshold_replaces_it_but_never_below_an_equal_share(self):
        assert dominance_threshold(4, 0.5) == 0.5
        assert dominance_threshold(2, 0.5) == 0.5
        assert dominance_threshold(4, 0.9) == 0.9

    def test_it_does_not_apply_to_one_member(self):
        assert dominance_threshold(1) is None
        assert dominance_threshold(0, 0.6) is None

    def test_it_words_percentages_plainly(self):
        assert percent(7 / 9) == "78%"
        assert percent(0.001) == "under 1%"
        assert percent(0.998) == "over 99%"
        assert percent(1.0) == "100%"
        assert percent(0.0) == "0%"
        assert percent(0.625, precise=True) == "62.5%"
        assert percent(0.25, precise=True) == "25%"


class MeasuresTest(TestCase):
    def test_it_shares_each_measure_between_the_members(self):
        report = balance(data(
            proposals={1: 7, 2: 1, 3: 1}, positions={1: 5, 2: 5, 3: 5, 4: 5},
            decisions={1: 4, 2: 2}, blocks={3: 1}, actions={2: 3, 4: 1},
            resources={1: Decimal("90000"), 2: Decimal("10000")},
            attendance={1: 10, 2: 9, 3: 4, 4: 8}, speaking={1: 30, 2: 10, 3: 0, 4: 10}))
        for result in report.measures:
            assert result.has_data, result.key
            self.assertAlmostEqual(sum(p.share for p in result.by_member), 1.0, places=12)
            self.assertAlmostEqual(sum(p.share for p in result.by_sector), 1.0, places=12)
        proposals = report.measure("proposals")
        assert proposals.total == 9
        self.assertAlmostEqual(proposals.part_of(1).share, 7 / 9)
        assert proposals.part_of(4).amount == 0
        assert report.measure("positions").equity == 1.0
        assert report.measure("blocks").part_of(3).share == 1.0
        self.assertAlmostEqual(report.measure("resources").part_of(1).share, 0.9)
        assert report.measure("speaking").part_of(3).share == 0.0

    def test_it_names_every_measure_of_the_issue(self):
        assert [m.key for m in MEASURES] == [
            "proposals", "positions", "decisions", "blocks", "actions", "resources",
            "attendance", "speaking"]

    def test_it_reports_a_measure_without_data_as_no_data(self):
        report = balance(data(proposals={1: 2, 2: 2}))
        speaking = report.measure("speaking")
        assert not speaking.has_data
        assert speaking.by_member == [] and speaking.by_sector == []
        assert speaking.equity is None and speaking.effective_members is None
        assert report.measures_in_index == ["proposals"]

    def test_it_treats_all_zero_counts_as_no_data(self):
        report = balance(data(speaking={1: 0, 2: 0}))
        assert not report.measure("speaking").has_data
        assert report.index is None
        assert not report.has_data

    def test_it_leaves_guests_out(self):
        # Organisation 99 attended as a guest: it is not a partner.
        report = balance(data(attendance={1: 2, 2: 2, 99: 5}))
        attendance = report.measure("attendance")
        assert attendance.total == 4
        assert attendance.part_of(99) is None
        assert attendance.equity == 0.5  # two of four members share it equally

    def test_it_leaves_observers_out_of_deciding_only(self):
        observer = Member(5, "UNDP", "multilateral", is_observer=True)
        report = balance(data(members=[*FOUR, observer], positions={1: 1, 2: 1, 3: 1, 4: 1},
                              attendance={1: 1, 2: 1, 3: 1, 4: 1, 5: 1}))
        positions = report.measure("positions")
        assert len(positions.holders) == 4 and positions.part_of(5) is None
        assert positions.equity == 1.0
        assert report.measure("attendance").part_of(5).share == 0.2


class IndexTest(TestCase):
    def test_it_is_one_when_everything_is_shared_equally(self):
        equal = {1: 3, 2: 3, 3: 3, 4: 3}
        report = balance(data(proposals=equal, positions=equal, decisions=equal,
                              actions=equal, attendance=equal, speaking=equal,
                              resources={k: Decimal(v) for k, v in equal.items()}))
        self.assertAlmostEqual(report.index, 1.0, places=12)
        assert [f for f in report.flags if f.kind != "no_mandate"] == []

    def test_it_is_zero_when_one_member_holds_everything(self):
        all_mine = {1: 5}
        report = balance(data(proposals=all_mine, positions=all_mine, decisions=all_mine,
                              actions=all_mine, attendance=all_mine, speaking=all_mine,
                              resources={1: Decimal(100)}))
        assert report.index == 0.0

    def test_it_averages_the_measures_with_data_and_leaves_blocks_out(self):
        report = balance(data(proposals={1: 4}, actions={1: 1, 2: 1, 3: 1, 4: 1},
                              blocks={1: 3}))
        assert report.measures_in_index == ["proposals", "actions"]
        self.assertAlmostEqual(report.index, 0.5, places=12)
        assert report.measure("blocks").equity == 0.0  # shown, not counted

    def test_it_has_no_index_with_one_member(self):
        report = balance(data(members=[TRUST], proposals={1: 3}))
        assert report.index is None
        assert report.measure("proposals").part_of(1).share == 1.0


class SectorTest(TestCase):
    def test_it_adds_members_up_by_sector(self):
        report = balance(data(proposals={1: 2, 2: 3, 4: 5}))
        proposals = report.measure("proposals")
        assert [(p.key, p.amount) for p in proposals.by_sector] == [
            ("civil_society", 2), ("private", 0), ("public", 8)]
        self.assertAlmostEqual(proposals.sector_part("public").share, 0.8)
        assert [s.label for s in report.sectors] == ["Civil society", "Private sector",
                                                     "Public sector"]

    def test_it_measures_the_sector_balance_over_the_sectors_at_the_table(self):
        report = balance(data(proposals={1: 1, 2: 1, 3: 1}))
        # Sectors: civil society 1, private 1, public 1 (ministry) + 0 (health).
        self.assertAlmostEqual(report.measure("proposals").sector_equity, 1.0, places=12)
        self.assertAlmostEqual(report.sector_index, 1.0, places=12)
        assert report.measure("proposals").equity < 1.0  # one public member is silent
