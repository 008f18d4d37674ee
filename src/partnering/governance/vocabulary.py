from django.db import models


class DecisionRule(models.TextChoices):
    """How a partnership decides (Building Multi-Stakeholder Partnerships: a simple governance
    structure that defines the
    decision-making process)."""

    CONSENSUS = "consensus", "Consensus: every member agrees (abstaining is allowed)"
    CONSENT = "consent", "Consent: passes unless a member blocks with a reasoned objection"
    SIMPLE_MAJORITY = "simple_majority", "Simple majority of the votes cast"
    QUALIFIED_MAJORITY = "qualified_majority", "Qualified majority of the votes cast"
    WEIGHTED = "weighted", "Weighted by stake: majority of the weight of the votes cast"


class Stance(models.TextChoices):
    AGREE = "agree", "Agree"
    ABSTAIN = "abstain", "Abstain"
    DISAGREE = "disagree", "Disagree"
    BLOCK = "block", "Block (consent rule: a reasoned objection)"


class ProposalKind(models.TextChoices):
    MOTION = "motion", "A motion (agree / disagree)"
    OPTIONS = "options", "A choice among options"


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Open"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Outcome(models.TextChoices):
    CARRIED = "carried", "Carried"
    REJECTED = "rejected", "Rejected"
    BLOCKED = "blocked", "Blocked"
    NO_QUORUM = "no_quorum", "No quorum"
    TIED = "tied", "Tied"
    CHOSEN = "chosen", "Option chosen"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"
