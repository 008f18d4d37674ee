from django.db import models


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private: members, brokers and platform admins only"
    PUBLIC = "public", "Public: listed in the public directory"


class Formality(models.TextChoices):
    FORMAL = "formal", "Formal (shares a strategy or plan)"
    INFORMAL = "informal", "Informal (same goal, own plans)"


class Funding(models.TextChoices):
    FUNDED = "funded", "Funded (by partners or external funding)"
    UNFUNDED = "unfunded", "Not funded (partners fund their own participation)"


class Duration(models.TextChoices):
    SHORT = "short", "Short term"
    LONG = "long", "Long term"


class StakeholderMix(models.TextChoices):
    SINGLE = "single", "Single stakeholder group"
    MULTI = "multi", "Multi-stakeholder"


class Level(models.TextChoices):
    """A Guide to Strategic Partnering: increasing interaction, sharing of resources and
    interconnectedness."""

    COMMUNICATION = "communication", "Communication"
    COORDINATION = "coordination", "Coordination"
    COOPERATION = "cooperation", "Cooperation"
    COLLABORATION = "collaboration", "Collaboration"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    MOVED_ON = "moved_on", "Moved on"


class MemberRole(models.TextChoices):
    LEAD = "lead", "Lead partner"
    CORE = "core", "Core partner"
    ASSOCIATE = "associate", "Associate"
    OBSERVER = "observer", "Observer"


class IatiRole(models.TextChoices):
    """IATI OrganisationRole codelist."""

    FUNDING = "1", "Funding"
    ACCOUNTABLE = "2", "Accountable"
    EXTENDING = "3", "Extending"
    IMPLEMENTING = "4", "Implementing"


class BrokerKind(models.TextChoices):
    INTERNAL = "internal", "Internal (one of the partners' own people)"
    EXTERNAL = "external", "External (independent third party)"


class ItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
