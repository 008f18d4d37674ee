"""Forms of the grievance pages: filing (public and staff entry), following a case by code
and secret, and the handlers' actions."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from partnering.grievances.models import GrievanceSettings
from partnering.grievances.services.filing import MAX_ATTACHMENTS
from partnering.grievances.vocabulary import (
    Category,
    Channel,
    EscalatedTo,
    HandlerRole,
    Outcome,
    Severity,
)
from partnering.limits import MAX_TEXT
from partnering.registry.models import Organisation


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Up to MAX_ATTACHMENTS files (checked by the evidence-file rules in the service)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFiles())
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("Attach at most %(count)s files.") % {
                "count": MAX_ATTACHMENTS})
        return [super(FilesField, self).clean(item) for item in files]


def _text(label, **kwargs):
    return forms.CharField(label=label, max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 5}), **kwargs)


class FileForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices,
                                 widget=forms.RadioSelect)
    severity = forms.ChoiceField(
        label=_("How serious is it?"), choices=Severity.choices, initial=Severity.STANDARD,
        help_text=_("A safeguarding concern is always handled first and kept restricted."))
    about_organisation = forms.ModelChoiceField(
        label=_("About a partner (optional)"), required=False,
        queryset=Organisation.objects.none(),
        help_text=_("The partner will not handle or see your grievance."))
    description = _text(_("What happened?"), help_text=_(
        "Say what happened, where and when, and what you would like to be done."))
    anonymous = forms.BooleanField(
        label=_("Stay anonymous: do not keep my name or contact"), required=False,
        help_text=_("You can still follow your case and answer questions with the case "
                    "code and secret you get next."))
    complainant_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    complainant_contact = forms.CharField(
        label=_("How to reach you (phone, e-mail or address)"), max_length=300,
        required=False)
    files = FilesField(label=_("Files (optional)"))

    def __init__(self, *args, partnership=None, platform=None, **kwargs):
        super().__init__(*args, **kwargs)
        if platform is not None:
            from partnering.grievances.access import platform_organisations

            organisations = platform_organisations(platform)
        else:
            organisations = Organisation.objects.filter(
                memberships__partnership=partnership).order_by("name")
        self.fields["about_organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("anonymous"):
            data["complainant_name"] = data["complainant_contact"] = ""
        return data


STAFF_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.WEB]


class EntryForm(FileForm):
    """Staff entry of a grievance received in person, by phone, SMS or e-mail."""

    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS)
    restricted = forms.BooleanField(
        label=_("Restricted: only the named handlers see it"), required=False,
        help_text=_("Safeguarding cases are always restricted."))
    field_order = ["channel"]


class FollowForm(forms.Form):
    code = forms.CharField(label=_("Case code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "placeholder": "GR-XXXX-XXXX"}))
    secret = forms.CharField(label=_("Secret"), max_length=40,
                             widget=forms.PasswordInput(attrs={"autocomplete": "off"}))


class ReplyForm(forms.Form):
    text = _text(_("Your answer"))
    files = FilesField(label=_("Files (optional)"))


class AppealForm(forms.Form):
    reason = _text(_("Why do you appeal?"), help_text=_(
        "Someone other than the first handler will look at your case again."))


class MessageForm(forms.Form):
    text = _text(_("Message to the complainant"))
    is_question = forms.BooleanField(label=_("This is a question they should answer"),
                                     required=False, initial=True)


class AttachForm(forms.Form):
    """Files a handler keeps with the case (the evidence-file rules apply in the service)."""

    files = FilesField(label=_("Files"))
    note = forms.CharField(label=_("What are they? (optional)"), max_length=300,
                           required=False)

    def __init__(self, *args, **kwargs):
        # Its own ids: the case page also shows the attempt form, whose note is id_note.
        kwargs.setdefault("auto_id", "id_attach_%s")
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Up to %(count)s files at a time: PDF, image, office document, CSV or text, at "
            "most %(mb)s MB each. Everyone who may see the case can download them; the "
            "complainant does not see them.") % {"count": MAX_ATTACHMENTS,
                                                 "mb": settings.EVIDENCE_MAX_MB}


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    remedy = _text(_("Remedy: what will be done"), required=False)


class AttemptForm(forms.Form):
    channel = forms.ChoiceField(label=_("Tried by"), choices=Channel.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class EscalateForm(forms.Form):
    to = forms.ChoiceField(label=_("Escalate to"), choices=EscalatedTo.choices)
    reason = _text(_("Why?"))


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Handler"),
                                  queryset=get_user_model().objects.none())

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = (
            lambda user: user.get_full_name() or user.get_username())


class SettingsForm(forms.ModelForm):
    class Meta:
        model = GrievanceSettings
        fields = ["time_zone", "closure_attempts", "intake_open"]
        help_texts = {"time_zone": _("An IANA name such as Africa/Johannesburg: the clocks "
                                     "count business days there.")}


class LevelForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    acknowledge_days = forms.IntegerField(label=_("Acknowledge within (business days)"),
                                          min_value=1, max_value=365)
    respond_days = forms.IntegerField(label=_("Respond within (business days)"),
                                      min_value=1, max_value=365)
    resolve_days = forms.IntegerField(label=_("Resolve within (business days)"),
                                      min_value=1, max_value=365)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=200)


class HandlerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"))
    role = forms.ChoiceField(label=_("Role"), choices=HandlerRole.choices)
