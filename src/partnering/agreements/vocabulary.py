from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed for sign-off")
    AGREED = "agreed", _("Agreed")
    SUPERSEDED = "superseded", _("Superseded")


class ResourceKind(models.TextChoices):
    """What a partner commits (A Guide to Strategic Partnering: human resources, skills,
    funds...)."""

    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")
    STAFF_TIME = "staff_time", _("Staff time")
    EXPERTISE = "expertise", _("Expertise")
    DATA = "data", _("Data")
    NETWORKS = "networks", _("Networks and access")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    DROPPED = "dropped", _("Dropped")
