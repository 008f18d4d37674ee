"""The forms of the feedback loop: an answer, and the one-click "do you feel heard?"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnering.limits import MAX_TEXT
from partnering.platforms.vocabulary import Feeling, Outcome


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices,
                                widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=MAX_TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required when the input is not accepted."))
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=300,
                                  help_text=_("Required when the input is outside scope: "
                                              "where it was referred."))
    change_in_plan = forms.CharField(label=_("What changed in the plan"), required=False,
                                     max_length=MAX_TEXT,
                                     widget=forms.Textarea(attrs={"rows": 3}))


class HeardForm(forms.Form):
    feeling = forms.ChoiceField(label=_("Do you feel heard?"), choices=Feeling.choices,
                                widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False,
                              max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))
