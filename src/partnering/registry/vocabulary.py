"""The registry's fixed vocabularies, drawn from the practitioner texts (partnering.sources)
and the IATI codelists."""

from django.db import models


class Sector(models.TextChoices):
    PUBLIC = "public", "Public sector"
    PRIVATE = "private", "Private sector"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    ACADEMIA = "academia", "Academia and research"
    FAITH_BASED = "faith_based", "Faith-based"
    COMMUNITY = "community", "Community group"
    MULTILATERAL = "multilateral", "Multilateral"
    PHILANTHROPY = "philanthropy", "Philanthropy"


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
    Sector.PUBLIC: ("Rule of law", "Rights-oriented: access, information, stability, "
                    "legitimacy; a broader platform for the common good (standards, codes of "
                    "conduct); more efficient public services."),
    Sector.PRIVATE: ("Growth", "Profit-oriented: creative, productive, targeted, fast; "
                     "reputation, corporate social responsibility, long-term market share, "
                     "risk mitigation."),
    Sector.CIVIL_SOCIETY: ("Social development", "Value-oriented: reacts to injustice and "
                           "society's concerns; influence business and government beyond "
                           "campaigning and charity; efficient delivery of social goals."),
}


class Motivation(models.TextChoices):
    RULE_OF_LAW = "rule_of_law", "Rule of law"
    GROWTH = "growth", "Growth"
    SOCIAL_DEVELOPMENT = "social_development", "Social development"
    KNOWLEDGE = "knowledge", "Knowledge and evidence"
    FAITH_AND_VALUES = "faith_and_values", "Faith and values"
    COMMUNITY_VOICE = "community_voice", "Community voice and self-determination"


class PartneringInterest(models.TextChoices):
    """What an organisation wants from a partnership (the concept note's table)."""

    ACCESS = "access", "Access"
    INFORMATION = "information", "Information"
    STABILITY = "stability", "Stability"
    LEGITIMACY = "legitimacy", "Legitimacy"
    COMMON_GOOD_PLATFORM = "common_good_platform", "A platform for the common good"
    EFFICIENT_SERVICES = "efficient_services", "More efficient services"
    REPUTATION = "reputation", "Reputation"
    CSR = "csr", "Corporate social responsibility"
    MARKET_SHARE = "market_share", "Long-term market share"
    RISK_MITIGATION = "risk_mitigation", "Risk mitigation"
    INFLUENCE = "influence", "Influence on business and government"
    SOCIAL_GOALS = "social_goals", "Efficient delivery of social goals"
    FUNDING = "funding", "Funding"
    LEARNING = "learning", "Learning"


class PartneringRole(models.TextChoices):
    """A person's role in partnering work (Unite to Ignite)."""

    REPRESENTATIVE = "representative", "Partner representative"
    BROKER = "broker", "Partnership broker / facilitator"
    RELATIONSHIP_MANAGER = "relationship_manager", "Relationship manager"
    PARTNERSHIPS_OFFICER = "partnerships_officer", "Partnerships officer"
    SECRETARIAT = "secretariat", "Platform secretariat"
    LEADER = "leader", "Senior leader / sponsor"
    OTHER = "other", "Other"
