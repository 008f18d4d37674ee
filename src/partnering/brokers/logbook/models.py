"""The reflective log book of a broker in accreditation: weekly entries, locked once
submitted ("not modified in the light of hindsight": later thoughts are addenda), citing
events of the partnerships the broker brokers; the mentor's comments; the examiner's marks.
Who may read it: partnering.brokers.access."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnering.brokers.roster.models import BrokerProfile
from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.registry.models import Person


class LogBook(models.Model):
    broker = models.OneToOneField(BrokerProfile, on_delete=models.CASCADE,
                                  related_name="logbook")
    examiner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="examined_logbooks")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Log book of {self.broker}"


class LogEntry(models.Model):
    logbook = models.ForeignKey(LogBook, on_delete=models.CASCADE, related_name="entries")
    week = models.DateField(help_text=_("The Monday of the week."))
    aims = models.TextField(validators=[max_text], blank=True)
    strategies = models.TextField(validators=[max_text], blank=True)
    happened = models.TextField(_("what happened"), validators=[max_text], blank=True)
    reflection = models.TextField(_("personal reflection"), validators=[max_text], blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    audit_noun = "logbook_entry"

    class Meta:
        ordering = ["-week", "-id"]
        verbose_name_plural = _("log entries")
        constraints = [models.UniqueConstraint(fields=["logbook", "week"],
                                               name="one_entry_a_week",
                                               violation_error_message=_(
                                                   "The log book has an entry for that week."))]

    def __str__(self) -> str:
        return f"Week of {self.week.isoformat()}"

    @property
    def locked(self) -> bool:
        return self.submitted_at is not None


class Addendum(models.Model):
    entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(validators=[max_text])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name_plural = _("addenda")

    def __str__(self) -> str:
        return f"Addendum {self.pk}"


class CitationKind(models.TextChoices):
    MEETING = "meeting", pgettext_lazy("cited event", "Meeting")
    DECISION = "decision", pgettext_lazy("cited event", "Decision")
    AGREEMENT_VERSION = "agreement_version", pgettext_lazy("cited event", "Agreement version")


class Citation(models.Model):
    """An event of a partnership the broker brokers, cited by an entry: its words are kept
    as they were when cited."""

    entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="citations")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=CitationKind.choices)
    object_id = models.PositiveIntegerField()
    label = models.CharField(max_length=300)
    event_date = models.DateField()
    path = models.CharField(max_length=300)

    class Meta:
        ordering = ["event_date", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "kind", "object_id"],
                                               name="one_citation_per_event")]

    def __str__(self) -> str:
        return self.label


class LogComment(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        EXAMINER = "examiner", _("Examiner")
        ADMIN = "admin", _("Platform admin")

    entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_name = models.CharField(max_length=200)
    role = models.CharField(max_length=10, choices=Role.choices)
    text = models.TextField(validators=[max_text])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class Mark(models.Model):
    """The examiner's mark on one criterion of the rubric (logbook.rubric.RUBRIC)."""

    logbook = models.ForeignKey(LogBook, on_delete=models.CASCADE, related_name="marks")
    criterion = models.CharField(max_length=40)
    mark = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    comment = models.TextField(validators=[max_text], blank=True)
    examiner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion"]
        constraints = [models.UniqueConstraint(fields=["logbook", "criterion"],
                                               name="one_mark_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.mark}"
