"""The loop facts: one narrow row per origin (a submission where it stands now), kept up to
date by the services that submit, merge, answer, deliver and record "heard", so that the
loop metrics group one table (partnering.platforms.loops.facts keeps and rebuilds it)."""

from django.db import models

from partnering.platforms.models.consultations import Consultation, Submission
from partnering.platforms.models.platforms import Forum, ForumLevel
from partnering.translations.languages import MAX_LENGTH

DAY_GROUPS = {"all": [], "forum": ["forum"], "level": ["level"], "sector": ["sector"],
              "language": ["language"]}


class LoopFact(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="+", db_index=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+",
                              db_index=False)
    level = models.ForeignKey(ForumLevel, on_delete=models.CASCADE, related_name="+",
                              db_index=False)
    sector = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField()
    # The item that carries the origin now, and its answer (plain ids: no cascades).
    item_id = models.BigIntegerField()
    answer_id = models.BigIntegerField(null=True)
    answered_at = models.DateTimeField(null=True)
    outcome = models.CharField(max_length=16, blank=True)
    days_to_answer = models.FloatField(null=True)
    delivery = models.BooleanField(default=False)  # a delivery to this origin is planned
    delivered_at = models.DateTimeField(null=True)
    feeling = models.CharField(max_length=8, blank=True)
    # The answer counted once, on its first origin's row (the lowest submission id), with
    # whether a delivery of it to any origin is still to be sent: "answers delivered to
    # every origin" is then counted without reading the deliveries.
    answer_first = models.BooleanField(default=False)
    answer_pending = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["consultation", "forum", "level", "sector", "language"],
                         name="loopfact_grain"),
            models.Index(fields=["consultation", "answered_at", "days_to_answer"],
                         name="loopfact_answered"),
            # The percentiles read each dimension in (group, days) order (loops/metrics.py).
            *(models.Index(fields=["consultation", *group, "days_to_answer"],
                           condition=models.Q(days_to_answer__isnull=False),
                           name=f"loopfact_days_{name}")
              for name, group in DAY_GROUPS.items()),
        ]

    def __str__(self) -> str:
        return f"origin {self.submission_id} of item {self.item_id}"
