from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """Requests counted for one key in one fixed window (ratelimits.py), when the cache is
    not Redis: one row, incremented in one statement, so every process and machine that
    shares the database counts together."""

    name = models.CharField(max_length=255, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(db_index=True, help_text=_("Unix time the window ends"))

    class Meta:
        verbose_name = _("rate counter")

    def __str__(self) -> str:
        return f"{self.name}: {self.count}"
