from django.db import models


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PROPOSED = "proposed", "Proposed for sign-off"
    AGREED = "agreed", "Agreed"
    SUPERSEDED = "superseded", "Superseded"


class ResourceKind(models.TextChoices):
    """What a partner commits (A Guide to Strategic Partnering: human resources, skills,
    funds...)."""

    CASH = "cash", "Cash"
    IN_KIND = "in_kind", "In kind"
    STAFF_TIME = "staff_time", "Staff time"
    EXPERTISE = "expertise", "Expertise"
    DATA = "data", "Data"
    NETWORKS = "networks", "Networks and access"


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    DROPPED = "dropped", "Dropped"
