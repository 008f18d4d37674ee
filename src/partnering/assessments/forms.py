from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    instrument = forms.ModelChoiceField(queryset=Instrument.objects.none(),
                                        label=gettext_lazy("Instrument"))
    title = forms.CharField(max_length=200, label=gettext_lazy("Title"))
    opens_at = forms.DateTimeField(label=gettext_lazy("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=gettext_lazy("Closes"), widget=DATETIME)
    grouping = forms.ChoiceField(
        label=gettext_lazy("Respondent groups"), required=False,
        choices=[("organisation", gettext_lazy("One group per member organisation")),
                 ("sector", gettext_lazy("One group per sector"))],
        help_text=gettext_lazy("Results are shown per group, never for fewer than 5 people."))

    def __init__(self, *args, partnership: bool, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = InstrumentKind.FIT if partnership else InstrumentKind.HEALTH_CHECK
        self.fields["instrument"].queryset = Instrument.objects.exclude(kind=excluded)
        if not partnership:
            del self.fields["grouping"]


class InvitationsForm(forms.Form):
    group = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Respondent group"))
    people = forms.CharField(
        label=gettext_lazy("Who to invite"), widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=gettext_lazy("One person a line: an e-mail address, optionally after a name "
                               "(Jane Phiri jane@example.org). Each gets a personal link by "
                               "e-mail."))

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
                raise forms.ValidationError(
                    _("Line %(number)s: “%(email)s” is not an e-mail address.")
                    % {"number": number, "email": email}) from error
            people.append((" ".join(words[:-1])[:200], email))
        if not people:
            raise forms.ValidationError(_("Give at least one e-mail address."))
        if len(people) > 500:
            raise forms.ValidationError(_("Invite at most 500 people at a time."))
        return people


class PlanItemForm(forms.Form):
    title = forms.CharField(max_length=300, label=gettext_lazy("Action"))
    dimension = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Dimension"),
        help_text=gettext_lazy("The result this action responds to."))
    owner_organisation = forms.ModelChoiceField(queryset=None, required=False,
                                                label=gettext_lazy("Owner organisation"))
    owner_name = forms.CharField(
        max_length=200, required=False, label=gettext_lazy("Owner"),
        help_text=gettext_lazy("A person or a unit, e.g. the Partnerships lead."))
    due_date = forms.DateField(widget=DATE, label=gettext_lazy("Due date"))

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
    status = forms.ChoiceField(choices=ActionPlanItem.Status.choices,
                               label=gettext_lazy("Status"))


class ImportForm(forms.Form):
    key = forms.SlugField(max_length=60, label=gettext_lazy("Key"),
                          help_text=gettext_lazy("A short name, e.g. kobo-health-check"))
    file = forms.FileField(label=gettext_lazy("XLSForm workbook (.xlsx)"))


def _skip_hint(question, by_code: dict, lang: str) -> str:
    """The hint of a question shown only after some answers to an earlier one."""
    earlier = by_code.get((question.show_if or {}).get("question"))
    if earlier is None:
        return ""
    names = {str(c["value"]): label(c.get("label", {}), lang) for c in earlier.choices or []}
    answers = ", ".join(f"“{names.get(str(v), v)}”" for v in question.show_if.get("in", []))
    return _("Only if your answer to “%(question)s” was one of: %(answers)s.") % {
        "question": label(earlier.label, lang), "answers": answers}


def response_form(instrument, lang: str, data=None, initial=None):
    """A Django form for the instrument's questions, in one language; nothing is required
    until submission (answers can be saved part-way)."""
    questions = list(instrument.questions.select_related("section"))
    by_code = {q.code: q for q in questions}
    fields = {}
    for q in questions:
        text = label(q.label, lang)
        help_text = _skip_hint(q, by_code, lang)
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
