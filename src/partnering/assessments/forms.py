from django import forms
from django.core.validators import validate_email

from partnering.assessments.models import (
    DONT_KNOW,
    LIKERT_LABELS,
    ActionPlanItem,
    Instrument,
    InstrumentKind,
    QuestionKind,
    label,
)

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RoundForm(forms.Form):
    instrument = forms.ModelChoiceField(queryset=Instrument.objects.none())
    title = forms.CharField(max_length=200)
    opens_at = forms.DateTimeField(label="Opens", widget=DATETIME)
    closes_at = forms.DateTimeField(label="Closes", widget=DATETIME)
    grouping = forms.ChoiceField(
        label="Respondent groups", required=False,
        choices=[("organisation", "One group per member organisation"),
                 ("sector", "One group per sector")],
        help_text="Results are shown per group, never for fewer than 5 people.")

    def __init__(self, *args, partnership: bool, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = InstrumentKind.FIT if partnership else InstrumentKind.HEALTH_CHECK
        self.fields["instrument"].queryset = Instrument.objects.exclude(kind=excluded)
        if not partnership:
            del self.fields["grouping"]


class InvitationsForm(forms.Form):
    group = forms.ModelChoiceField(queryset=None, label="Respondent group")
    people = forms.CharField(
        label="Who to invite", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000,
        help_text="One person a line: an e-mail address, optionally after a name "
                  "(Jane Phiri jane@example.org). Each gets a personal link by e-mail.")

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = round_.groups.all()

    def clean_people(self):
        people = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            words = line.replace("<", " ").replace(">", " ").replace(",", " ").split()
            if not words:
                continue
            email = words[-1]
            try:
                validate_email(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(f"Line {number}: “{email}” is not an e-mail "
                                            "address.") from error
            people.append((" ".join(words[:-1])[:200], email))
        if not people:
            raise forms.ValidationError("Give at least one e-mail address.")
        if len(people) > 500:
            raise forms.ValidationError("Invite at most 500 people at a time.")
        return people


class PlanItemForm(forms.Form):
    title = forms.CharField(max_length=300, label="Action")
    dimension = forms.ModelChoiceField(queryset=None, required=False,
                                       help_text="The result this action responds to.")
    owner_organisation = forms.ModelChoiceField(queryset=None, required=False,
                                                label="Owner organisation")
    owner_name = forms.CharField(max_length=200, required=False, label="Owner",
                                 help_text="A person or a unit, e.g. the Partnerships lead.")
    due_date = forms.DateField(widget=DATE)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = round_.instrument.dimensions.all()
        if round_.partnership_id:
            from partnering.registry.models import Organisation

            self.fields["owner_organisation"].queryset = Organisation.objects.filter(
                memberships__partnership_id=round_.partnership_id)
            self.fields["owner_organisation"].required = True
            del self.fields["owner_name"]
        else:
            del self.fields["owner_organisation"]
            self.fields["owner_name"].required = True


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionPlanItem.Status.choices)


class ImportForm(forms.Form):
    key = forms.SlugField(max_length=60, help_text="A short name, e.g. kobo-health-check")
    file = forms.FileField(label="XLSForm workbook (.xlsx)")


def response_form(instrument, lang: str, data=None, initial=None):
    """A Django form for the instrument's questions, in one language; nothing is required
    until submission (answers can be saved part-way)."""
    questions = list(instrument.questions.select_related("section"))
    by_code = {q.code: q for q in questions}
    fields = {}
    for q in questions:
        text = label(q.label, lang)
        help_text = ""
        if q.show_if:
            earlier = by_code.get(q.show_if.get("question"))
            if earlier:
                help_text = (f"Only if you answered {' or '.join(map(str, q.show_if['in']))} "
                             f"to “{label(earlier.label, lang)}”.")
        if q.kind == QuestionKind.LIKERT:
            field = forms.ChoiceField(
                choices=[(str(v), label(t, lang)) for v, t in LIKERT_LABELS.items()]
                + [("dk", label(DONT_KNOW, lang))], widget=forms.RadioSelect)
        elif q.kind == QuestionKind.SINGLE:
            field = forms.ChoiceField(choices=[(c["value"], label(c.get("label", {}), lang))
                                               for c in q.choices], widget=forms.RadioSelect)
        elif q.kind == QuestionKind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=[(c["value"], label(c.get("label", {}), lang)) for c in q.choices],
                widget=forms.CheckboxSelectMultiple)
        elif q.kind == QuestionKind.NUMBER:
            field = forms.FloatField(min_value=q.min_value, max_value=q.max_value)
        else:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
        field.required = False
        field.label = text
        field.help_text = help_text
        field.section = label(q.section.title, lang)
        fields[q.code] = field
    form_class = type("ResponseForm", (forms.Form,), fields)
    form = form_class(data=data, initial=initial)
    form.questions = by_code
    return form


def answers_from_form(form) -> list[dict]:
    answers = []
    for code, q in form.questions.items():
        value = form.cleaned_data.get(code)
        if value in (None, "", []):
            continue
        if q.kind == QuestionKind.LIKERT:
            answers.append({"question": code, "dont_know": True} if value == "dk"
                           else {"question": code, "value": int(value)})
        elif q.kind == QuestionKind.SINGLE:
            answers.append({"question": code, "choices": [value]})
        elif q.kind == QuestionKind.MULTIPLE:
            answers.append({"question": code, "choices": list(value)})
        elif q.kind == QuestionKind.NUMBER:
            answers.append({"question": code, "value": value})
        else:
            answers.append({"question": code, "text": value})
    return answers


def initial_from_answers(response) -> dict:
    initial = {}
    if response is None:
        return initial
    for a in response.answers.select_related("question"):
        kind = a.question.kind
        if kind == QuestionKind.LIKERT:
            initial[a.question.code] = "dk" if a.dont_know else f"{a.value:g}"
        elif kind == QuestionKind.SINGLE:
            initial[a.question.code] = a.choices[0] if a.choices else ""
        elif kind == QuestionKind.MULTIPLE:
            initial[a.question.code] = a.choices
        elif kind == QuestionKind.NUMBER:
            initial[a.question.code] = a.value
        else:
            initial[a.question.code] = a.text
    return initial
