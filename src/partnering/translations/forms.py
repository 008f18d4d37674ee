"""The translate page's forms: a language and a text per translatable field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnering.translations.languages import choices, validate_language


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Translate into"), choices=())

    def __init__(self, kind, record, *args, initial_texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["language"].choices = [c for c in choices() if c[0] != record.language]
        for name in kind.fields:
            limit = kind.max_length(name)
            widget = forms.TextInput() if limit else forms.Textarea(attrs={"rows": 6})
            self.fields[name] = forms.CharField(
                label=kind.field_label(name), required=False, max_length=limit,
                widget=widget, initial=(initial_texts or {}).get(name, ""))

    def texts(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.kind.fields}


class OriginalLanguageForm(forms.Form):
    original_language = forms.ChoiceField(label=_("The original is written in"), choices=(),
                                          validators=[validate_language])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original_language"].choices = choices()
