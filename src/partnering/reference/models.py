"""The UN SDG framework: 17 goals, 169 targets and their indicators."""

from django.db import models
from django.utils.translation import gettext


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    short_title = models.CharField(max_length=100)
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return gettext("SDG %(number)s: %(title)s") % {"number": self.number,
                                                        "title": self.short_title}

    @property
    def code(self) -> str:
        return str(self.number)


class SdgTarget(models.Model):
    code = models.CharField(max_length=10, unique=True)  # "4.1", "17.b"
    goal = models.ForeignKey(SdgGoal, on_delete=models.PROTECT, related_name="targets")
    title = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["goal__number", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"


class SdgIndicator(models.Model):
    code = models.CharField(max_length=12, unique=True)  # "4.1.1"
    target = models.ForeignKey(SdgTarget, on_delete=models.PROTECT, related_name="indicators")
    title = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["target__goal__number", "target__position", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"
