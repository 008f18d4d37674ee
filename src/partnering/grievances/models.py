"""The grievance mechanism of a partnership: its published service levels, settings,
holidays and handlers; the cases, their messages, attachments, closure attempts and
timeline.

Who may see a case is decided in `grievances.access` only. A case's complainant holds its
code and a secret (stored here only as a salted hash, see `grievances.codes`); an anonymous
case stores no name or contact at all."""

import uuid
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.grievances.vocabulary import (
    DEFAULT_CLOSURE_ATTEMPTS,
    DEFAULT_TIME_ZONE,
    Author,
    Category,
    Channel,
    Closure,
    EscalatedTo,
    HandlerRole,
    Outcome,
    Severity,
    State,
)
from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from partnering.translations.languages import language_field

business_days = [MinValueValidator(1), MaxValueValidator(365)]


def owner_fields(related_name: str, *, one: bool = False):
    """The partnership or the platform a row belongs to (exactly one: `one_owner`)."""
    kind = models.OneToOneField if one else models.ForeignKey
    return (kind(Partnership, null=True, blank=True, on_delete=models.CASCADE,
                 related_name=related_name),
            kind("platforms.Platform", null=True, blank=True, on_delete=models.CASCADE,
                 related_name=related_name))


def one_owner(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(partnership__isnull=False, platform__isnull=True)
        | models.Q(partnership__isnull=True, platform__isnull=False), name=name)


class Owned:
    """What a row of a partnership's or a platform's mechanism says of its owner."""

    @property
    def owner(self):
        return self.partnership if self.partnership_id else self.platform

    @property
    def owner_key(self) -> tuple:
        return (self.partnership_id, self.platform_id)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(gettext("Unknown time zone: %(zone)s (use an IANA name such as "
                                      "Europe/Sarajevo).") % {"zone": value})


class ServiceLevel(Owned, models.Model):
    """A published promise: a case of this severity is acknowledged, answered and resolved
    within so many business days, for a partnership's or a platform's cases."""

    partnership, platform = owner_fields("grievance_service_levels")
    severity = models.CharField(max_length=20, choices=Severity.choices)
    acknowledge_days = models.PositiveSmallIntegerField(
        _("acknowledge within (business days)"), validators=business_days)
    respond_days = models.PositiveSmallIntegerField(
        _("respond within (business days)"), validators=business_days)
    resolve_days = models.PositiveSmallIntegerField(
        _("resolve within (business days)"), validators=business_days)

    class Meta:
        ordering = ["partnership", "severity"]
        constraints = [models.UniqueConstraint(fields=["partnership", "severity"],
                                               name="one_service_level_per_severity"),
                       models.UniqueConstraint(fields=["platform", "severity"],
                                               name="one_platform_level_per_severity"),
                       one_owner("service_level_has_one_owner")]

    def __str__(self) -> str:
        return f"{self.get_severity_display()}: {self.acknowledge_days}/" \
               f"{self.respond_days}/{self.resolve_days}"

    def clean(self):
        if not (self.acknowledge_days <= self.respond_days <= self.resolve_days):
            raise ValidationError(gettext(
                "Acknowledge, respond and resolve must come in that order."))


def new_intake_key() -> str:
    return uuid.uuid4().hex


class GrievanceSettings(Owned, models.Model):
    """How a partnership's (or a platform's) clocks run (its time zone and holidays) and how
    its cases close; `intake_key` makes a filing link that works even when it is private."""

    partnership, platform = owner_fields("grievance_settings", one=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TIME_ZONE,
                                 validators=[validate_time_zone])
    closure_attempts = models.PositiveSmallIntegerField(
        _("attempts to reach the complainant before closing without an answer"),
        default=DEFAULT_CLOSURE_ATTEMPTS, validators=[MinValueValidator(1),
                                                      MaxValueValidator(20)])
    intake_open = models.BooleanField(_("the filing form is open"), default=True)
    intake_key = models.CharField(max_length=32, unique=True, default=new_intake_key,
                                  editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("grievance settings")
        constraints = [one_owner("grievance_settings_have_one_owner")]

    def __str__(self) -> str:
        return f"{self.owner}: {self.time_zone}"


class Holiday(Owned, models.Model):
    """A day the partnership's (or platform's) business-day clocks skip."""

    partnership, platform = owner_fields("grievance_holidays")
    date = models.DateField()
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["partnership", "date"],
                                               name="one_holiday_per_day"),
                       models.UniqueConstraint(fields=["platform", "date"],
                                               name="one_platform_holiday_per_day"),
                       one_owner("holiday_has_one_owner")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class GrievanceHandler(Owned, models.Model):
    """A person named to handle the partnership's (or platform's) grievances (never for a
    case about their own organisation, see `grievances.access`)."""

    partnership, platform = owner_fields("grievance_handlers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="grievance_roles")
    role = models.CharField(max_length=20, choices=HandlerRole.choices,
                            default=HandlerRole.FOCAL_POINT)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "user"],
                                               name="one_grievance_role_per_user"),
                       models.UniqueConstraint(fields=["platform", "user"],
                                               name="one_platform_grievance_role_per_user"),
                       one_owner("grievance_handler_has_one_owner")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Grievance(Owned, models.Model):
    """A case about a partnership or about a platform (exactly one), or a partner in it."""

    partnership, platform = owner_fields("grievances")
    about_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("about a partner"))
    code = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=128, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    category = models.CharField(max_length=20, choices=Category.choices)
    severity = models.CharField(max_length=20, choices=Severity.choices,
                                default=Severity.STANDARD)
    description = models.TextField(validators=[max_text])
    language = language_field()
    # An anonymous case keeps no name and no contact: the complainant follows it by code.
    anonymous = models.BooleanField(default=False)
    complainant_name = models.CharField(max_length=200, blank=True)
    complainant_contact = models.CharField(max_length=300, blank=True)
    # Restricted cases (every safeguarding case) are seen by named handlers and admins only.
    restricted = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVED)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    remedy = models.TextField(blank=True, validators=[max_text])
    closure = models.CharField(max_length=10, choices=Closure.choices, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The three clocks, worked out from the service level when the case is received.
    acknowledge_due = models.DateTimeField(null=True, blank=True)
    respond_due = models.DateTimeField(null=True, blank=True)
    resolve_due = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    escalated_to = models.CharField(max_length=20, choices=EscalatedTo.choices, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_reason = models.TextField(blank=True, validators=[max_text])
    appeal_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="appeals")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["partnership", "state"]),
                   models.Index(fields=["partnership", "category", "received_at"]),
                   models.Index(fields=["platform", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(anonymous=True) | (models.Q(complainant_name="")
                                                       & models.Q(complainant_contact="")),
                name="anonymous_grievance_stores_no_identity"),
            models.CheckConstraint(
                condition=~models.Q(category=Category.SAFEGUARDING) | models.Q(restricted=True),
                name="safeguarding_grievance_is_restricted"),
            one_owner("grievance_has_one_owner"),
        ]

    def __str__(self) -> str:
        # Only the code: audit trails and logs name a case without telling what it is about.
        return self.code

    @property
    def is_open(self) -> bool:
        return self.state not in (State.RESOLVED, State.CLOSED)


def attachment_path(attachment, filename: str) -> str:
    """grievances/<partnership or platform-id>/<random>.<ext>: the uploader's file name is
    kept in `name`, never used as a path; files are served only through views that check access."""
    suffix = Path(filename).suffix.lower()[:10]
    grievance = attachment.grievance
    folder = grievance.partnership_id or f"platform-{grievance.platform_id}"
    return f"grievances/{folder}/{uuid.uuid4().hex}{suffix}"


class GrievanceMessage(models.Model):
    """A question from a handler or a reply from the complainant (through the case code)."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=20, choices=Author.choices)
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(validators=[max_text])
    is_question = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.grievance} {self.get_author_display()} {self.at:%Y-%m-%d}"


class GrievanceAttachment(models.Model):
    """A file given with a case (the evidence-file rules: `monitoring.measurements.evidence`)."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE,
                                  related_name="attachments")
    message = models.ForeignKey(GrievanceMessage, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    from_complainant = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.name


class ClosureAttempt(models.Model):
    """A logged attempt to reach the complainant about the answer (a case closes without
    confirmation only after the partnership's number of attempts)."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE,
                                  related_name="closure_attempts")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.grievance} {self.at:%Y-%m-%d}"


class GrievanceEvent(models.Model):
    """The case's own timeline (what the case page and, where `public`, the complainant's
    page show). The audit trail records the same moments without a partnership, so no
    partnership history lists them (see `grievances.access`)."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    public = models.BooleanField(default=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.grievance} {self.action}"
