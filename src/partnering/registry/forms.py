import functools

from django import forms
from django.utils import translation
from django.utils.choices import BaseChoiceIterator, normalize_choices

from partnering.fields import TagsField
from partnering.limits import MAX_TEXT
from partnering.reference import codelists
from partnering.reference.countries import country_choices
from partnering.reference.models import SdgGoal
from partnering.registry.models import Organisation, Person
from partnering.registry.vocabulary import (
    Motivation,
    PartneringInterest,
    PartneringRole,
    Sector,
)
from partnering.sources import cite


def _blank(choices, label="—"):
    return [("", label), *choices]


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200)
    acronym = forms.CharField(max_length=30, required=False)
    identifier = forms.CharField(
        max_length=100, required=False,
        help_text="org-id / IATI form: registration agency, then the number, "
                  "e.g. GB-CHC-202918 or XM-DAC-928.")
    iati_type = forms.ChoiceField(label="IATI organisation type", required=False)
    sector = forms.ChoiceField(
        label="Broad sector", required=False,
        help_text="Left empty, it follows from the IATI organisation type.")
    country = forms.ChoiceField(required=False)
    website = forms.URLField(max_length=300, required=False, assume_scheme="https")
    mission = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=MAX_TEXT)
    motivations = forms.MultipleChoiceField(
        choices=Motivation.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="What moves it to partner (rule of law, growth, social development: "
                  f"{cite('building-msp')}).")
    interests = forms.MultipleChoiceField(
        label="Interests in partnering", choices=PartneringInterest.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    interests_note = forms.CharField(
        label="What it wants from a partnership", required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}))
    competencies = TagsField(help_text="What it is good at. Separate with commas.")
    resources = TagsField(label="Resources it can bring",
                          help_text="Cash, in kind, expertise, data, networks… "
                                    "Separate with commas.")
    sdg_goals = forms.ModelMultipleChoiceField(
        label="SDGs of interest", queryset=SdgGoal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, to_field_name="number")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iati_type"].choices = _blank(codelists.choices("OrganisationType"))
        self.fields["sector"].choices = _blank(Sector.choices)
        self.fields["country"].choices = _blank(country_choices())

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        initial = {name: getattr(organisation, name) for name in cls.base_fields
                   if name != "sdg_goals"}
        initial["sdg_goals"] = [g.number for g in organisation.sdg_goals.all()]
        return initial

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["sdg_goals"] = [goal.number for goal in data["sdg_goals"]]
        return data


class PersonForm(forms.Form):
    name = forms.CharField(max_length=200)
    email = forms.EmailField(required=False)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False)
    job_title = forms.CharField(max_length=200, required=False)
    partnering_role = forms.ChoiceField(choices=PartneringRole.choices)
    skills = TagsField(label="Partnering skills",
                       help_text="E.g. negotiation, facilitation, partner empathy. "
                                 "Separate with commas.")
    is_organisation_admin = forms.BooleanField(
        label="Organisation admin", required=False,
        help_text="May edit the organisation's profile and its people.")

    @classmethod
    def initial_for(cls, person: Person) -> dict:
        return {name: getattr(person, name) for name in cls.base_fields}


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    sector = forms.ChoiceField(required=False, choices=_blank(Sector.choices, "Any sector"))
    iati_type = forms.ChoiceField(label="Type", required=False)
    country = forms.ChoiceField(required=False)
    sdg = forms.TypedChoiceField(label="SDG", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in _search_choices(translation.get_language() or "").items():
            self.fields[name].choices = choices


class _Normalised(BaseChoiceIterator):
    """Choices normalised once: Django normalises a plain list on every assignment, which
    for the 250 countries cost ~1 ms of each organisations page."""

    def __init__(self, choices):
        self.choices = normalize_choices(choices)

    def __iter__(self):
        return iter(self.choices)


@functools.lru_cache(maxsize=16)
def _search_choices(language: str) -> dict[str, _Normalised]:
    """The filter lists (codelists and country names are files shipped with the code), once
    per language (their labels are translated)."""
    return {
        "iati_type": _Normalised(_blank(codelists.choices("OrganisationType"), "Any type")),
        "country": _Normalised(_blank(country_choices(), "Any country")),
        "sdg": _Normalised(_blank([(n, f"SDG {n}") for n in range(1, 18)], "Any SDG")),
    }
