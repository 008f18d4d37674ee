"""Items: what travels upward. A submission raises an original item at its forum; a
facilitator forwards it to the forum above, merges duplicates into one item (which keeps
every origin) or adds the forum's own synthesis. Each item keeps its path as steps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.platforms.models.consultations import (
    Consultation,
    ConsultationSection,
    Submission,
)
from partnering.platforms.models.platforms import Forum, ForumLevel
from partnering.platforms.vocabulary import ItemKind, StepAction


class Item(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="items")
    section = models.ForeignKey(ConsultationSection, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="items")
    # Where the item is now (denormalised level, for the loop metrics).
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="items")
    level = models.ForeignKey(ForumLevel, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    text = models.TextField(validators=[max_text])
    kind = models.CharField(max_length=10, choices=ItemKind.choices,
                            default=ItemKind.ORIGINAL)
    # Set when this item was merged into another: the other carries it on from there.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="merged_items", verbose_name=_("merged into"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "forum", "parent"]),
                   models.Index(fields=["consultation", "level"]),
                   models.Index(fields=["forum", "parent", "created_at"])]

    def __str__(self) -> str:
        return self.title


class ItemStep(models.Model):
    """One step of an item's path: where it was raised, forwarded, merged or synthesised."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="steps")
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(ForumLevel, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=12, choices=StepAction.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["item", "at", "id"]
        indexes = [models.Index(fields=["item", "at"])]

    def __str__(self) -> str:
        return f"{self.action} at {self.forum}"


class ItemOrigin(models.Model):
    """A submission an item carries: an original item has one, a merged item or a synthesis
    every origin of the items it took in."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="origins")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="origins")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "submission"],
                                               name="platforms_one_origin_per_item_submission")]
        indexes = [models.Index(fields=["submission", "item"])]

    def __str__(self) -> str:
        return f"{self.submission} → {self.item}"
