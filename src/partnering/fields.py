"""Form fields shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class TagsField(forms.CharField):
    """A comma-separated list of short phrases, e.g. competencies or skills."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", gettext_lazy("Separate with commas."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        tags = [" ".join(part.split()) for part in text.split(",")]
        tags = [tag for tag in tags if tag]
        if len(tags) > 50 or any(len(tag) > 80 for tag in tags):
            raise ValidationError(_("At most 50 entries of 80 characters each."))
        return tags


class CodesField(forms.CharField):
    """Codes separated by commas or spaces (SDG targets, country codes)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [code for code in text.replace(",", " ").split() if code]
