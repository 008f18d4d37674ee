"""Consultations on a plan or document, their sections, invitation links and submissions.

Anonymity by construction, as for assessment responses: an invitation link is shared by a
forum (it names no one); a submission made through it with `voice=anonymous` keeps no user,
no organisation and no name. Its submitter holds a receipt token whose hash (`receipt_hash`)
is the only way back to it (to read the answer and say whether they feel heard)."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.platforms.models.platforms import Forum, ForumLevel, Platform
from partnering.platforms.vocabulary import ConsultationStatus, Voice
from partnering.registry.models import Organisation
from partnering.translations.languages import language_field


def token_hash(token: str, purpose: str = "consultation-invitation") -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


class Consultation(models.Model):
    platform = models.ForeignKey(Platform, on_delete=models.CASCADE,
                                 related_name="consultations")
    title = models.CharField(max_length=200)
    document = models.CharField(_("plan or document"), max_length=300,
                                help_text=_("e.g. Medium-Term Socio-Economic Policy Framework "
                                            "2027–2030"))
    description = models.TextField(validators=[max_text], blank=True)
    language = language_field()
    opens_on = models.DateField(_("opening date"))
    closes_on = models.DateField(_("closing date"))
    answer_deadline = models.DateField(
        _("answer deadline"),
        help_text=_("Published: every item is answered by this date (by default, the "
                    "platform's days to answer after the closing date)."))
    levels = models.ManyToManyField(ForumLevel, related_name="consultations",
                                    verbose_name=_("levels that may submit"))
    status = models.CharField(max_length=10, choices=ConsultationStatus.choices,
                              default=ConsultationStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Moved on by every write of the consultation's loop facts (loops/facts.py): the loop
    # metrics' counts are kept under it until the next (loops/kept.py).
    loop_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["platform", "status", "opens_on"]),
                   models.Index(fields=["status", "answer_deadline"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": gettext("The closing date is before the "
                                                         "opening date.")})
        if self.closes_on and self.answer_deadline and self.answer_deadline < self.closes_on:
            raise ValidationError({"answer_deadline": gettext(
                "The answer deadline is before the closing date.")})

    @staticmethod
    def default_deadline(closes_on: datetime.date, platform: Platform) -> datetime.date:
        return closes_on + datetime.timedelta(days=platform.default_answer_days)

    def is_open_on(self, day: datetime.date) -> bool:
        return self.status == ConsultationStatus.OPEN and self.opens_on <= day <= self.closes_on


class ConsultationSection(models.Model):
    """A section of the document (a chapter of the plan) that input is given on."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="sections")
    number = models.CharField(max_length=20, help_text=_("e.g. 3 or 3.2"))
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    text = models.TextField(validators=[max_text], blank=True)

    class Meta:
        ordering = ["consultation", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"],
                                    name="platforms_one_section_per_number",
                                    violation_error_message=_("The consultation already has a "
                                                              "section with this number.")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ConsultationInvitation(models.Model):
    """A link a forum shares with people without an account (like survey tokens: only the
    token's hash is kept)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="invitations")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="invitations")
    label = models.CharField(max_length=200, blank=True,
                             help_text=_("For the forum's own records, e.g. “Town meeting, "
                                         "Linstead”."))
    token_hash = models.CharField(max_length=64, unique=True)
    used_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["consultation", "forum"])]

    def __str__(self) -> str:
        return self.label or f"Invitation {self.pk}"


class Submission(models.Model):
    """One input on a consultation (on a section, or on the whole), from a forum."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="submissions")
    section = models.ForeignKey(ConsultationSection, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="submissions")
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="submissions",
                              verbose_name=_("origin forum"))
    # Denormalised from the forum and the organisation, for the loop metrics.
    level = models.ForeignKey(ForumLevel, on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(max_length=20, blank=True)
    text = models.TextField(validators=[max_text])
    language = language_field()
    voice = models.CharField(max_length=12, choices=Voice.choices, default=Voice.ORGANISATION)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    as_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    anonymous = models.BooleanField(default=False)
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    invitation = models.ForeignKey(ConsultationInvitation, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="submissions")
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(submitted_by__isnull=True,
                                                 as_organisation__isnull=True, name=""),
                name="platforms_anonymous_submission_names_no_one"),
        ]
        indexes = [models.Index(fields=["consultation", "forum"]),
                   models.Index(fields=["consultation", "level"]),
                   models.Index(fields=["consultation", "sector"]),
                   models.Index(fields=["consultation", "language"]),
                   models.Index(fields=["consultation", "created_at"]),
                   models.Index(fields=["submitted_by", "consultation"])]

    def __str__(self) -> str:
        return f"Submission {self.pk}"
