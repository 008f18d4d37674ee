"""Proposals decided by the partnership's own rule, the decision log, and shared
accountability: actions with an owner organisation and person."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnering.governance.vocabulary import (
    ActionStatus,
    DecisionRule,
    Outcome,
    ProposalKind,
    ProposalStatus,
    Stance,
)
from partnering.limits import max_text
from partnering.partnerships.models import Meeting, Partnership
from partnering.registry.models import Organisation, Person
from partnering.translations.languages import language_field


class Proposal(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="proposals")
    title = models.CharField(max_length=200)
    text = models.TextField(validators=[max_text])
    language = language_field()
    kind = models.CharField(max_length=10, choices=ProposalKind.choices,
                            default=ProposalKind.MOTION)
    options = models.JSONField(default=list, blank=True)
    proposed_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                                 related_name="+")
    proposed_by_person = models.ForeignKey(Person, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    closes_at = models.DateTimeField()
    # The rule is copied from the agreed agreement (or chosen) when the proposal is made, so
    # a later amendment does not change how an open proposal is decided.
    rule = models.CharField(max_length=20, choices=DecisionRule.choices)
    quorum_percent = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)])
    majority_percent = models.PositiveSmallIntegerField(
        default=67, validators=[MinValueValidator(51), MaxValueValidator(100)])
    weights = models.JSONField(default=dict, blank=True,
                               help_text=_("Organisation id → weight, for the weighted rule."))
    rule_source = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.OPEN)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="proposals")

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["partnership", "status", "closes_at"])]

    def __str__(self) -> str:
        return self.title


class Position(models.Model):
    """One member organisation's position on a proposal, taken by a representative with a
    mandate to decide (8 Actions, action 6)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(max_length=10, choices=Stance.choices, blank=True)
    option = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True, validators=[max_text])
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "organisation"],
                                    name="one_position_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.option or self.get_stance_display()}"

    def clean(self):
        if self.stance == Stance.BLOCK and not self.reason.strip():
            raise ValidationError({"reason": _("A block needs a reasoned objection.")})


class Comment(models.Model):
    """Anyone taking part may comment, including representatives without a mandate."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_name = models.CharField(max_length=200)
    text = models.TextField(validators=[max_text])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class Decision(models.Model):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="decisions")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    chosen_option = models.CharField(max_length=200, blank=True)
    reasoning = models.TextField(validators=[max_text])
    tally = models.JSONField(default=dict)
    review_date = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_outcome_display()}"


class ActionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Past their due date and neither done nor dropped."""
        return self.filter(due_date__lt=today or timezone.localdate(),
                           status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])


class Action(models.Model):
    """Shared accountability (8 Actions, action 7): who owes what to the partnership, by when.

    Created by decisions, meetings, health-check summits or directly."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="actions")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, validators=[max_text])
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                           related_name="actions_owned")
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="actions_owned")
    due_date = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.OPEN)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="actions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["partnership", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def days_overdue(self) -> int:
        """Days past the due date while neither done nor dropped; 0 otherwise."""
        if self.status not in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS):
            return 0
        return max((timezone.localdate() - self.due_date).days, 0)
