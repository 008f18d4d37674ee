"""Answers back down: the secretariat's answer to an item, its delivery to every origin
along the path, and whether the origin feels heard."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.platforms.models.consultations import Consultation, Submission
from partnering.platforms.models.items import Item
from partnering.platforms.models.platforms import Forum, ForumLevel
from partnering.platforms.vocabulary import Channel, Feeling, Outcome
from partnering.translations.languages import language_field


class Answer(models.Model):
    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="answer")
    # Denormalised from the item when answered, for the loop metrics.
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="answers")
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(ForumLevel, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reason = models.TextField(validators=[max_text], blank=True)
    referred_to = models.CharField(_("referred to"), max_length=300, blank=True)
    change_in_plan = models.TextField(_("what changed in the plan"), validators=[max_text],
                                      blank=True)
    language = language_field()
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at", "id"]
        indexes = [models.Index(fields=["consultation", "answered_at"]),
                   models.Index(fields=["consultation", "outcome"]),
                   models.Index(fields=["forum", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.item}"


class AnswerDelivery(models.Model):
    """The answer on its way to one origin: through the notifications ledger (people with an
    account) or through the forum (people without one)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="deliveries")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    forum = models.ForeignKey(Forum, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    delivered_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "submission", "channel"],
                                               name="platforms_one_delivery_per_channel")]
        indexes = [models.Index(fields=["answer", "delivered_at"]),
                   models.Index(fields=["submission", "delivered_at"])]

    def __str__(self) -> str:
        return f"{self.answer} → {self.submission} ({self.channel})"


class HeardResponse(models.Model):
    """The origin's one click: do they feel heard by this answer?"""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="heard")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="heard")
    feeling = models.CharField(max_length=8, choices=Feeling.choices)
    comment = models.TextField(validators=[max_text], blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "answer"],
                                               name="platforms_one_heard_response_per_answer")]
        indexes = [models.Index(fields=["answer", "feeling"])]

    def __str__(self) -> str:
        return f"{self.feeling}: {self.submission}"
