"""The competency framework (competencies, each with four levels described in practice) and
a person's self-assessments against it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnering.limits import max_text

LEVELS = (1, 2, 3, 4)
LEVEL_NAMES = {
    1: pgettext_lazy("competency level", "Aware"),
    2: pgettext_lazy("competency level", "Practising"),
    3: pgettext_lazy("competency level", "Proficient"),
    4: pgettext_lazy("competency level", "Leading"),
}


class CompetencyGroup(models.TextChoices):
    PARTNERING = "partnering", _("Partnering competencies")
    PROCESS = "process", _("Broker's process skills")


class Competency(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, validators=[max_text])
    group = models.CharField(max_length=12, choices=CompetencyGroup.choices,
                             default=CompetencyGroup.PARTNERING)
    order = models.PositiveIntegerField(default=0)
    # The question of the partnering-competencies self-assessment that rates this one.
    question = models.OneToOneField("assessments.Question", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="competency")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "order", "id"]
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.question_id and self.question.instrument.key != "partnering-competencies":
            raise ValidationError({"question": _(
                "Map a competency to a question of the partnering competencies "
                "self-assessment.")})


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE,
                                   related_name="levels")
    level = models.PositiveSmallIntegerField(choices=[(n, n) for n in LEVELS])
    in_practice = models.TextField(_("what it looks like in practice"),
                                   validators=[max_text])

    class Meta:
        ordering = ["competency", "level"]
        constraints = [models.UniqueConstraint(fields=["competency", "level"],
                                               name="one_descriptor_per_level")]

    def __str__(self) -> str:
        return f"{self.competency} {self.level}"

    @property
    def name(self) -> str:
        return str(LEVEL_NAMES[self.level])


class SelfAssessment(models.Model):
    """A person's own levels at one moment. `answers` keeps what they answered to the
    self-assessment's questions (1–5 agreement, by question code); `levels` the levels they
    became (by competency code)."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                               related_name="self_assessments")
    round = models.ForeignKey("capabilities.OfficeRound", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="self_assessments")
    answers = models.JSONField(default=dict, blank=True)
    levels = models.JSONField(default=dict)
    taken_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_on", "-id"]

    def __str__(self) -> str:
        return f"Self-assessment {self.pk}"
