"""Decision rules as plain functions: given who may decide and the positions taken, what did
the partnership decide, and why. No database access here; services feed these functions.

Quorum counts every member that took a position, abstentions included, against all voting
members (by weight under the weighted rule). Abstentions never count as votes cast.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnering.governance.vocabulary import DecisionRule, Outcome, ProposalKind, Stance

ZERO = Decimal(0)


@dataclass(frozen=True)
class Ballot:
    organisation_id: int
    stance: str = ""  # agree / abstain / disagree / block (motions; block also for options)
    option: str = ""  # the option chosen, for a choice among options


@dataclass(frozen=True)
class Result:
    outcome: str
    quorum_met: bool
    reasoning: str
    chosen_option: str = ""
    tally: dict = field(default_factory=dict)

    @property
    def carried(self) -> bool:
        return self.outcome in (Outcome.CARRIED, Outcome.CHOSEN)


def percent(part: Decimal, whole: Decimal) -> int:
    """A whole percentage, rounded half up: 2 of 3 is 67%. Thresholds compare to this, so
    what the reasoning says is what was decided."""
    if not whole:
        return 0
    return int((100 * Decimal(part) / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def _pct(part: Decimal, whole: Decimal) -> str:
    return f"{percent(part, whole)}%"


def quorum(voters: dict[int, Decimal], ballots: list[Ballot], quorum_percent: int
           ) -> tuple[bool, str]:
    """Whether enough of the voting members took a position."""
    total = sum(voters.values(), ZERO)
    taking_part = sum((voters.get(b.organisation_id, ZERO) for b in ballots), ZERO)
    needed = total * Decimal(quorum_percent) / 100
    met = total > 0 and taking_part >= needed
    values = {"num": len(ballots), "total": len(voters), "share": _pct(taking_part, total),
              "quorum": quorum_percent}
    if _weighted(voters):
        return met, ngettext(
            "%(num)s of %(total)s members took a position (%(share)s of the weight; quorum "
            "%(quorum)s%%).", "%(num)s of %(total)s members took a position (%(share)s of the "
            "weight; quorum %(quorum)s%%).", len(ballots)) % values
    return met, ngettext(
        "%(num)s of %(total)s members took a position (%(share)s of the members; quorum "
        "%(quorum)s%%).", "%(num)s of %(total)s members took a position (%(share)s of the "
        "members; quorum %(quorum)s%%).", len(ballots)) % values


def _weighted(voters: dict[int, Decimal]) -> bool:
    return len(set(voters.values())) > 1


def can_reach_quorum(voters: dict[int, Decimal], able_to_decide: set[int],
                     quorum_percent: int) -> bool:
    """Whether the members able to decide (a representative with a mandate) could reach
    quorum at all."""
    total = sum(voters.values(), ZERO)
    able = sum((w for org, w in voters.items() if org in able_to_decide), ZERO)
    return total > 0 and able >= total * Decimal(quorum_percent) / 100


def decide(rule: str, voters: dict[int, Decimal], ballots: list[Ballot], *,
           quorum_percent: int, majority_percent: int = 67,
           kind: str = ProposalKind.MOTION, options: list[str] | None = None) -> Result:
    """Decide a proposal. `voters` maps each voting member organisation to its weight (1 for
    everyone except under the weighted rule); only their ballots count."""
    # One ballot per voting member: the last one given counts.
    ballots = list({b.organisation_id: b for b in ballots
                    if b.organisation_id in voters}.values())
    met, quorum_text = quorum(voters, ballots, quorum_percent)
    if not met:
        return Result(Outcome.NO_QUORUM, False,
                      _("No quorum: %(quorum)s") % {"quorum": quorum_text},
                      tally=_motion_tally(voters, ballots))
    if kind == ProposalKind.OPTIONS:
        return _decide_options(rule, voters, ballots, options or [], majority_percent,
                               quorum_text)
    return MOTION_RULES[rule](voters, ballots, majority_percent, quorum_text)


def _motion_tally(voters, ballots) -> dict:
    counts = Counter(b.stance for b in ballots)
    weights = Counter()
    for b in ballots:
        weights[b.stance] += voters.get(b.organisation_id, ZERO)
    return {"counts": {s: counts.get(s, 0) for s in Stance.values},
            "weights": {s: str(weights.get(s, ZERO)) for s in Stance.values},
            "members": len(voters), "positions": len(ballots)}


def _consensus(voters, ballots, majority_percent, quorum_text) -> Result:
    tally = _motion_tally(voters, ballots)
    counts = tally["counts"]
    against = counts[Stance.DISAGREE] + counts[Stance.BLOCK]
    if against:
        return Result(Outcome.REJECTED, True,
                      ngettext("Consensus not reached: %(num)s member disagrees. %(quorum)s",
                               "Consensus not reached: %(num)s members disagree. %(quorum)s",
                               against) % {"num": against, "quorum": quorum_text},
                      tally=tally)
    if not counts[Stance.AGREE]:
        return Result(Outcome.REJECTED, True,
                      _("Consensus not reached: nobody agreed, all abstained. %(quorum)s")
                      % {"quorum": quorum_text},
                      tally=tally)
    return Result(Outcome.CARRIED, True,
                  _("Consensus: %(agree)s agree, %(abstain)s stand aside, nobody disagrees. "
                    "%(quorum)s") % {"agree": counts[Stance.AGREE],
                                     "abstain": counts[Stance.ABSTAIN], "quorum": quorum_text},
                  tally=tally)


def _consent(voters, ballots, majority_percent, quorum_text) -> Result:
    tally = _motion_tally(voters, ballots)
    counts = tally["counts"]
    if counts[Stance.BLOCK]:
        return Result(Outcome.BLOCKED, True,
                      ngettext("Blocked: %(num)s member raised a reasoned objection; consent "
                               "needs none. %(quorum)s", "Blocked: %(num)s members raised a "
                               "reasoned objection; consent needs none. %(quorum)s",
                               counts[Stance.BLOCK])
                      % {"num": counts[Stance.BLOCK], "quorum": quorum_text}, tally=tally)
    if not counts[Stance.AGREE]:
        return Result(Outcome.REJECTED, True,
                      _("Not carried: no member consented. %(quorum)s")
                      % {"quorum": quorum_text}, tally=tally)
    concerns = (" " + ngettext(
        "%(num)s member disagrees without blocking; its concerns are recorded.",
        "%(num)s members disagree without blocking; their concerns are recorded.",
        counts[Stance.DISAGREE]) % {"num": counts[Stance.DISAGREE]}
        if counts[Stance.DISAGREE] else "")
    return Result(Outcome.CARRIED, True,
                  _("Carried by consent: no objection.") + concerns + " " + quorum_text,
                  tally=tally)


def _majority(voters, ballots, quorum_text, *, weighted: bool,
              threshold_percent: int | None = None) -> Result:
    """More than half of the votes cast (or of their weight), or, with a threshold, at
    least that share. Abstentions are not votes cast; a block counts as a vote against."""
    tally = _motion_tally(voters, ballots)
    measure = tally["weights"] if weighted else tally["counts"]
    agree = Decimal(measure[Stance.AGREE])
    against = Decimal(measure[Stance.DISAGREE]) + Decimal(measure[Stance.BLOCK])
    cast = agree + against
    if not cast:
        return Result(Outcome.REJECTED, True,
                      _("Not carried: every member abstained. %(quorum)s")
                      % {"quorum": quorum_text}, tally=tally)
    values = {"share": _pct(agree, cast), "quorum": quorum_text,
              "unit": _("of the weight of the votes cast") if weighted
              else _("of the votes cast")}
    if threshold_percent is None:
        if agree == against:
            return Result(Outcome.TIED, True, _("Tied: %(share)s %(unit)s for and against; a "
                                                "tie does not carry. %(quorum)s") % values,
                          tally=tally)
        carried, values["needed"] = agree > against, _("more than half")
    else:
        carried = percent(agree, cast) >= threshold_percent
        values["needed"] = _("at least %(threshold)s%%") % {"threshold": threshold_percent}
    text = (_("Carried: %(share)s %(unit)s in favour; %(needed)s needed. %(quorum)s") if carried
            else _("Not carried: %(share)s %(unit)s in favour; %(needed)s needed. %(quorum)s"))
    return Result(Outcome.CARRIED if carried else Outcome.REJECTED, True, text % values,
                  tally=tally)


MOTION_RULES = {
    DecisionRule.CONSENSUS: _consensus,
    DecisionRule.CONSENT: _consent,
    DecisionRule.SIMPLE_MAJORITY: lambda v, b, m, q: _majority(v, b, q, weighted=False),
    DecisionRule.QUALIFIED_MAJORITY:
        lambda v, b, m, q: _majority(v, b, q, weighted=False, threshold_percent=m),
    DecisionRule.WEIGHTED: lambda v, b, m, q: _majority(v, b, q, weighted=True),
}


def _decide_options(rule, voters, ballots, options, majority_percent, quorum_text) -> Result:
    weighted = rule == DecisionRule.WEIGHTED
    votes = Counter()
    for b in ballots:
        if b.option and (b.option in options or not options):
            votes[b.option] += voters[b.organisation_id] if weighted else 1
    blocks = [b for b in ballots if b.stance == Stance.BLOCK]
    tally = {"options": {o: str(votes.get(o, 0)) for o in options},
             "blocks": len(blocks), "members": len(voters), "positions": len(ballots)}
    cast = sum(votes.values())
    if rule == DecisionRule.CONSENT and blocks:
        return Result(Outcome.BLOCKED, True, ngettext(
            "Blocked: %(num)s member objected. %(quorum)s",
            "Blocked: %(num)s members objected. %(quorum)s", len(blocks))
            % {"num": len(blocks), "quorum": quorum_text}, tally=tally)
    if not cast:
        return Result(Outcome.REJECTED, True, _("No option chosen: every member abstained. "
                                                "%(quorum)s") % {"quorum": quorum_text},
                      tally=tally)
    if rule == DecisionRule.CONSENSUS and len(votes) > 1:
        # A split under consensus is no consensus, whether or not it is also a tie.
        return Result(Outcome.REJECTED, True, _("No consensus: members chose different "
                                                "options. %(quorum)s") % {"quorum": quorum_text},
                      tally=tally)
    ranked = votes.most_common()
    top, top_votes = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == top_votes:
        tied = [o for o, v in ranked if v == top_votes]
        return Result(Outcome.TIED, True, _("Tied between %(options)s. %(quorum)s") % {
            "options": ", ".join(tied), "quorum": quorum_text}, tally=tally)
    if rule == DecisionRule.QUALIFIED_MAJORITY and percent(top_votes, cast) < majority_percent:
        return Result(Outcome.REJECTED, True, _(
            "No option reached %(majority)s%%: “%(option)s” had %(share)s. %(quorum)s") % {
            "majority": majority_percent, "option": top,
            "share": _pct(Decimal(top_votes), Decimal(cast)), "quorum": quorum_text},
            tally=tally)
    share_text = _pct(Decimal(top_votes), Decimal(cast))
    text = (_("“%(option)s” chosen with %(share)s of the weight of the votes cast. %(quorum)s")
            if weighted else
            _("“%(option)s” chosen with %(share)s of the votes cast. %(quorum)s"))
    return Result(Outcome.CHOSEN, True,
                  text % {"option": top, "share": share_text, "quorum": quorum_text},
                  chosen_option=top, tally=tally)
