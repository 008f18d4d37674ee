"""The IATI record behind an imported partnership, and import jobs."""

from django.conf import settings
from django.db import models

from partnering.partnerships.models import Partnership


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
                                    help_text="language → description")
    activity_status = models.CharField(max_length=2, blank=True)
    dates = models.JSONField(default=dict, blank=True,
                             help_text="IATI ActivityDateType code → ISO date")
    regions = models.JSONField(default=list, blank=True)
    sectors = models.JSONField(default=list, blank=True,
                               help_text="[{vocabulary, code, percentage}]")
    last_updated = models.DateTimeField(null=True, blank=True,
                                        help_text="the activity's last-updated-datetime")
    imported = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "IATI activity"
        verbose_name_plural = "IATI activities"

    def __str__(self) -> str:
        return self.iati_identifier


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, default="iati")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file_name = models.CharField(max_length=300)
    stored_file = models.CharField(max_length=500, blank=True)
    strict = models.BooleanField(default=False)
    progress = models.PositiveSmallIntegerField(default=0, help_text="percent")
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
