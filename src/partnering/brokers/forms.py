"""The brokers app's forms: the roster's filters, a profile, an accreditation, the search of
"find a broker", an assignment's terms, and the log book's entries, addenda and marks."""

from functools import lru_cache

from django import forms
from django.utils.translation import gettext_lazy as _

from partnering.brokers.logbook.rubric import RUBRIC
from partnering.brokers.lookups import OrganisationLookupField, PersonLookupField
from partnering.brokers.vocabulary import BrokerKind, FieldOfWork, Specialty
from partnering.limits import MAX_TEXT
from partnering.reference.countries import country_choices
from partnering.reference.regions import REGIONS
from partnering.translations import languages

DATE = forms.DateInput(attrs={"type": "date"})


def language_choices() -> list[tuple[str, str]]:
    """Every language by name in the reader's language, worked out once per language and
    process (reading pycountry's 7,000 languages costs tens of milliseconds a form)."""
    return list(_language_choices(languages.active_language()))


@lru_cache(maxsize=64)
def _language_choices(reader: str) -> tuple[tuple[str, str], ...]:
    return tuple(languages.choices(reader))


def _any(choices, label):
    return [("", label), *choices]


class RosterFilterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False,
                               choices=_any(FieldOfWork.choices, _("Any sector")))
    specialty = forms.ChoiceField(label=_("Specialty"), required=False,
                                  choices=_any(Specialty.choices, _("Any specialty")))
    available = forms.BooleanField(label=_("Has days free this month"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _any(language_choices(), _("Any language"))
        self.fields["country"].choices = _any(country_choices(), _("Any country"))


class ProfileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of broker"), choices=BrokerKind.choices)
    organisation = OrganisationLookupField(
        label=_("Organisation"), required=False,
        help_text=_("The member organisation an internal broker works for; an external "
                    "broker's own practice, if any: its name, IATI identifier or registry "
                    "number (#123, the number in the address of its registry page)."))
    bio = forms.CharField(label=_("About you"), widget=forms.Textarea, required=False,
                          max_length=MAX_TEXT)
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False)
    countries = forms.MultipleChoiceField(label=_("Countries you work in"), required=False)
    regions = forms.MultipleChoiceField(label=_("Regions you work in"), required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        choices=[(r, _(r)) for r in REGIONS])
    sectors = forms.MultipleChoiceField(label=_("Sectors"), required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        choices=FieldOfWork.choices)
    specialties = forms.MultipleChoiceField(label=_("Specialties"), required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            choices=Specialty.choices)
    days_per_month = forms.DecimalField(label=_("Availability (days a month)"), min_value=0,
                                        max_value=31, decimal_places=1)
    listed = forms.BooleanField(label=_("List me on the public roster (when accredited and "
                                        "external)"), required=False)
    mentor = PersonLookupField(label=_("Mentor"), required=False,
                               help_text=_("Their name, e-mail address or registry number "
                                           "(#123, the number in the address of their "
                                           "registry page)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["countries"].choices = country_choices()


class AccreditationForm(forms.Form):
    body = forms.CharField(label=_("Accrediting body"), max_length=200,
                           initial="Partnership Brokers Association")
    level = forms.CharField(label=_("Level"), max_length=200)
    awarded = forms.DateField(label=_("Awarded on"), widget=DATE)
    expires = forms.DateField(label=_("Expires on"), widget=DATE, required=False)


class FindForm(forms.Form):
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False)
    countries = forms.MultipleChoiceField(label=_("Countries"), required=False)
    sectors = forms.MultipleChoiceField(label=_("Sectors"), required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        choices=FieldOfWork.choices)
    specialties = forms.MultipleChoiceField(label=_("Specialties needed"), required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            choices=Specialty.choices)
    days = forms.DecimalField(label=_("Days a month needed"), min_value=0, max_value=31,
                              required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["countries"].choices = country_choices()


class AssignForm(forms.Form):
    terms_of_reference = forms.CharField(label=_("Terms of reference"), widget=forms.Textarea,
                                         max_length=MAX_TEXT)
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("Planned end"), widget=DATE, required=False)
    days_per_month = forms.DecimalField(label=_("Days a month"), min_value=0.5, max_value=31,
                                        decimal_places=1)


class EndForm(forms.Form):
    note = forms.CharField(label=_("Why it ends"), max_length=500, required=False)
    rate = forms.BooleanField(label=_("Ask the partners to rate the broker's fairness and "
                                      "support (anonymous survey)"), required=False,
                              initial=True)


class EntryForm(forms.Form):
    week = forms.DateField(label=_("Week of"), widget=DATE,
                           help_text=_("Any day of the week: the entry is filed under its "
                                       "Monday."))
    aims = forms.CharField(label=_("Aims"), widget=forms.Textarea, required=False,
                           max_length=MAX_TEXT)
    strategies = forms.CharField(label=_("Strategies"), widget=forms.Textarea, required=False,
                                 max_length=MAX_TEXT)
    happened = forms.CharField(label=_("What happened"), widget=forms.Textarea, required=False,
                               max_length=MAX_TEXT)
    reflection = forms.CharField(label=_("Personal reflection"), widget=forms.Textarea,
                                 required=False, max_length=MAX_TEXT)


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=MAX_TEXT)


class CiteForm(forms.Form):
    event = forms.ChoiceField(label=_("Event to cite"))

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [(e.value, f"{e.event_date.isoformat()} · {e.label}")
                                        for e in events]


class MarkForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Criterion"),
                                  choices=[(c.code, c.label) for c in RUBRIC])
    mark = forms.IntegerField(label=_("Mark"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea, required=False,
                              max_length=MAX_TEXT)
