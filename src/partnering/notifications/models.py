"""The delivery ledger: what each person was told (Notification), how it reached them
(Delivery, per channel), their settings, and the digests sent (one per person and period)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnering.notifications.categories import CATEGORY_CHOICES, DAILY, WEEKLY, defaults


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)
    # What caused it: "event:<audit event id>" or "scan:<kind>:<object id>:<period>". Unique
    # per recipient, so a job that runs again never tells anyone twice.
    cause = models.CharField(max_length=120)
    event = models.ForeignKey("audit.AuditEvent", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    partnership_id = models.IntegerField(null=True, blank=True, db_index=True)
    partnership_title = models.CharField(max_length=200, blank=True)
    needs_action = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=500, blank=True)
    url = models.CharField(_("link (a path of this site)"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "cause"],
                                               name="one_notification_per_cause")]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    class Channel(models.TextChoices):
        IN_APP = "in_app", _("In the app")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", pgettext_lazy("delivery status", "Failed")
        SKIPPED = "skipped", _("Skipped")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # immediately, daily or weekly: how the e-mail goes (a digest collects the latter two).
    frequency = models.CharField(max_length=12, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey("Digest", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="deliveries")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["notification", "channel"],
                                               name="one_delivery_per_channel")]
        indexes = [models.Index(fields=["channel", "status", "frequency"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.status}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_settings")
    # category → immediately, daily, weekly or off; a missing category uses its default.
    frequencies = models.JSONField(default=dict, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    digest_hour = models.PositiveSmallIntegerField(default=7)
    language = models.CharField(max_length=10, default="en")

    def __str__(self) -> str:
        return f"Notification settings of {self.user}"

    def frequency(self, category: str) -> str:
        return {**defaults(), **self.frequencies}.get(category, DAILY)


class Digest(models.Model):
    """One digest e-mail for one person and one period: never two for the same period."""

    PERIODS = [(DAILY, _("Daily")), (WEEKLY, _("Weekly"))]
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    period = models.CharField(max_length=10, choices=PERIODS)
    period_key = models.CharField(max_length=20)
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Delivery.Status.choices,
                              default=Delivery.Status.QUEUED)
    reason = models.CharField(max_length=500, blank=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "period", "period_key"],
                                               name="one_digest_per_period")]

    def __str__(self) -> str:
        return f"{self.period} digest {self.period_key} for {self.user}"


class OutgoingMail(models.Model):
    """An e-mail to an address that may have no account (a survey invitation or reminder),
    sent by a job like a mail spool. Its body carries a personal link, so it is kept only
    until it is sent: then the body is cleared and a note says so. A failure keeps it for the
    hourly retry; a newer link for the same invitation supersedes (clears) an unsent one."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")
        NEW_LINK = "new_link", _("New link")

    channel = models.CharField(max_length=10, choices=Delivery.Channel.choices,
                               default=Delivery.Channel.EMAIL, editable=False)
    to_email = models.EmailField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    invitation = models.ForeignKey("assessments.Invitation", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="mails")
    language = models.CharField(max_length=10, default="en")
    subject = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    note = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Delivery.Status.choices,
                              default=Delivery.Status.QUEUED)
    reason = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["status", "attempts"])]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_email}: {self.status}"
