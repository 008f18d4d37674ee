from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionRule(models.TextChoices):
    """How a partnership decides (Building Multi-Stakeholder Partnerships: a simple governance
    structure that defines the
    decision-making process)."""

    CONSENSUS = "consensus", _("Consensus: every member agrees (abstaining is allowed)")
    CONSENT = "consent", _("Consent: passes unless a member blocks with a reasoned objection")
    SIMPLE_MAJORITY = "simple_majority", _("Simple majority of the votes cast")
    QUALIFIED_MAJORITY = "qualified_majority", _("Qualified majority of the votes cast")
    WEIGHTED = "weighted", _("Weighted by stake: majority of the weight of the votes cast")


class Stance(models.TextChoices):
    AGREE = "agree", _("Agree")
    ABSTAIN = "abstain", _("Abstain")
    DISAGREE = "disagree", _("Disagree")
    BLOCK = "block", _("Block (consent rule: a reasoned objection)")


class ProposalKind(models.TextChoices):
    MOTION = "motion", _("A motion (agree / disagree)")
    OPTIONS = "options", _("A choice among options")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    CARRIED = "carried", _("Carried")
    REJECTED = "rejected", _("Rejected")
    BLOCKED = "blocked", _("Blocked")
    NO_QUORUM = "no_quorum", _("No quorum")
    TIED = "tied", _("Tied")
    CHOSEN = "chosen", _("Option chosen")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Short names for tables and sentences ("Consensus, quorum 67%").
RULE_NAMES = {
    DecisionRule.CONSENSUS: _("Consensus"),
    DecisionRule.CONSENT: _("Consent"),
    DecisionRule.SIMPLE_MAJORITY: _("Simple majority of the votes cast"),
    DecisionRule.QUALIFIED_MAJORITY: _("Qualified majority of the votes cast"),
    DecisionRule.WEIGHTED: _("Weighted by stake"),
}
# A position as the table of positions shows it.
STANCE_LABELS = {
    Stance.AGREE: _("Agree"), Stance.ABSTAIN: _("Abstain"), Stance.DISAGREE: _("Disagree"),
    Stance.BLOCK: _("Block"),
}
