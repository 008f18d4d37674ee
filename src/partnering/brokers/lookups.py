"""Choosing an organisation or a person of the registry in a form without listing the
registry: a text box that takes the registry number ("#123", as the registry's pages show
it), the name (or "Name (#123)", as the form shows a saved choice), an organisation's IATI
identifier or a person's e-mail address. One indexed query however large the registry; a
name several records share asks for the number."""

import re

from django import forms
from django.utils.translation import gettext as _

from partnering.registry.models import Organisation, Person

NUMBER = re.compile(r"^(?:.*\(\s*)?#?(\d{1,12})\s*\)?$")
SHOWN = 5


class RegistryLookupField(forms.CharField):
    model = None
    also = ()  # other exact columns a reader may type (identifier, email)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = self.model.objects.filter(pk=value).first()
        if isinstance(value, self.model):
            return f"{value.name} (#{value.pk})"
        return value

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        number = NUMBER.match(text)
        if number:
            found = self.model.objects.filter(pk=int(number.group(1))).first()
            if found is None:
                raise forms.ValidationError(_("No record #%(n)s in the registry.")
                                            % {"n": number.group(1)})
            return found
        return self._by_text(text)

    def _by_text(self, text):
        matches = list(self.model.objects.filter(name__iexact=text)[:SHOWN + 1])
        for column in self.also if not matches else ():
            matches = list(self.model.objects.filter(**{f"{column}__iexact": text})[:SHOWN + 1])
            if matches:
                break
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise forms.ValidationError(_("Nothing in the registry is called “%(text)s”. "
                                          "Look it up in the registry and give its number.")
                                        % {"text": text})
        raise forms.ValidationError(_("Several records are called “%(text)s”; give the "
                                      "number of the one you mean: %(which)s")
                                    % {"text": text, "which": ", ".join(
                                        f"#{m.pk}" for m in matches[:SHOWN])})


class OrganisationLookupField(RegistryLookupField):
    model = Organisation
    also = ("identifier",)


class PersonLookupField(RegistryLookupField):
    model = Person
    also = ("email",)
