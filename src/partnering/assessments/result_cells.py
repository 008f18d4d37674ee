"""ResultCell: the running totals of one round's counted answers, per respondent group and
dimension, kept by the answering service in the transaction that changes the answers (see
partnering.assessments.aggregates). Results read these few rows instead of aggregating every
answer, so a round with a million answers costs what a round with a hundred does.

A row with no dimension holds the totals over every scored answer of the group (what the
portfolio's overall score reads). The anonymity rules are applied when the cells are read
(partnering.assessments.results), exactly as they were over the answers.
"""

from django.db import models
from django.db.models import Q


class ResultCell(models.Model):
    round = models.ForeignKey("assessments.Round", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey("assessments.RespondentGroup", on_delete=models.CASCADE,
                              related_name="+")
    dimension = models.ForeignKey("assessments.Dimension", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    # Submitted responses of the group (kept in the row with no dimension only).
    responses = models.PositiveIntegerField(default=0)
    # Respondents with at least one score here (a respondent is in one group only, so the
    # figure of a union of groups is the sum of its groups' figures).
    respondents = models.PositiveIntegerField(default=0)
    answers = models.PositiveIntegerField(default=0)
    total = models.FloatField(default=0)
    dont_know = models.PositiveIntegerField(default=0)
    # How many answers scored 1, 2, 3, 4 and 5 (the distribution's histogram buckets).
    score_1 = models.PositiveIntegerField(default=0)
    score_2 = models.PositiveIntegerField(default=0)
    score_3 = models.PositiveIntegerField(default=0)
    score_4 = models.PositiveIntegerField(default=0)
    score_5 = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "group", "dimension"],
                                    condition=Q(dimension__isnull=False),
                                    name="one_result_cell_per_dimension"),
            models.UniqueConstraint(fields=["round", "group"],
                                    condition=Q(dimension__isnull=True),
                                    name="one_overall_result_cell"),
        ]

    def __str__(self) -> str:
        return f"Results of round {self.round_id}, group {self.group_id}"


BUCKETS = ("score_1", "score_2", "score_3", "score_4", "score_5")
FIGURES = ("responses", "respondents", "answers", "total", "dont_know", *BUCKETS)
