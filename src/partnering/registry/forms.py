import functools

from django import forms
from django.utils import translation
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

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


def _cites(message: str, key: str) -> str:
    return gettext(message) % {"source": cite(key)}


cites = lazy(_cites, str)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    identifier = forms.CharField(
        label=_("Identifier"), max_length=100, required=False,
        help_text=_("org-id / IATI form: registration agency, then the number, "
                    "e.g. GB-CHC-202918 or XM-DAC-928."))
    iati_type = forms.ChoiceField(label=_("IATI organisation type"), required=False)
    sector = forms.ChoiceField(
        label=_("Broad sector"), required=False,
        help_text=_("Left empty, it follows from the IATI organisation type."))
    country = forms.ChoiceField(label=_("Country"), required=False)
    website = forms.URLField(label=_("Website"), max_length=300, required=False,
                             assume_scheme="https")
    mission = forms.CharField(label=_("Mission"), widget=forms.Textarea(attrs={"rows": 4}),
                              required=False, max_length=MAX_TEXT)
    motivations = forms.MultipleChoiceField(
        label=_("Motivations"), choices=Motivation.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=cites(gettext_noop("What moves it to partner (rule of law, growth, social "
                                     "development: %(source)s)."), "building-msp"))
    interests = forms.MultipleChoiceField(
        label=_("Interests in partnering"), choices=PartneringInterest.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    interests_note = forms.CharField(
        label=_("What it wants from a partnership"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}))
    competencies = TagsField(label=_("Competencies"),
                             help_text=_("What it is good at. Separate with commas."))
    resources = TagsField(label=_("Resources it can bring"),
                          help_text=_("Cash, in kind, expertise, data, networks… "
                                      "Separate with commas."))
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDGs of interest"), queryset=SdgGoal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, to_field_name="number")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iati_type"].choices = _blank(codelists.localised_choices("OrganisationType"))
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
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.all(), required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    partnering_role = forms.ChoiceField(label=_("Partnering role"),
                                        choices=PartneringRole.choices)
    skills = TagsField(label=_("Partnering skills"),
                       help_text=_("E.g. negotiation, facilitation, partner empathy. "
                                   "Separate with commas."))
    is_organisation_admin = forms.BooleanField(
        label=_("Organisation admin"), required=False,
        help_text=_("May edit the organisation's profile and its people."))

    @classmethod
    def initial_for(cls, person: Person) -> dict:
        return {name: getattr(person, name) for name in cls.base_fields}


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), required=False,
                               choices=_blank(Sector.choices, _("Any sector")))
    iati_type = forms.ChoiceField(label=_("Type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int, empty_value=None)

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
        "iati_type": _Normalised(_blank(codelists.localised_choices("OrganisationType"),
                                        gettext("Any type"))),
        "country": _Normalised(_blank(country_choices(), gettext("Any country"))),
        "sdg": _Normalised(_blank([(n, gettext("SDG %(number)s") % {"number": n})
                                   for n in range(1, 18)], gettext("Any SDG"))),
    }
