"""The stored summaries (see the package's doc)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class PartnershipSummary(models.Model):
    """What the health page, the power balance page and the API read about one partnership,
    in one row: the figures the index and the balance are computed from (rebuilt into the
    same Health and PowerBalance objects at read time, in the reader's language and against
    today's date) and indicator progress."""

    partnership = models.OneToOneField("partnerships.Partnership", on_delete=models.CASCADE,
                                       primary_key=True, related_name="summary")
    computed_at = models.DateTimeField()
    # Fresh until then at the latest: the next midnight, or an assessment round closing.
    fresh_until = models.DateTimeField()
    # Set when something outside the partnership's audit trail changed (a member
    # organisation's name or sector); cleared by the recompute.
    stale = models.BooleanField(default=False)
    # The latest audit event of the partnership when it was computed (0: none).
    version = models.BigIntegerField(default=0)
    health_index = models.FloatField(null=True)
    health_coverage = models.FloatField(default=0)
    health = models.JSONField(default=dict, encoder=DjangoJSONEncoder)  # health.figures
    power_index = models.FloatField(null=True)
    power = models.JSONField(default=dict, encoder=DjangoJSONEncoder)  # all-time PowerData
    indicators = models.IntegerField(default=0)
    indicators_with_progress = models.IntegerField(default=0)
    average_progress = models.FloatField(null=True)
    queried_values = models.IntegerField(default=0)

    class Meta:
        app_label = "monitoring"

    def __str__(self) -> str:
        return f"Summary of partnership {self.partnership_id} at {self.computed_at:%Y-%m-%d %H:%M}"

    def health_result(self, today=None):
        """The Health the figures give, against `today` (default: today)."""
        from partnering.monitoring.health.figures import health_from_figures

        return health_from_figures(self.health, today)

    def power_result(self):
        """The all-time PowerBalance the stored counts give."""
        from django.conf import settings

        from partnering.governance.power.balance import balance
        from partnering.governance.power.stored import from_json

        return balance(from_json(self.power),
                       threshold=getattr(settings, "POWER_DOMINANCE_THRESHOLD", None))


class PlatformPortfolio(models.Model):
    """The portfolio of the whole platform (every partnership, no filter), aggregated by the
    job worker after changes; the page shows it with the time it was computed."""

    computed_at = models.DateTimeField()
    version = models.BigIntegerField(default=0)  # the latest audit event then
    queued = models.BooleanField(default=False)  # a recompute waits for the job worker
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        app_label = "monitoring"

    def __str__(self) -> str:
        return f"Portfolio of the platform at {self.computed_at:%Y-%m-%d %H:%M}"
