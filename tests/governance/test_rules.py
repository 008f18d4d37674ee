"""The decision rules as plain functions: each rule, quorum edges, ties, blocks, weights,
options. No database."""

from decimal import Decimal
from unittest import TestCase

from partnering.governance.decisions.rules import Ballot, can_reach_quorum, decide, percent, quorum
from partnering.governance.vocabulary import DecisionRule, Outcome, ProposalKind

ONE = Decimal(1)


def members(n: int) -> dict[int, Decimal]:
    return {org: ONE for org in range(1, n + 1)}


def ballots(*stances: str) -> list[Ballot]:
    """Ballots for organisations 1, 2, 3, ... in order."""
    return [Ballot(org, stance) for org, stance in enumerate(stances, start=1)]


def choices(*options: str) -> list[Ballot]:
    return [Ballot(org, option=option) for org, option in enumerate(options, start=1)]


def motion(rule, voters, cast, quorum_percent=50, **extra):
    return decide(rule, voters, cast, quorum_percent=quorum_percent, **extra)


OPTIONS = ["Tuzla", "Una-Sana", "Sarajevo"]


def among(rule, voters, cast, quorum_percent=50, options=OPTIONS, **extra):
    return decide(rule, voters, cast, quorum_percent=quorum_percent,
                  kind=ProposalKind.OPTIONS, options=options, **extra)


class PercentTest(TestCase):
    def test_it_rounds_half_up_to_a_whole_percentage(self):
        assert percent(Decimal(2), Decimal(3)) == 67
        assert percent(Decimal(1), Decimal(3)) == 33
        assert percent(Decimal(1), Decimal(8)) == 13  # 12.5 rounds up
        assert percent(Decimal(0), Decimal(0)) == 0


class QuorumTest(TestCase):
    def test_it_is_met_exactly_at_quorum(self):
        met, text = quorum(members(4), ballots("agree", "abstain"), 50)
        assert met
        assert "2 of 4 members took a position (50% of the members; quorum 50%)" in text

    def test_it_is_not_met_just_under_quorum(self):
        met, _ = quorum(members(5), ballots("agree", "agree"), 50)  # 40%
        assert not met
        met, _ = quorum(members(3), ballots("agree"), 34)  # 33.3% < 34%
        assert not met
        met, _ = quorum(members(3), ballots("agree"), 33)  # 33.3% >= 33%
        assert met

    def test_it_is_never_met_without_members(self):
        met, text = quorum({}, [], 1)
        assert not met
        assert "0 of 0 members" in text

    def test_it_counts_abstentions_towards_quorum(self):
        met, _ = quorum(members(4), ballots("abstain", "abstain", "abstain"), 75)
        assert met

    def test_it_counts_weight_under_unequal_weights(self):
        voters = {1: Decimal(6), 2: Decimal(2), 3: Decimal(2)}
        met, text = quorum(voters, [Ballot(1, "agree")], 60)
        assert met, "one member holding 60% of the weight meets a 60% quorum"
        assert "60% of the weight" in text
        met, _ = quorum(voters, [Ballot(2, "agree"), Ballot(3, "agree")], 50)
        assert not met

    def test_it_needs_everyone_at_100_percent(self):
        assert not quorum(members(3), ballots("agree", "agree"), 100)[0]
        assert quorum(members(3), ballots("agree", "agree", "abstain"), 100)[0]


class CanReachQuorumTest(TestCase):
    def test_it_needs_enough_members_able_to_decide(self):
        voters = members(8)
        mandated = {1, 3, 4, 5, 7}  # 62.5%
        assert can_reach_quorum(voters, mandated, 50)
        assert can_reach_quorum(voters, mandated, 62)
        assert not can_reach_quorum(voters, mandated, 63)
        assert not can_reach_quorum(voters, mandated, 100)

    def test_it_is_reachable_exactly_at_quorum(self):
        assert can_reach_quorum(members(4), {1, 2}, 50)
        assert not can_reach_quorum(members(4), {1}, 50)

    def test_it_is_never_reachable_without_members(self):
        assert not can_reach_quorum({}, set(), 1)
        assert not can_reach_quorum(members(3), set(), 1)

    def test_it_ignores_able_organisations_that_are_not_voting_members(self):
        assert not can_reach_quorum(members(2), {7, 8, 9}, 50)

    def test_it_weighs_under_unequal_weights(self):
        voters = {1: Decimal(5), 2: Decimal(1), 3: Decimal(1)}
        assert can_reach_quorum(voters, {1}, 70)
        assert not can_reach_quorum(voters, {2, 3}, 30)


class NoQuorumTest(TestCase):
    def test_it_decides_nothing_without_quorum_under_every_rule(self):
        for rule in DecisionRule.values:
            result = motion(rule, members(5), ballots("agree", "agree"))
            assert result.outcome == Outcome.NO_QUORUM, rule
            assert not result.quorum_met
            assert not result.carried
            assert result.reasoning.startswith("No quorum: 2 of 5 members")
            assert result.tally["counts"]["agree"] == 2

    def test_it_decides_nothing_for_a_partnership_without_voting_members(self):
        result = motion(DecisionRule.CONSENSUS, {}, [])
        assert result.outcome == Outcome.NO_QUORUM

    def test_it_ignores_ballots_of_organisations_that_are_not_voting_members(self):
        cast = [Ballot(1, "agree"), Ballot(98, "agree"), Ballot(99, "agree")]
        result = motion(DecisionRule.SIMPLE_MAJORITY, members(4), cast)
        assert result.outcome == Outcome.NO_QUORUM
        assert result.tally["positions"] == 1

    def test_it_counts_one_ballot_per_organisation(self):
        cast = [Ballot(1, "agree"), Ballot(1, "agree"), Ballot(1, "agree")]
        result = motion(DecisionRule.SIMPLE_MAJORITY, members(4), cast)
        assert result.outcome == Outcome.NO_QUORUM, "one member cannot make quorum alone"
        cast = [Ballot(1, "disagree"), Ballot(2, "agree"), Ballot(1, "agree")]
        result = motion(DecisionRule.SIMPLE_MAJORITY, members(3), cast)
        assert result.tally["counts"]["agree"] == 2, "the last ballot of a member counts"
        assert result.tally["counts"]["disagree"] == 0


class ConsensusTest(TestCase):
    rule = DecisionRule.CONSENSUS

    def test_it_carries_when_everyone_agrees(self):
        result = motion(self.rule, members(3), ballots("agree", "agree", "agree"))
        assert result.outcome == Outcome.CARRIED
        assert result.carried
        assert "Consensus: 3 agree, 0 stand aside, nobody disagrees" in result.reasoning

    def test_it_lets_members_stand_aside(self):
        result = motion(self.rule, members(3), ballots("agree", "abstain", "abstain"))
        assert result.outcome == Outcome.CARRIED
        assert "1 agree, 2 stand aside" in result.reasoning

    def test_it_is_rejected_by_a_single_disagreement(self):
        result = motion(self.rule, members(5),
                        ballots("agree", "agree", "agree", "agree", "disagree"))
        assert result.outcome == Outcome.REJECTED
        assert "1 member disagrees" in result.reasoning

    def test_it_counts_a_block_as_disagreement(self):
        result = motion(self.rule, members(3), ballots("agree", "agree", "block"))
        assert result.outcome == Outcome.REJECTED

    def test_it_is_rejected_when_everyone_abstains(self):
        result = motion(self.rule, members(2), ballots("abstain", "abstain"))
        assert result.outcome == Outcome.REJECTED
        assert "nobody agreed" in result.reasoning

    def test_it_does_not_wait_for_members_beyond_quorum(self):
        result = motion(self.rule, members(4), ballots("agree", "agree"))
        assert result.outcome == Outcome.CARRIED
        assert "2 of 4 members took a position" in result.reasoning


class ConsentTest(TestCase):
    rule = DecisionRule.CONSENT

    def test_it_carries_without_objection(self):
        result = motion(self.rule, members(3), ballots("agree", "abstain", "agree"))
        assert result.outcome == Outcome.CARRIED
        assert result.reasoning.startswith("Carried by consent: no objection.")

    def test_it_carries_over_disagreement_that_does_not_block(self):
        result = motion(self.rule, members(3), ballots("agree", "disagree", "disagree"))
        assert result.outcome == Outcome.CARRIED
        assert "2 members disagree without blocking; their concerns are recorded" in \
            result.reasoning

    def test_it_is_blocked_by_one_reasoned_objection(self):
        result = motion(self.rule, members(5),
                        ballots("agree", "agree", "agree", "agree", "block"))
        assert result.outcome == Outcome.BLOCKED
        assert not result.carried
        assert "1 member raised a reasoned objection" in result.reasoning
        assert result.tally["counts"]["block"] == 1

    def test_it_is_not_carried_when_nobody_consents(self):
        result = motion(self.rule, members(2), ballots("abstain", "disagree"))
        assert result.outcome == Outcome.REJECTED
        assert "no member consented" in result.reasoning


class SimpleMajorityTest(TestCase):
    rule = DecisionRule.SIMPLE_MAJORITY

    def test_it_carries_with_more_than_half_of_the_votes_cast(self):
        result = motion(self.rule, members(5), ballots("agree", "agree", "agree", "disagree"))
        assert result.outcome == Outcome.CARRIED
        assert "75% of the votes cast in favour; more than half needed" in result.reasoning

    def test_it_does_not_count_abstentions_as_votes_cast(self):
        result = motion(self.rule, members(5),
                        ballots("agree", "abstain", "abstain", "abstain", "disagree"))
        assert result.outcome == Outcome.TIED
        result = motion(self.rule, members(5),
                        ballots("agree", "abstain", "abstain", "abstain"))
        assert result.outcome == Outcome.CARRIED
        assert "100% of the votes cast" in result.reasoning

    def test_it_does_not_carry_a_tie(self):
        result = motion(self.rule, members(4), ballots("agree", "agree", "disagree", "disagree"))
        assert result.outcome == Outcome.TIED
        assert not result.carried
        assert "a tie does not carry" in result.reasoning

    def test_it_rejects_a_minority(self):
        result = motion(self.rule, members(3), ballots("agree", "disagree", "disagree"))
        assert result.outcome == Outcome.REJECTED
        assert result.reasoning.startswith("Not carried: 33% of the votes cast in favour")

    def test_it_counts_a_block_as_a_vote_against(self):
        result = motion(self.rule, members(3), ballots("agree", "block", "block"))
        assert result.outcome == Outcome.REJECTED

    def test_it_rejects_when_everyone_abstains(self):
        result = motion(self.rule, members(2), ballots("abstain", "abstain"))
        assert result.outcome == Outcome.REJECTED
        assert "every member abstained" in result.reasoning


class QualifiedMajorityTest(TestCase):
    rule = DecisionRule.QUALIFIED_MAJORITY

    def test_it_carries_exactly_at_the_threshold(self):
        result = motion(self.rule, members(3), ballots("agree", "agree", "disagree"),
                        majority_percent=67)
        assert result.outcome == Outcome.CARRIED, "2 of 3 is 67%, as the reasoning says"
        assert "67% of the votes cast in favour; at least 67% needed" in result.reasoning
        result = motion(self.rule, members(4), ballots("agree", "agree", "agree", "disagree"),
                        majority_percent=75)
        assert result.outcome == Outcome.CARRIED

    def test_it_rejects_just_under_the_threshold(self):
        result = motion(self.rule, members(3), ballots("agree", "agree", "disagree"),
                        majority_percent=68)
        assert result.outcome == Outcome.REJECTED
        result = motion(self.rule, members(7),
                        ballots("agree", "agree", "agree", "agree", "agree", "disagree",
                                "disagree"), majority_percent=75)  # 71%
        assert result.outcome == Outcome.REJECTED
        assert "at least 75% needed" in result.reasoning

    def test_it_does_not_call_an_even_split_a_tie(self):
        result = motion(self.rule, members(2), ballots("agree", "disagree"),
                        majority_percent=60)
        assert result.outcome == Outcome.REJECTED

    def test_it_ignores_abstentions(self):
        result = motion(self.rule, members(5),
                        ballots("agree", "agree", "abstain", "abstain", "abstain"),
                        majority_percent=90)
        assert result.outcome == Outcome.CARRIED


class WeightedTest(TestCase):
    rule = DecisionRule.WEIGHTED
    voters = {1: Decimal(5), 2: Decimal(2), 3: Decimal(2), 4: Decimal(1)}

    def test_it_carries_with_more_than_half_of_the_weight_cast(self):
        result = motion(self.rule, self.voters,
                        ballots("agree", "disagree", "disagree", "disagree"))
        assert result.outcome == Outcome.TIED, "5 for, 2 + 2 + 1 = 5 against"
        result = motion(self.rule, self.voters, ballots("agree", "disagree", "disagree"))
        assert result.outcome == Outcome.CARRIED
        assert "56% of the weight of the votes cast in favour" in result.reasoning
        assert result.tally["weights"]["agree"] == "5"

    def test_it_lets_many_small_members_outweigh_one_large_one_only_by_weight(self):
        result = motion(self.rule, self.voters, ballots("disagree", "agree", "agree", "agree"))
        assert result.outcome == Outcome.TIED
        result = motion(self.rule, {1: Decimal(5), 2: ONE, 3: ONE, 4: ONE},
                        ballots("disagree", "agree", "agree", "agree"))
        assert result.outcome == Outcome.REJECTED, "three of four members, but 3 of 8 weight"
        assert result.tally["counts"]["agree"] == 3

    def test_it_weighs_quorum(self):
        result = motion(self.rule, self.voters, [Ballot(2, "agree"), Ballot(3, "agree")],
                        quorum_percent=50)
        assert result.outcome == Outcome.NO_QUORUM, "2 + 2 of 10 is under half the weight"
        result = motion(self.rule, self.voters, [Ballot(1, "agree")], quorum_percent=50)
        assert result.outcome == Outcome.CARRIED

    def test_it_accepts_fractional_weights(self):
        voters = {1: Decimal("0.5"), 2: Decimal("0.25"), 3: Decimal("0.25")}
        result = motion(self.rule, voters, ballots("disagree", "agree", "agree"))
        assert result.outcome == Outcome.TIED
        result = motion(self.rule, voters, ballots("disagree", "agree", "agree"),
                        quorum_percent=100)
        assert result.outcome == Outcome.TIED

    def test_it_is_a_plain_majority_when_weights_are_equal(self):
        result = motion(self.rule, members(3), ballots("agree", "agree", "disagree"))
        assert result.outcome == Outcome.CARRIED
        assert "of the members" in result.reasoning


class OptionsTest(TestCase):
    def test_it_chooses_the_option_with_the_most_votes(self):
        result = among(DecisionRule.SIMPLE_MAJORITY, members(5),
                       choices("Tuzla", "Tuzla", "Una-Sana", "Sarajevo"))
        assert result.outcome == Outcome.CHOSEN
        assert result.carried
        assert result.chosen_option == "Tuzla"
        assert "“Tuzla” chosen with 50% of the votes cast" in result.reasoning
        assert result.tally["options"] == {"Tuzla": "2", "Una-Sana": "1", "Sarajevo": "1"}

    def test_it_chooses_by_plurality_under_a_simple_majority(self):
        result = among(DecisionRule.SIMPLE_MAJORITY, members(7),
                       choices("Tuzla", "Tuzla", "Una-Sana", "Sarajevo", "Sarajevo", "Tuzla",
                               "Una-Sana"))
        assert result.chosen_option == "Tuzla", "3 of 7 is not half, but the most"

    def test_it_ties_between_the_options_with_the_most_votes(self):
        result = among(DecisionRule.SIMPLE_MAJORITY, members(5),
                       choices("Tuzla", "Una-Sana", "Tuzla", "Una-Sana", "Sarajevo"))
        assert result.outcome == Outcome.TIED
        assert not result.carried
        assert result.chosen_option == ""
        assert "Tied between Tuzla, Una-Sana" in result.reasoning

    def test_it_counts_abstentions_for_quorum_but_not_as_votes(self):
        cast = [Ballot(1, option="Sarajevo"), Ballot(2, "abstain"), Ballot(3, "abstain")]
        result = among(DecisionRule.SIMPLE_MAJORITY, members(4), cast, quorum_percent=75)
        assert result.outcome == Outcome.CHOSEN
        assert "100% of the votes cast" in result.reasoning
        cast = [Ballot(1, "abstain"), Ballot(2, "abstain")]
        result = among(DecisionRule.SIMPLE_MAJORITY, members(2), cast)
        assert result.outcome == Outcome.REJECTED
        assert "every member abstained" in result.reasoning

    def test_it_needs_the_qualified_threshold(self):
        cast = choices("Tuzla", "Tuzla", "Una-Sana")
        result = among(DecisionRule.QUALIFIED_MAJORITY, members(3), cast, majority_percent=67)
        assert result.outcome == Outcome.CHOSEN
        assert result.chosen_option == "Tuzla"
        result = among(DecisionRule.QUALIFIED_MAJORITY, members(3), cast, majority_percent=75)
        assert result.outcome == Outcome.REJECTED
        assert "No option reached 75%: “Tuzla” had 67%" in result.reasoning

    def test_it_needs_every_member_on_one_option_under_consensus(self):
        result = among(DecisionRule.CONSENSUS, members(3),
                       [Ballot(1, option="Tuzla"), Ballot(2, option="Tuzla"),
                        Ballot(3, "abstain")])
        assert result.outcome == Outcome.CHOSEN
        assert result.chosen_option == "Tuzla"
        result = among(DecisionRule.CONSENSUS, members(3), choices("Tuzla", "Tuzla", "Una-Sana"))
        assert result.outcome == Outcome.REJECTED
        assert "No consensus: members chose different options" in result.reasoning

    def test_it_calls_an_even_split_no_consensus_rather_than_a_tie(self):
        result = among(DecisionRule.CONSENSUS, members(2), choices("Tuzla", "Una-Sana"))
        assert result.outcome == Outcome.REJECTED
        assert "No consensus" in result.reasoning

    def test_it_is_blocked_under_consent(self):
        cast = [Ballot(1, option="Tuzla"), Ballot(2, option="Tuzla"), Ballot(3, "block")]
        result = among(DecisionRule.CONSENT, members(3), cast)
        assert result.outcome == Outcome.BLOCKED
        assert result.tally["blocks"] == 1
        result = among(DecisionRule.CONSENT, members(3), cast[:2])
        assert result.chosen_option == "Tuzla"

    def test_it_ignores_a_block_under_other_rules(self):
        cast = [Ballot(1, option="Tuzla"), Ballot(2, "block")]
        result = among(DecisionRule.SIMPLE_MAJORITY, members(2), cast)
        assert result.outcome == Outcome.CHOSEN

    def test_it_weighs_options_under_the_weighted_rule(self):
        voters = {1: Decimal(5), 2: Decimal(2), 3: Decimal(2)}
        result = among(DecisionRule.WEIGHTED, voters, choices("Sarajevo", "Tuzla", "Tuzla"))
        assert result.chosen_option == "Sarajevo", "5 weight against 4"
        assert "of the weight of the votes cast" in result.reasoning
        result = among(DecisionRule.WEIGHTED, voters, choices("Sarajevo", "Tuzla", "Tuzla"),
                       quorum_percent=100)
        assert result.chosen_option == "Sarajevo"
        result = among(DecisionRule.SIMPLE_MAJORITY, voters, choices("Sarajevo", "Tuzla",
                                                                     "Tuzla"))
        assert result.chosen_option == "Tuzla", "unweighted rules count members"

    def test_it_ignores_votes_for_options_not_offered(self):
        result = among(DecisionRule.SIMPLE_MAJORITY, members(3),
                       choices("Tuzla", "Mostar", "Mostar"))
        assert result.outcome == Outcome.CHOSEN
        assert result.chosen_option == "Tuzla"
        assert "Mostar" not in result.tally["options"]

    def test_it_decides_nothing_without_quorum(self):
        result = among(DecisionRule.SIMPLE_MAJORITY, members(5), choices("Tuzla", "Tuzla"))
        assert result.outcome == Outcome.NO_QUORUM
        assert result.chosen_option == ""
