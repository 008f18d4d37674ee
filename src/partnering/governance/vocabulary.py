from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    OPEN = "open", pgettext_lazy("proposal status", "Open")
    DECIDED = "decided", pgettext_lazy("proposal status", "Decided")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")


class Outcome(models.TextChoices):
    CARRIED = "carried", pgettext_lazy("decision outcome", "Carried")
    REJECTED = "rejected", pgettext_lazy("decision outcome", "Rejected")
    BLOCKED = "blocked", pgettext_lazy("decision outcome", "Blocked")
    NO_QUORUM = "no_quorum", pgettext_lazy("decision outcome", "No quorum")
    TIED = "tied", pgettext_lazy("decision outcome", "Tied")
    CHOSEN = "chosen", pgettext_lazy("decision outcome", "Option chosen")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    DROPPED = "dropped", pgettext_lazy("action status", "Dropped")


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
