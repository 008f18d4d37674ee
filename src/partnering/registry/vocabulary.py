"""The registry's fixed vocabularies, drawn from the practitioner texts (partnering.sources)
and the IATI codelists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia and research")
    FAITH_BASED = "faith_based", _("Faith-based")
    COMMUNITY = "community", _("Community group")
    MULTILATERAL = "multilateral", _("Multilateral")
    PHILANTHROPY = "philanthropy", _("Philanthropy")


# The broad sector an IATI OrganisationType belongs to, when none is given.
SECTOR_OF_IATI_TYPE = {
    "10": Sector.PUBLIC, "11": Sector.PUBLIC, "15": Sector.PUBLIC,
    "21": Sector.CIVIL_SOCIETY, "22": Sector.CIVIL_SOCIETY, "23": Sector.CIVIL_SOCIETY,
    "24": Sector.CIVIL_SOCIETY, "30": Sector.PRIVATE, "40": Sector.MULTILATERAL,
    "60": Sector.PHILANTHROPY, "70": Sector.PRIVATE, "71": Sector.PRIVATE,
    "72": Sector.PRIVATE, "73": Sector.PRIVATE, "80": Sector.ACADEMIA,
}

# Building Multi-Stakeholder Partnerships, "learn about and take into account stakeholder
# interests": what moves each
# sector to partner, and what it wants from a partnership.
SECTOR_MOTIVATIONS = {
    Sector.PUBLIC: (_("Rule of law"), _(
        "Rights-oriented: access, information, stability, legitimacy; a broader platform for "
        "the common good (standards, codes of conduct); more efficient public services.")),
    Sector.PRIVATE: (_("Growth"), _(
        "Profit-oriented: creative, productive, targeted, fast; reputation, corporate social "
        "responsibility, long-term market share, risk mitigation.")),
    Sector.CIVIL_SOCIETY: (_("Social development"), _(
        "Value-oriented: reacts to injustice and society's concerns; influence business and "
        "government beyond campaigning and charity; efficient delivery of social goals.")),
}


class Motivation(models.TextChoices):
    RULE_OF_LAW = "rule_of_law", _("Rule of law")
    GROWTH = "growth", _("Growth")
    SOCIAL_DEVELOPMENT = "social_development", _("Social development")
    KNOWLEDGE = "knowledge", _("Knowledge and evidence")
    FAITH_AND_VALUES = "faith_and_values", _("Faith and values")
    COMMUNITY_VOICE = "community_voice", _("Community voice and self-determination")


class PartneringInterest(models.TextChoices):
    """What an organisation wants from a partnership (the concept note's table)."""

    ACCESS = "access", _("Access")
    INFORMATION = "information", _("Information")
    STABILITY = "stability", _("Stability")
    LEGITIMACY = "legitimacy", _("Legitimacy")
    COMMON_GOOD_PLATFORM = "common_good_platform", _("A platform for the common good")
    EFFICIENT_SERVICES = "efficient_services", _("More efficient services")
    REPUTATION = "reputation", _("Reputation")
    CSR = "csr", _("Corporate social responsibility")
    MARKET_SHARE = "market_share", _("Long-term market share")
    RISK_MITIGATION = "risk_mitigation", _("Risk mitigation")
    INFLUENCE = "influence", _("Influence on business and government")
    SOCIAL_GOALS = "social_goals", _("Efficient delivery of social goals")
    FUNDING = "funding", _("Funding")
    LEARNING = "learning", _("Learning")


class PartneringRole(models.TextChoices):
    """A person's role in partnering work (Unite to Ignite)."""

    REPRESENTATIVE = "representative", _("Partner representative")
    BROKER = "broker", _("Partnership broker / facilitator")
    RELATIONSHIP_MANAGER = "relationship_manager", _("Relationship manager")
    PARTNERSHIPS_OFFICER = "partnerships_officer", _("Partnerships officer")
    SECRETARIAT = "secretariat", _("Platform secretariat")
    LEADER = "leader", _("Senior leader / sponsor")
    OTHER = "other", _("Other")
