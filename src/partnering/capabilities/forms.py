"""Forms of the capabilities pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnering.capabilities.development.models import ActionKind
from partnering.capabilities.framework.models import LEVEL_NAMES, LEVELS
from partnering.limits import MAX_TEXT
from partnering.registry.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVEL_CHOICES = [(n, f"{n} · {LEVEL_NAMES[n]}") for n in LEVELS]


def level_field(label, required=True, **kwargs):
    return forms.TypedChoiceField(label=label, choices=LEVEL_CHOICES, coerce=int,
                                  required=required, widget=forms.RadioSelect, **kwargs)


class CompetencyForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(max_length=MAX_TEXT, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, competency, **kwargs):
        super().__init__(*args, **kwargs)
        for level in LEVELS:
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Level %(level)s (%(name)s): what it looks like in practice") % {
                    "level": level, "name": LEVEL_NAMES[level]},
                max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))


class SelfAssessmentForm(forms.Form):
    """One field per competency: the self-assessment's question (agreement 1–5) where one
    maps onto it, otherwise the level itself."""

    def __init__(self, *args, competencies, agreement_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for c in competencies:
            if c.question_id:
                self.fields[f"q_{c.question.code}"] = forms.TypedChoiceField(
                    label=c.question_label, choices=agreement_choices, coerce=int,
                    required=False, widget=forms.RadioSelect)
            else:
                self.fields[f"l_{c.code}"] = level_field(c.name, required=False)

    def split(self) -> tuple[dict, dict]:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return ({k[2:]: v for k, v in data.items() if k.startswith("q_")},
                {k[2:]: v for k, v in data.items() if k.startswith("l_")})


class RaterForm(forms.Form):
    raters = forms.ModelMultipleChoiceField(
        label=_("Ask these people to rate"), queryset=Person.objects.none(),
        help_text=_("Partners and colleagues who know your partnering work. Their answers "
                    "are shown only together, once the campaign is closed, from 5 raters "
                    "up."))
    closes_on = forms.DateField(
        label=_("Campaign closes on"), required=False, widget=DATE,
        help_text=_("For a new campaign only (three weeks from today if left empty); "
                    "people added to an open campaign answer in it."))

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raters"].queryset = Person.objects.filter(
            user__isnull=False).exclude(pk=person.pk).order_by("name")


class RatingForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=MAX_TEXT, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        for c in competencies:
            self.fields[f"l_{c.code}"] = level_field(c.name, required=False)

    def levels(self) -> dict:
        return {k[2:]: v for k, v in self.cleaned_data.items()
                if k.startswith("l_") and v not in (None, "")}


class PlanForm(forms.Form):
    title = forms.CharField(max_length=200)


class GoalForm(forms.Form):
    competency = forms.ChoiceField(label=_("Competency"))
    target_level = level_field(_("Target level"))
    due_date = forms.DateField(label=_("Due"), widget=DATE)
    note = forms.CharField(max_length=MAX_TEXT, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = [(c.code, c.name) for c in competencies]


class GapsForm(forms.Form):
    role_profile = forms.ChoiceField(label=_("Compare with the role profile"))
    due_date = forms.DateField(label=_("Goals due"), widget=DATE)

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role_profile"].choices = [(p.pk, f"{p.title} ({p.grade})")
                                               for p in profiles]


class StateForm(forms.Form):
    state = forms.CharField(max_length=10)


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActionKind.choices)
    description = forms.CharField(max_length=300)
    due_date = forms.DateField(label=_("Due"), required=False, widget=DATE)


class EvidenceForm(forms.Form):
    text = forms.CharField(label=_("Evidence"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 2}))
    link = forms.URLField(label=_("Link"), required=False, max_length=500,
                          assume_scheme="https")


class SessionForm(forms.Form):
    date = forms.DateField(widget=DATE)
    topics = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("Agreed next steps"), max_length=MAX_TEXT,
                                 required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RoleProfileForm(forms.Form):
    title = forms.CharField(max_length=200)
    grade = forms.CharField(max_length=100)
    purpose = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    responsibilities = forms.CharField(
        label=_("Responsibilities (one a line)"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        for r in requirements:
            self.fields[f"c_{r.competency_id}"] = forms.TypedChoiceField(
                label=r.competency.name, choices=LEVEL_CHOICES, coerce=int,
                initial=r.level)

    def levels(self) -> dict:
        return {int(k[2:]): v for k, v in self.cleaned_data.items() if k.startswith("c_")}
