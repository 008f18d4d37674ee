"""Forms of the secretariat and facilitators: platforms, levels, forums, members, and the
facilitator's moves (forward, merge, synthesis, invitation links)."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from partnering.limits import MAX_TEXT
from partnering.partnerships.access import visible_partnerships
from partnering.platforms.models import Consultation, Item
from partnering.platforms.vocabulary import ForumRole, PlatformVisibility
from partnering.registry.models import Organisation, Person

TEXT = forms.Textarea(attrs={"rows": 5})


class PlatformForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=MAX_TEXT,
                                  widget=TEXT)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=PlatformVisibility.choices,
                                   initial=PlatformVisibility.PRIVATE,
                                   widget=forms.RadioSelect)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Answer deadlines and “overdue” are counted in this time zone."))
    default_answer_days = forms.IntegerField(
        label=_("Days to answer after a consultation closes"), min_value=1, max_value=365,
        initial=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = sorted(zoneinfo.available_timezones())
        self.fields["time_zone"].choices = [(zone, zone) for zone in zones]
        self.fields["time_zone"].initial = settings.TIME_ZONE


class LevelForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("e.g. Parish development committee"))
    rank = forms.IntegerField(label=_("Rank"), min_value=1, max_value=50,
                              help_text=_("1 for the level nearest the ground; each level "
                                          "above has a higher rank."))


class ForumForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=MAX_TEXT,
                                  widget=TEXT)
    level = forms.ModelChoiceField(label=_("Level"), queryset=None)
    parent = forms.ModelChoiceField(label=_("Forum above"), queryset=None, required=False,
                                    help_text=_("Where this forum forwards its items."))
    visibility = forms.ChoiceField(label=_("Visibility"), choices=PlatformVisibility.choices,
                                   initial=PlatformVisibility.PRIVATE,
                                   widget=forms.RadioSelect)
    chair = forms.ModelChoiceField(label=_("Chair or facilitator"), required=False,
                                   queryset=Person.objects.all())
    chair_is_independent = forms.BooleanField(
        label=_("The chair or facilitator is independent"), required=False)
    partnerships = forms.ModelMultipleChoiceField(
        label=_("Partnerships working under it"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, platform, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = platform.levels.all()
        self.fields["parent"].queryset = platform.forums.select_related("level")
        self.fields["partnerships"].queryset = visible_partnerships(user)


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.all())
    person = forms.ModelChoiceField(label=_("Person"), required=False,
                                    queryset=Person.objects.all(),
                                    help_text=_("A person speaks for their organisation."))
    role = forms.ChoiceField(label=_("Role"), choices=ForumRole.choices,
                             initial=ForumRole.MEMBER)

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("person"):
            raise forms.ValidationError(_("Name an organisation or a person."))
        return data


class ItemChoiceForm(forms.Form):
    """One item waiting at the forum (the forward button)."""

    item = forms.ModelChoiceField(label=_("Item"), queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = waiting


class MergeForm(forms.Form):
    items = forms.ModelMultipleChoiceField(label=_("Items to merge"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("Title of the merged item"), max_length=300)
    text = forms.CharField(label=_("Text of the merged item"), max_length=MAX_TEXT,
                           widget=TEXT)

    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = waiting
        self.fields["items"].label_from_instance = _item_label

    def clean_items(self):
        items = self.cleaned_data["items"]
        if len(items) < 2:
            raise forms.ValidationError(_("Choose at least two items to merge."))
        return list(items)


class SynthesisForm(forms.Form):
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("The forum's synthesis"), max_length=MAX_TEXT, widget=TEXT)
    items = forms.ModelMultipleChoiceField(
        label=_("Items it takes in"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Items taken in are carried on by the synthesis, with their origins."))

    def __init__(self, *args, forum, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.filter(
            platform_id=forum.platform_id)
        self.fields["items"].queryset = waiting
        self.fields["items"].label_from_instance = _item_label


class InvitationForm(forms.Form):
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None)
    label = forms.CharField(label=_("Label"), required=False, max_length=200,
                            help_text=_("For the forum's own records, e.g. “Town meeting, "
                                        "Linstead”."))

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.filter(
            platform_id=forum.platform_id, levels=forum.level_id)


def _item_label(item: Item) -> str:
    return item.title


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    purpose = forms.CharField(label=_("Title"), max_length=300)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    minutes = forms.CharField(label=_("Agenda and notes"), max_length=MAX_TEXT,
                              required=False, widget=TEXT)
    outcomes = forms.CharField(label=_("Decisions and outcomes"), max_length=MAX_TEXT,
                               required=False, widget=TEXT)
    follow_ups = forms.CharField(label=_("Follow-ups"), max_length=MAX_TEXT, required=False,
                                 widget=TEXT,
                                 help_text=_("One follow-up per line: what, who, by when."))
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("The forum's members who attended."))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Attending organisations"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people
        self.fields["organisations"].queryset = organisations


class PartnershipLinkForm(forms.Form):
    partnership = forms.ModelChoiceField(label=_("Partnership"), queryset=None)

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ForumRole.choices)
