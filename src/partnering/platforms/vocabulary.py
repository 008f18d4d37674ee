"""The words of platforms, forums, consultations and the feedback loop."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlatformVisibility(models.TextChoices):
    PRIVATE = "private", _("Private: members, secretariat and platform admins only")
    PUBLIC = "public", _("Public: anyone may read it")


class ForumRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("forum role", "Member")
    FACILITATOR = "facilitator", pgettext_lazy("forum role", "Facilitator or chair")
    SECRETARIAT = "secretariat", pgettext_lazy("forum role", "Secretariat")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("consultation", "Draft")
    OPEN = "open", pgettext_lazy("consultation", "Open")
    CLOSED = "closed", pgettext_lazy("consultation", "Closed")


class Voice(models.TextChoices):
    """Whom a submission speaks for."""

    ORGANISATION = "organisation", _("As an organisation")
    FORUM = "forum", _("As a forum")
    PERSON = "person", _("As a person")
    ANONYMOUS = "anonymous", _("Anonymously")


class ItemKind(models.TextChoices):
    ORIGINAL = "original", pgettext_lazy("item kind", "Original submission")
    MERGED = "merged", pgettext_lazy("item kind", "Merged from duplicates")
    SYNTHESIS = "synthesis", pgettext_lazy("item kind", "The forum's synthesis")


class StepAction(models.TextChoices):
    RAISED = "raised", pgettext_lazy("item step", "Raised")
    FORWARDED = "forwarded", pgettext_lazy("item step", "Forwarded")
    MERGED = "merged", pgettext_lazy("item step", "Merged")
    SYNTHESISED = "synthesised", pgettext_lazy("item step", "Synthesised")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("answer", "Accepted")
    PARTLY_ACCEPTED = "partly_accepted", pgettext_lazy("answer", "Partly accepted")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("answer", "Not accepted")
    OUTSIDE_SCOPE = "outside_scope", pgettext_lazy("answer", "Outside scope")


class Channel(models.TextChoices):
    LEDGER = "ledger", _("Notification")
    FORUM = "forum", _("Through the forum")


class Feeling(models.TextChoices):
    YES = "yes", pgettext_lazy("feel heard", "Yes")
    PARTLY = "partly", pgettext_lazy("feel heard", "Partly")
    NO = "no", pgettext_lazy("feel heard", "No")
