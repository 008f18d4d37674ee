from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from partnering.accounts.languages import language_of, setting_choices


class SignInForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or e-mail"), max_length=254,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, e.g. “nightly KPI import”."))


class LanguageSelect(forms.Select):
    """Each language named in itself, marked as such (`lang`) for screen readers."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the interface"), choices=setting_choices,
                                 required=False, widget=LanguageSelect,
                                 help_text=_("The pages and the e-mails you receive are "
                                             "written in this language."))


class LocalisedPasswordResetForm(PasswordResetForm):
    """The reset mail in the language of the account it is for (their own setting, else the
    site's), whoever asked for it and in whichever language."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        with translation.override(language_of(context.get("user"))):
            super().send_mail(subject_template_name, email_template_name, context,
                              from_email, to_email, html_email_template_name)
