"""The roster's fixed vocabularies, from Unite to Ignite ("In practice: partnership
specialist support"): what external brokers are brought in for, and the fields of work
partnerships name."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.partnerships.vocabulary import BrokerKind  # noqa: F401  (one vocabulary)


class Specialty(models.TextChoices):
    """What an external facilitator may help address (Unite to Ignite), with the annual
    reflective health checks DFAT runs through its brokers."""

    NEGOTIATING_AGREEMENTS = "negotiating_agreements", _("Negotiating partnership agreements")
    DIFFICULT_CONVERSATIONS = "difficult_conversations", _("Facilitating difficult "
                                                           "conversations")
    CONFLICT_RESOLUTION = "conflict_resolution", _("Resolving conflicts")
    EVALUATION = "evaluation", _("Evaluating collaborations")
    HEALTH_CHECKS = "health_checks", _("Reflective health checks")


class FieldOfWork(models.TextChoices):
    """The sectors a broker works in (fields of development work, not the registry's
    sectors of organisations)."""

    CHILD_PROTECTION = "child_protection", _("Child protection")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    WATER_SANITATION = "water_sanitation", _("Water and sanitation")
    FOOD_SECURITY = "food_security", _("Agriculture and food security")
    LIVELIHOODS = "livelihoods", _("Livelihoods and economic development")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    CLIMATE_ENVIRONMENT = "climate_environment", _("Climate and environment")
    ENERGY = "energy", _("Energy")
    GOVERNANCE = "governance", _("Governance and peacebuilding")
    HUMANITARIAN = "humanitarian", _("Humanitarian response")


# A partnership's SDG goals and targets say which fields of work it is in (the defaults of
# "find a broker"); a target beats its goal.
FIELDS_OF_GOALS = {
    1: ["social_protection"], 2: ["food_security"], 3: ["health"], 4: ["education"],
    5: ["gender_equality"], 6: ["water_sanitation"], 7: ["energy"], 8: ["livelihoods"],
    13: ["climate_environment"], 14: ["climate_environment"], 15: ["climate_environment"],
    16: ["governance"],
}
FIELDS_OF_TARGETS = {"16.2": ["child_protection"], "8.7": ["child_protection"],
                     "5.2": ["gender_equality"], "4.2": ["education"],
                     "1.3": ["social_protection"]}


class AccreditationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring within 90 days")
    EXPIRED = "expired", _("Expired")


PARTNERSHIP_BROKERS_ASSOCIATION = "Partnership Brokers Association"
