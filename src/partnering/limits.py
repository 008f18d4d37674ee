"""Size limits on free text, enforced by the models so every entry point shares them."""

from django.core.validators import MaxLengthValidator

MAX_TEXT = 20_000  # a long problem statement or a full set of minutes

max_text = MaxLengthValidator(MAX_TEXT)
