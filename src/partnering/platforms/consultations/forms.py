"""Forms of consultations: opening one, and submitting input (members, invitation links)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.limits import MAX_TEXT
from partnering.platforms.vocabulary import Voice
from partnering.translations.languages import active_language, choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_SECTIONS = 100


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    document = forms.CharField(label=_("Plan or document"), max_length=300,
                               help_text=_("e.g. Medium-Term Socio-Economic Policy Framework "
                                           "2027–2030"))
    description = forms.CharField(label=_("Description"), required=False, max_length=MAX_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    opens_on = forms.DateField(label=_("Opening date"), widget=DATE)
    closes_on = forms.DateField(label=_("Closing date"), widget=DATE)
    answer_deadline = forms.DateField(
        label=_("Answer deadline"), widget=DATE, required=False,
        help_text=_("Published with the consultation. Leave empty for the platform's days to "
                    "answer after the closing date."))
    levels = forms.ModelMultipleChoiceField(label=_("Levels that may submit"), queryset=None,
                                            widget=forms.CheckboxSelectMultiple)
    sections = forms.CharField(
        label=_("Sections"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One section per line: number | title | text (the text may be left "
                    "out), e.g. “3 | Governance | …”."))

    def __init__(self, *args, platform, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levels"].queryset = platform.levels.all()

    def clean_sections(self) -> list[tuple[str, str, str]]:
        sections, numbers = [], set()
        for n, line in enumerate(self.cleaned_data["sections"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|", 2)] + ["", ""]
            number, title, text = parts[0], parts[1], parts[2]
            if not number or not title or len(number) > 20 or number in numbers:
                raise forms.ValidationError(gettext(
                    "Line %(n)s: give a number (unique, at most 20 characters) and a title, "
                    "separated by “|”.") % {"n": n})
            numbers.add(number)
            sections.append((number, title[:300], text))
        if not sections or len(sections) > MAX_SECTIONS:
            raise forms.ValidationError(gettext("Give between 1 and %(max)s sections.")
                                        % {"max": MAX_SECTIONS})
        return sections

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", gettext("The closing date is before the opening "
                                                "date."))
        return data


class _InputForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=None, required=False,
                                     empty_label=_("The whole document"))
    text = forms.CharField(label=_("Your input"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 8}))
    language = forms.ChoiceField(label=_("Language of your input"))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()
        self.fields["language"].choices = choices()
        self.fields["language"].initial = active_language()


class SubmitForm(_InputForm):
    forum = forms.ModelChoiceField(label=_("From the forum"), queryset=None)
    voice = forms.ChoiceField(label=_("Submit as"), widget=forms.RadioSelect,
                              choices=[(Voice.ORGANISATION, _("My organisation")),
                                       (Voice.FORUM, _("The forum"))],
                              initial=Voice.ORGANISATION)
    field_order = ["forum", "voice", "section", "text", "language"]

    def __init__(self, *args, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums
        only = list(forums[:2])
        if len(only) == 1:
            self.fields["forum"].initial = only[0].pk


class InvitedSubmitForm(_InputForm):
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    anonymous = forms.BooleanField(
        label=_("Submit without my name"), required=False,
        help_text=_("Nothing about you is kept: not your name, not your account."))
