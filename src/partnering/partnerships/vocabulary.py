from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private: members, brokers and platform admins only")
    PUBLIC = "public", _("Public: listed in the public directory")


class Formality(models.TextChoices):
    FORMAL = "formal", _("Formal (shares a strategy or plan)")
    INFORMAL = "informal", _("Informal (same goal, own plans)")


class Funding(models.TextChoices):
    FUNDED = "funded", _("Funded (by partners or external funding)")
    UNFUNDED = "unfunded", _("Not funded (partners fund their own participation)")


class Duration(models.TextChoices):
    SHORT = "short", _("Short term")
    LONG = "long", _("Long term")


class StakeholderMix(models.TextChoices):
    SINGLE = "single", _("Single stakeholder group")
    MULTI = "multi", _("Multi-stakeholder")


class Level(models.TextChoices):
    """A Guide to Strategic Partnering: increasing interaction, sharing of resources and
    interconnectedness."""

    COMMUNICATION = "communication", _("Communication")
    COORDINATION = "coordination", _("Coordination")
    COOPERATION = "cooperation", _("Cooperation")
    COLLABORATION = "collaboration", _("Collaboration")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    MOVED_ON = "moved_on", _("Moved on")


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    CORE = "core", _("Core partner")
    ASSOCIATE = "associate", _("Associate")
    OBSERVER = "observer", _("Observer")


class IatiRole(models.TextChoices):
    """IATI OrganisationRole codelist."""

    FUNDING = "1", _("Funding")
    ACCOUNTABLE = "2", _("Accountable")
    EXTENDING = "3", _("Extending")
    IMPLEMENTING = "4", _("Implementing")


class BrokerKind(models.TextChoices):
    INTERNAL = "internal", _("Internal (one of the partners' own people)")
    EXTERNAL = "external", _("External (independent third party)")


class ItemStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("checklist item", "Open")
    DONE = "done", pgettext_lazy("checklist item", "Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
