"""KPIs set upfront, the results chain they belong to, targets and measurements.

A results chain (outputs → outcomes → impact) is a tree of Result nodes with weights, as in
Decidim's accountability results; indicators hang off results (or straight off the
partnership); targets are milestones; measurements are values per period, reported by
members and confirmed or queried by others (participatory monitoring, Building
Multi-Stakeholder Partnerships)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.reference.models import SdgIndicator
from partnering.registry.models import Organisation
from partnering.translations.languages import language_field


class ResultLevel(models.TextChoices):
    """IATI ResultType codes."""

    OUTPUT = "1", _("Output")
    OUTCOME = "2", _("Outcome")
    IMPACT = "3", _("Impact")
    OTHER = "9", _("Other")


class Measure(models.TextChoices):
    """IATI IndicatorMeasure codes."""

    UNIT = "1", _("Unit")
    PERCENTAGE = "2", _("Percentage")
    NOMINAL = "3", _("Nominal")
    ORDINAL = "4", _("Ordinal")
    QUALITATIVE = "5", _("Qualitative")


class Direction(models.TextChoices):
    UP = "up", _("Up is good")
    DOWN = "down", _("Down is good")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SIX_MONTHLY = "six_monthly", _("Every six months")
    ANNUAL = "annual", _("Annual")
    AD_HOC = "ad_hoc", _("When available")


class MeasurementStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CONFIRMED = "confirmed", _("Confirmed by another member")
    QUERIED = "queried", _("Queried by another member")


class Result(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="results")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    level = models.CharField(max_length=1, choices=ResultLevel.choices,
                             default=ResultLevel.OUTPUT)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True, validators=[max_text])
    weight = models.DecimalField(max_digits=7, decimal_places=3, default=1,
                                 validators=[MinValueValidator(0)])
    position = models.PositiveIntegerField(default=0)
    # Where an imported result came from (IATI: activity identifier and result position).
    import_key = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["partnership", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "import_key"],
                                    condition=~Q(import_key=""), name="unique_result_import"),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="indicators")
    result = models.ForeignKey(Result, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="indicators")
    name = models.CharField(max_length=500)
    definition = models.TextField(blank=True, validators=[max_text])
    language = language_field()
    unit = models.CharField(max_length=100, blank=True)
    measure = models.CharField(max_length=1, choices=Measure.choices, default=Measure.UNIT)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(max_digits=20, decimal_places=4, null=True,
                                         blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    baseline_comment = models.CharField(max_length=500, blank=True)
    disaggregation = models.JSONField(
        default=list, blank=True,
        help_text=_("Dimensions values are broken down by, e.g. [\"sex\", \"age\"]."))
    frequency = models.CharField(max_length=12, choices=Frequency.choices,
                                 default=Frequency.ANNUAL)
    responsible_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                                 on_delete=models.SET_NULL, related_name="+")
    data_source = models.CharField(max_length=300, blank=True)
    sdg_indicator = models.ForeignKey(SdgIndicator, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="kpis")
    deliverable = models.ForeignKey("agreements.Deliverable", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    import_key = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # Kept by summaries.refresh_indicators after every change to measurements, targets or
    # the baseline, so that dashboards read a column instead of searching the measurements.
    latest_value = models.DecimalField(max_digits=20, decimal_places=4, null=True,
                                       blank=True, editable=False)
    latest_date = models.DateField(null=True, blank=True, editable=False)
    final_target_value = models.DecimalField(max_digits=20, decimal_places=4, null=True,
                                             blank=True, editable=False)
    progress = models.FloatField(null=True, blank=True, editable=False)
    # Values queried by a member and not yet corrected or confirmed: they do not count.
    queried_values = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["partnership", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "import_key"],
                                    condition=~Q(import_key=""),
                                    name="unique_indicator_import"),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """A milestone: the value to reach by a date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    date = models.DateField()
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["indicator", "date"]

    def __str__(self) -> str:
        return f"{self.value} by {self.date}"

    def clean(self):
        baseline = self.indicator.baseline_date if self.indicator_id else None
        if baseline and self.date and self.date < baseline:
            raise ValidationError({"date": _("A target date cannot be before the baseline.")})


def evidence_path(measurement, filename: str) -> str:
    """evidence/<partnership>/<random>.<ext>: the uploader's file name is kept in
    evidence_name, never used as a path."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"evidence/{measurement.indicator.partnership_id}/{uuid.uuid4().hex}{suffix}"


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="measurements")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=4)
    disaggregated = models.JSONField(
        default=dict, blank=True,
        help_text="{dimension: {category: value}}; each dimension adds up to the value.")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reported_by_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                                 on_delete=models.SET_NULL, related_name="+")
    evidence_url = models.URLField(blank=True, max_length=500)
    # Served only through the measurement's evidence view, which checks access: never from
    # a public media URL.
    evidence_file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    comment = models.TextField(blank=True, validators=[max_text])
    status = models.CharField(max_length=10, choices=MeasurementStatus.choices,
                              default=MeasurementStatus.REPORTED)
    # Participatory validation: who confirmed or queried the value, and why.
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    validated_by_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                                  on_delete=models.SET_NULL, related_name="+")
    validation_comment = models.TextField(blank=True, validators=[max_text])
    import_key = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "period_end", "id"]
        indexes = [models.Index(fields=["indicator", "period_end"])]

    def __str__(self) -> str:
        return f"{self.value} for {self.period_start}–{self.period_end}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class MeasurementNote(models.Model):
    """A member's comment on a reported value, or a query about it (the value then stops
    counting until it is corrected or confirmed). Members who may not report a value say
    what they know this way."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE,
                                    related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(validators=[max_text])
    is_query = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measurement", "created", "id"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class ProgressReport(models.Model):
    """A report on one period: what happened, what was learnt, what to celebrate (Building
    Multi-Stakeholder Partnerships).
    The measurements of the period are those whose period ends inside it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="progress_reports")
    period_start = models.DateField()
    period_end = models.DateField()
    narrative = models.TextField(validators=[max_text])
    lessons_learned = models.TextField(blank=True, validators=[max_text])
    successes = models.TextField(_("successes to celebrate"), blank=True, validators=[max_text])
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "-period_end", "-id"]
        indexes = [models.Index(fields=["partnership", "submitted_on"])]

    def __str__(self) -> str:
        return gettext("Progress report %(start)s–%(end)s") % {
            "start": self.period_start, "end": self.period_end}

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class RiskCategory(models.TextChoices):
    # The three causes of failure of strategic partnerships (A Guide to Strategic Partnering).
    UNDERINVESTMENT = "underinvestment", _(
        "Underinvestment (resources, cost sharing, sponsorship)")
    OVER_APPROPRIATION = "over_appropriation", _(
        "Over-appropriation (ownership, IP, co-opetition)")
    MISALIGNMENT = "misalignment", _("Misalignment (goals, incentives, roles)")
    # The eight markers of failure (A Guide to Strategic Partnering).
    COMPETING_AGENDAS = "competing_agendas", _("Competing agendas")
    VALUE_MISMATCH = "value_mismatch", _("Value mismatch")
    OBJECTIVES = "objectives", _("Objectives not aligned")
    GOVERNANCE = "governance", _("Lack of governance")
    STAKEHOLDERS = "stakeholders", _("Misalignment of stakeholders")
    COMMUNICATION = "communication", _("Lack of communication")
    TRUST = "trust", _("Lack of trust between the parties")
    WIN_LOSE = "win_lose", _("Win-lose situation")
    EXTERNAL = "external", _("External (context, politics, funding climate)")


class RiskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("risk status", "Open")
    MITIGATING = "mitigating", pgettext_lazy("risk status", "Being mitigated")
    CLOSED = "closed", pgettext_lazy("risk status", "Closed")


HIGH_RISK = 15  # likelihood × impact from which a risk counts as high


class Risk(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(blank=True, validators=[max_text])
    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    likelihood = models.PositiveSmallIntegerField(
        choices=[(n, str(n)) for n in range(1, 6)], help_text=_("1 rare … 5 almost certain"))
    impact = models.PositiveSmallIntegerField(
        choices=[(n, str(n)) for n in range(1, 6)], help_text=_("1 minor … 5 severe"))
    owner_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    mitigation = models.TextField(blank=True, validators=[max_text])
    status = models.CharField(max_length=10, choices=RiskStatus.choices,
                              default=RiskStatus.OPEN)
    review_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "status", "-likelihood", "-impact", "id"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return (self.likelihood or 0) * (self.impact or 0)

    @property
    def is_high(self) -> bool:
        return self.score >= HIGH_RISK


class HealthSnapshot(models.Model):
    """The health index as computed on a day: the portfolio aggregates these in the database
    instead of recomputing every partnership's index, and they show the index's trend."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="health_snapshots")
    computed_on = models.DateField()
    index = models.FloatField(null=True, blank=True)
    parts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["partnership", "-computed_on"]
        constraints = [models.UniqueConstraint(fields=["partnership", "computed_on"],
                                               name="one_health_snapshot_a_day")]

    def __str__(self) -> str:
        return f"Health {self.index} on {self.computed_on}"


# The stored summaries live in their own module (rollup/), registered with this app.
from partnering.monitoring.rollup.models import (  # noqa: E402, F401
    PartnershipSummary,
    PlatformPortfolio,
)
