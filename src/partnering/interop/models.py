"""The IATI record behind an imported partnership, and import jobs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation


class IatiActivity(models.Model):
    """What the last import said about a partnership.

    `imported` keeps the values the import last wrote to the partnership, so a re-import
    updates a field only when nobody has changed it by hand since."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="iati")
    iati_identifier = models.CharField(max_length=200, unique=True)
    reporting_org_ref = models.CharField(max_length=200, blank=True)
    default_language = models.CharField(max_length=10, blank=True)
    titles = models.JSONField(default=dict, blank=True, help_text="language → title")
    descriptions = models.JSONField(default=dict, blank=True,
                                    help_text="IATI DescriptionType code → language → text")
    activity_status = models.CharField(max_length=2, blank=True)
    dates = models.JSONField(default=dict, blank=True,
                             help_text="IATI ActivityDateType code → ISO date")
    regions = models.JSONField(default=list, blank=True)
    sectors = models.JSONField(default=list, blank=True,
                               help_text="[{vocabulary, code, percentage}]")
    last_updated = models.DateTimeField(null=True, blank=True,
                                        help_text="the activity's last-updated-datetime")
    # What the export needs to write the activity back as it was published.
    reporting_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                               on_delete=models.SET_NULL, related_name="+")
    participants = models.JSONField(
        default=list, blank=True,
        help_text="participating-org as published: [{organisation, role, type, ref, name}]")
    country_percentages = models.JSONField(default=dict, blank=True,
                                           help_text="country code → percentage")
    tags = models.JSONField(default=list, blank=True,
                            help_text="tags other than SDG goals and targets")
    periods = models.JSONField(
        default=dict, blank=True,
        help_text="indicator import key → periods as published (dates and values as text)")
    default_currency = models.CharField(max_length=3, blank=True)
    version = models.CharField("IATI version", max_length=10, blank=True)
    source_file = models.CharField(max_length=300, blank=True)
    imported = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(
        max_length=64, blank=True,
        help_text="hash of the activity's XML as last imported (and of the import's options): "
                  "the same activity again is not written again")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("IATI activity")
        verbose_name_plural = _("IATI activities")

    def __str__(self) -> str:
        return self.iati_identifier


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, default="iati")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file_name = models.CharField(max_length=300)
    stored_file = models.CharField(max_length=500, blank=True)
    strict = models.BooleanField(default=False)
    public = models.BooleanField(
        default=False, help_text=_("Make the partnerships it creates public (default: private)."))
    progress = models.PositiveSmallIntegerField(default=0, help_text="percent")
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, help_text="last sign of life of the job")
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class OrganisationAlias(models.Model):
    """How other publishers' files name a registry organisation.

    IATI refs that are not valid org-ids ("NL-1", "41114") cannot go into
    Organisation.identifier, and organisations without a ref are known only by their
    name; both are kept here so the same organisation is found again in the next file."""

    class Kind(models.TextChoices):
        REF = "ref", _("IATI organisation ref")
        NAME = "name", _("Normalised name")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="iati_aliases")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    value = models.CharField(max_length=300)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_organisation_alias"),
        ]
        verbose_name_plural = _("organisation aliases")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"
