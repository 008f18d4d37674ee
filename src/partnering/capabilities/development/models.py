"""Development plans (goals from competency gaps, with actions and evidence) and mentoring
pairs with their log of sessions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnering.capabilities.framework.models import LEVELS
from partnering.limits import max_text


class GoalState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("goal state", "Draft")
    ACTIVE = "active", pgettext_lazy("goal state", "Active")
    IN_REVIEW = "in_review", pgettext_lazy("goal state", "In review")
    COMPLETE = "complete", pgettext_lazy("goal state", "Complete")


class ActionKind(models.TextChoices):
    COURSE = "course", _("A course")
    PRACTICE = "practice", _("A practice assignment")
    MENTORING = "mentoring", _("Mentoring")


class DevelopmentPlan(models.Model):
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                               related_name="development_plans")
    title = models.CharField(max_length=200)
    role_profile = models.ForeignKey("capabilities.RoleProfile", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title


class DevelopmentGoal(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    competency = models.ForeignKey("capabilities.Competency", on_delete=models.PROTECT,
                                   related_name="+")
    current_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(choices=[(n, n) for n in LEVELS])
    due_date = models.DateField()
    state = models.CharField(max_length=10, choices=GoalState.choices,
                             default=GoalState.DRAFT)
    note = models.TextField(blank=True, validators=[max_text])

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return str(self.competency)

    @property
    def gap(self) -> int:
        return self.target_level - (self.current_level or 0)

    def clean(self):
        if self.current_level is not None and self.current_level not in LEVELS:
            raise ValidationError({"current_level": _("A level is 1 to 4.")})
        if self.current_level and self.target_level <= self.current_level:
            raise ValidationError({"target_level": _(
                "A goal's target is above the current level.")})


class GoalAction(models.Model):
    goal = models.ForeignKey(DevelopmentGoal, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=10, choices=ActionKind.choices)
    description = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    cohort = models.ForeignKey("capabilities.Cohort", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    mentoring_pair = models.ForeignKey("capabilities.MentoringPair", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description


class GoalEvidence(models.Model):
    goal = models.ForeignKey(DevelopmentGoal, on_delete=models.CASCADE,
                             related_name="evidence")
    text = models.TextField(validators=[max_text])
    link = models.URLField(max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.text[:60]


class MentoringPair(models.Model):
    mentor = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                               related_name="mentoring_pairs_as_mentor")
    mentee = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                               related_name="mentoring_pairs_as_mentee")
    goals = models.TextField(blank=True, validators=[max_text])
    starts = models.DateField()
    ends = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts", "-id"]

    def __str__(self) -> str:
        return _("%(mentor)s mentoring %(mentee)s") % {"mentor": self.mentor,
                                                       "mentee": self.mentee}

    def clean(self):
        errors = {}
        if self.mentor_id and self.mentor_id == self.mentee_id:
            errors["mentor"] = _("A person cannot mentor themselves.")
        if self.ends and self.starts and self.ends < self.starts:
            errors["ends"] = _("A mentoring pair ends after it starts.")
        if errors:
            raise ValidationError(errors)


class MentoringSession(models.Model):
    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    topics = models.TextField(validators=[max_text])
    next_steps = models.TextField(_("agreed next steps"), blank=True, validators=[max_text])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return _("Session of %(date)s") % {"date": self.date}
