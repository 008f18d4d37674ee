"""Flags of the power balance as plain functions: one member or one sector dominating a
measure, thresholds, the minimum of events, members present but unheard, members without a
mandate; each with its plain-language explanation and what to do (8 Actions to Get Real
Traction in Partnering)."""

from decimal import Decimal
from unittest import TestCase

from partnering.governance.power.balance import balance
from partnering.governance.power.measures import MIN_EVENTS
from partnering.governance.power.report import Member, PowerData

TRUST = Member(1, "Sahel Water Trust", "civil_society", acronym="SWT", mandated=1,
               representatives=1)
MINISTRY = Member(2, "Ministry of Water", "public", mandated=1, representatives=1)
BOTTLER = Member(3, "Clearwater Bottling", "private", mandated=1, representatives=1)
HEALTH = Member(4, "Ministry of Health", "public", mandated=1, representatives=1)
FOUR = [TRUST, MINISTRY, BOTTLER, HEALTH]


def report(members=FOUR, threshold=None, recorded=None, recorded_meetings=0, **amounts):
    events = {key: sum(values.values()) for key, values in amounts.items()}
    return balance(PowerData(members=list(members), amounts=amounts, events=events,
                             meetings=6, recorded_meetings=recorded_meetings,
                             recorded_attendance=recorded or {}), threshold=threshold)


def kinds(result, kind):
    return [flag for flag in result.flags if flag.kind == kind]


class MemberDominanceTest(TestCase):
    def test_it_flags_a_member_that_tables_most_proposals_and_says_why(self):
        result = report(proposals={1: 7, 2: 1, 3: 1})
        [flag] = kinds(result, "member_dominance")
        assert flag.measure == "proposals" and flag.organisation_id == 1
        self.assertAlmostEqual(flag.share, 7 / 9)
        assert flag.threshold == 0.625
        assert flag.explanation == (
            "Sahel Water Trust tabled 7 of the 9 proposals (78%); with 4 members here an "
            "equal share is 25%, and a share above 62.5% is flagged.")
        assert "invite every partner to table proposals" in flag.advice
        assert "8 Actions to Get Real Traction in Partnering" in flag.advice

    def test_it_does_not_flag_a_share_at_the_threshold(self):
        # 5 of 8 = 62.5%, exactly the threshold for four members: not above it.
        assert kinds(report(proposals={1: 5, 2: 1, 3: 1, 4: 1}), "member_dominance") == []
        assert kinds(report(proposals={1: 6, 2: 1, 3: 1}), "member_dominance")

    def test_it_waits_for_enough_events(self):
        assert MIN_EVENTS == 3
        assert kinds(report(blocks={3: 2}), "member_dominance") == []
        [flag] = kinds(report(blocks={3: 3}), "member_dominance")
        assert flag.explanation.startswith("Clearwater Bottling made 3 of the 3 blocks (100%)")
        assert "holds a veto" in flag.advice

    def test_a_configured_threshold_changes_what_is_flagged(self):
        shares = {1: 11, 2: 5, 3: 2, 4: 2}  # 55%
        assert kinds(report(proposals=shares), "member_dominance") == []
        [flag] = kinds(report(proposals=shares, threshold=0.5), "member_dominance")
        assert flag.threshold == 0.5
        assert kinds(report(proposals={1: 8, 2: 2}, threshold=0.9), "member_dominance") == []

    def test_it_explains_each_measure_in_its_own_words(self):
        result = report(positions={1: 9, 2: 1, 3: 1, 4: 1}, decisions={2: 8, 1: 1},
                        actions={4: 10, 1: 1}, resources={1: Decimal("950000"),
                                                          2: Decimal("50000")},
                        attendance={1: 6, 2: 1, 3: 1}, speaking={1: 40, 2: 5, 3: 3, 4: 2})
        flags = {flag.measure: flag for flag in kinds(result, "member_dominance")}
        assert set(flags) == {"positions", "decisions", "actions", "resources", "attendance",
                              "speaking"}
        assert "took 9 of the 12 positions" in flags["positions"].explanation
        assert "mandate to decide" in flags["positions"].advice
        assert "winning side of decisions 8 times out of the 9" in flags["decisions"].explanation
        assert "independent facilitator" in flags["decisions"].advice
        assert "Ministry of Health owns 10 of the 11 actions" in flags["actions"].explanation
        assert "Share accountability" in flags["actions"].advice
        assert "committed 95% of the estimated value of the resources (950,000 of 1,000,000)" \
            in flags["resources"].explanation
        assert "contributions in kind" in flags["resources"].advice
        assert "6 of the 8 attendances by members at the 6 meetings" in \
            flags["attendance"].explanation
        assert "neutral platform" in flags["attendance"].advice
        assert "had 40 of the 50 speaking turns" in flags["speaking"].explanation
        assert "give every partner the floor" in flags["speaking"].advice

    def test_two_members_share_a_measure_without_a_flag_until_one_holds_three_quarters(self):
        pair = [TRUST, MINISTRY]
        assert kinds(report(members=pair, proposals={1: 7, 2: 3}), "member_dominance") == []
        [flag] = kinds(report(members=pair, proposals={1: 8, 2: 2}), "member_dominance")
        assert "with 2 members here an equal share is 50%" in flag.explanation


class SectorDominanceTest(TestCase):
    def test_it_flags_a_sector_that_dominates_and_names_its_members(self):
        result = report(proposals={2: 4, 4: 4, 1: 1})
        assert kinds(result, "member_dominance") == []  # neither ministry alone
        [flag] = kinds(result, "sector_dominance")
        assert flag.sector == "public" and flag.measure == "proposals"
        assert flag.explanation.startswith(
            "Public sector (2 of 4 members: Ministry of Health, Ministry of Water) tabled 8 of "
            "the 9 proposals (89%); with 3 sectors at the table an equal share is 33.3%, and "
            "a share above 66.7% is flagged.")
        assert flag.advice.startswith("One sector cannot solve a complex problem alone")

    def test_it_does_not_flag_sectors_when_only_one_is_at_the_table(self):
        ministries = [MINISTRY, HEALTH]
        result = report(members=ministries, proposals={2: 9, 4: 1})
        assert kinds(result, "sector_dominance") == []
        assert kinds(result, "member_dominance")


class UnheardTest(TestCase):
    def test_it_flags_a_member_present_but_seldom_heard(self):
        result = report(speaking={1: 40, 2: 20, 3: 1, 4: 19},
                        recorded={1: 4, 2: 4, 3: 4, 4: 4}, recorded_meetings=4)
        [flag] = kinds(result, "unheard")
        assert flag.organisation_id == 3
        assert flag.explanation == (
            "Clearwater Bottling was present at 4 of the 4 meetings whose speaking turns were "
            "recorded (25% of the attendances there) but had 1 of the 80 speaking turns (1%): "
            "less than half of what its presence would suggest.")
        assert "Being in the room is not being heard" in flag.advice

    def test_it_does_not_flag_members_who_were_not_there(self):
        result = report(speaking={1: 40, 2: 20, 4: 20}, recorded={1: 4, 2: 4, 4: 4},
                        recorded_meetings=4)
        assert kinds(result, "unheard") == []

    def test_it_needs_speaking_turns_recorded(self):
        result = report(recorded={1: 4, 2: 4, 3: 4, 4: 4}, recorded_meetings=0)
        assert kinds(result, "unheard") == []


class MandateTest(TestCase):
    def test_it_flags_members_that_cannot_take_part_in_decisions(self):
        no_mandate = Member(5, "Ministry of Finance", "public", representatives=2)
        nobody = Member(6, "Village Water Committee", "community")
        observer = Member(7, "UNDP", "multilateral", is_observer=True)
        former = Member(8, "Old Partner", "private", is_member=False)
        result = report(members=[*FOUR, no_mandate, nobody, observer, former])
        flags = {flag.organisation_id: flag for flag in kinds(result, "no_mandate")}
        assert set(flags) == {5, 6}
        assert flags[5].explanation == (
            "Ministry of Finance has 2 representatives here but none with a mandate to decide, "
            "so it cannot take positions on proposals: its voice counts only in comments.")
        assert "nobody can take its position" in flags[6].explanation
        assert flags[5].advice.startswith(
            "Give permission to decide (8 Actions to Get Real Traction in Partnering, action 6)")


class DecidingContextTest(TestCase):
    def test_it_says_when_members_without_a_mandate_concentrate_deciding(self):
        no_mandate = Member(5, "Ministry of Finance", "public", acronym="MoF",
                            representatives=1)
        result = report(members=[TRUST, MINISTRY, BOTTLER, no_mandate],
                        positions={1: 9, 2: 1, 3: 1})
        [flag] = kinds(result, "member_dominance")
        assert flag.explanation.endswith(
            "1 member here cannot take positions for lack of a mandate to decide (MoF), which "
            "concentrates this measure in the others' hands.")
        # Not said of measures where a mandate plays no part.
        result = report(members=[TRUST, MINISTRY, BOTTLER, no_mandate],
                        proposals={1: 9, 2: 1, 3: 1})
        [flag] = kinds(result, "member_dominance")
        assert "mandate" not in flag.explanation

    def test_observers_are_not_expected_to_speak(self):
        observer = Member(5, "UNDP", "multilateral", is_observer=True)
        result = report(members=[*FOUR, observer], speaking={1: 20, 2: 20, 3: 20, 4: 20, 5: 1},
                        recorded={1: 3, 2: 3, 3: 3, 4: 3, 5: 3}, recorded_meetings=3)
        assert kinds(result, "unheard") == []
