from django import forms
from django.utils.translation import gettext_lazy as _

from partnering.discovery.models import Engagement, StakeholderStance
from partnering.discovery.ranking import DEFAULT_WEIGHTS, MAX_WEIGHT, SIGNALS
from partnering.fields import CodesField, TagsField
from partnering.limits import MAX_TEXT
from partnering.reference.countries import is_country
from partnering.registry.models import Organisation, Person
from partnering.registry.vocabulary import Sector

SCALE = [(n, str(n)) for n in range(1, 6)]
SIGNAL_LABELS = {
    "text": _("Text relevance to the problem"), "gaps": _("Gaps it fills"),
    "diversity": _("Sector diversity it adds"), "network": _("Worked with current members"),
    "geography": _("Same country or region"), "sdg": _("SDG overlap"),
}


def sdg_choices() -> list[tuple[int, str]]:
    return [(n, _("SDG %(number)s") % {"number": n}) for n in range(1, 18)]


class StakeholderForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label=_("Organisation"),
        help_text=_("If the stakeholder is an organisation in the registry."))
    person = forms.ModelChoiceField(
        queryset=Person.objects.select_related("organisation"), required=False,
        label=_("Person"), help_text=_("If the stakeholder is a person in the registry."))
    name = forms.CharField(max_length=200, required=False, label=_("Name"),
                           help_text=_("Otherwise, who: e.g. 'Roma community leaders'."))
    influence = forms.TypedChoiceField(
        choices=SCALE, coerce=int, initial=3, label=_("Influence"),
        help_text=_("Power over the outcome: 1 none, 5 decisive."))
    interest = forms.TypedChoiceField(choices=SCALE, coerce=int, initial=3, label=_("Interest"),
                                      help_text=_("How much they care: 1 none, 5 very high."))
    impact = forms.TypedChoiceField(choices=SCALE, coerce=int, initial=3, label=_("Impact"),
                                    help_text=_("How much the problem affects them."))
    stance = forms.ChoiceField(choices=StakeholderStance.choices, label=_("Stance"),
                               initial=StakeholderStance.UNKNOWN)
    engagement = forms.ChoiceField(label=_("Current engagement level"),
                                   choices=Engagement.choices)
    notes = forms.CharField(max_length=MAX_TEXT, required=False, label=_("Notes"),
                            widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_for(cls, stakeholder) -> dict:
        return {name: getattr(stakeholder, name) for name in cls.base_fields}


class NeedsForm(forms.Form):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors the problem needs"), choices=Sector.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    competencies = TagsField(label=_("Competencies"),
                             help_text=_("What the work needs people to be good at. "
                                         "Separate with commas."))
    resources = TagsField(label=_("Resources"),
                          help_text=_("Money, data, venues, reach… Separate with commas."))
    countries = CodesField(label=_("Geographies"),
                           help_text=_("ISO country codes separated by commas, e.g. ZA, KE."))
    sdg_goals = forms.TypedMultipleChoiceField(
        label=_("SDGs"), choices=sdg_choices, coerce=int,
        required=False, widget=forms.CheckboxSelectMultiple)

    @classmethod
    def initial_for(cls, needs) -> dict:
        if needs is None:
            return {}
        return {name: getattr(needs, name) for name in cls.base_fields}


class WeightsForm(forms.Form):
    """How much each reason counts; read from the query string of the recommendations page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SIGNALS:
            self.fields[name] = forms.FloatField(
                label=SIGNAL_LABELS[name], min_value=0, max_value=MAX_WEIGHT,
                initial=DEFAULT_WEIGHTS[name], required=False)

    def weights(self) -> dict:
        return {name: (DEFAULT_WEIGHTS[name] if self.cleaned_data.get(name) is None
                       else self.cleaned_data[name]) for name in SIGNALS}


class ProblemForm(forms.Form):
    problem_statement = forms.CharField(max_length=MAX_TEXT, label=_("Problem statement"),
                                        widget=forms.Textarea(attrs={"rows": 5}))
    sectors = forms.MultipleChoiceField(label=_("Sectors it needs"), choices=Sector.choices,
                                        required=False, widget=forms.CheckboxSelectMultiple)
    competencies = TagsField(label=_("Competencies"))
    resources = TagsField(label=_("Resources"))
    countries = CodesField(label=_("Geographies"), help_text=_("ISO country codes, e.g. ZA, KE."))
    sdg_goals = forms.TypedMultipleChoiceField(
        label=_("SDGs"), choices=sdg_choices, coerce=int,
        required=False, widget=forms.CheckboxSelectMultiple)


class CallForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    needs = forms.CharField(label=_("What the partnership is looking for"), max_length=MAX_TEXT,
                            widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label=_("Deadline"),
                               widget=forms.DateInput(attrs={"type": "date"}))


class ResponseForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label=_("Responding for"))
    statement = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
                                label=_("Statement"),
                                help_text=_("Why your organisation, and what it would bring."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            people__user=user).distinct() if user and user.is_authenticated \
            else Organisation.objects.none()


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(),
                                          label=_("Organisation"))


class NetworkFilterForm(forms.Form):
    sector = forms.ChoiceField(choices=lambda: [("", _("Any sector")), *Sector.choices],
                               label=_("Sector"), required=False)
    country = forms.CharField(max_length=2, required=False, label=_("Country"),
                              help_text=_("ISO code, e.g. KE"))
    sdg = forms.TypedChoiceField(label=_("SDG"), choices=lambda: [("", _("Any SDG")),
                                                                  *sdg_choices()],
                                 coerce=int, empty_value=None, required=False)

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and not is_country(code):
            raise forms.ValidationError(_("Use an ISO 3166 country code, e.g. KE."))
        return code
