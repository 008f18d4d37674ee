"""One table for the translations of every kind of record (see docs/content-translations.md
for why not django-parler)."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.translations.languages import MAX_LENGTH, validate_language


def source_hash(text: str) -> str:
    """What a translation remembers of the text it translates, to tell when it changed."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


class ContentTranslation(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=50)
    language = models.CharField(_("language"), max_length=MAX_LENGTH,
                                validators=[validate_language])
    text = models.TextField(_("translation"), validators=[max_text])
    # The original as it was translated: its language, and a hash of its text.
    source_language = models.CharField(max_length=MAX_LENGTH, blank=True)
    source_hash = models.CharField(max_length=64)
    translator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    translator_name = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "field", "language"],
                                    name="one_translation_per_field_and_language"),
        ]
        indexes = [models.Index(fields=["content_type", "language", "object_id"],
                                name="translation_lookup")]

    def __str__(self) -> str:
        return f"{self.field} in {self.language}"

    def is_outdated(self, original: str) -> bool:
        """The original changed since this translation was made."""
        return self.source_hash != source_hash(original)
