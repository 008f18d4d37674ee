from django import forms
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from partnering.fields import CodesField
from partnering.limits import MAX_TEXT
from partnering.partnerships import lifecycle
from partnering.partnerships.models import MAX_SPEAKING_TURNS
from partnering.partnerships.vocabulary import (
    BrokerKind,
    Duration,
    Formality,
    Funding,
    IatiRole,
    ItemStatus,
    Level,
    MemberRole,
    StakeholderMix,
    Visibility,
)
from partnering.reference.models import SdgGoal
from partnering.registry.models import Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"})
SPEAKING_PREFIX = "speaking_"
SPEAKING_HELP = _("Optional: the items each attending organisation spoke to, counted from the "
                  "minutes. 0 records silence; leave all empty if not counted.")


class PartnershipForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    problem_statement = forms.CharField(
        label=_("Problem statement"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Centre the problem: describe it in words every partner can agree with, "
                    "not one organisation's solution."))
    scope = forms.CharField(label=_("Scope"), max_length=MAX_TEXT, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    countries = CodesField(label=_("Countries"),
                           help_text=_("ISO country codes separated by commas, e.g. JM, KE."))
    geography = forms.CharField(label=_("Places or regions"), max_length=300, required=False)
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDG goals"), queryset=SdgGoal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, to_field_name="number")
    sdg_targets = CodesField(label=_("SDG targets"),
                             help_text=_("Target codes separated by commas, e.g. 4.1, 17.17."))
    formality = forms.ChoiceField(label=_("Formality"), choices=Formality.choices)
    funding = forms.ChoiceField(label=_("Funding"), choices=Funding.choices)
    duration = forms.ChoiceField(label=_("Duration"), choices=Duration.choices)
    stakeholder_mix = forms.ChoiceField(label=_("Stakeholders"), choices=StakeholderMix.choices)
    level = forms.ChoiceField(
        label=_("Level"), choices=Level.choices,
        help_text=_("Communication → coordination → cooperation → collaboration: increasing "
                    "interaction, sharing of resources and interconnectedness."))
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)

    @classmethod
    def initial_for(cls, partnership) -> dict:
        initial = {name: getattr(partnership, name) for name in cls.base_fields
                   if name not in ("sdg_goals", "sdg_targets")}
        initial["sdg_goals"] = [goal.number for goal in partnership.sdg_goals.all()]
        initial["sdg_targets"] = [target.code for target in partnership.sdg_targets.all()]
        return initial

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        goals = [str(goal.number) for goal in data.pop("sdg_goals")]
        data["sdg_codes"] = goals + data.pop("sdg_targets")
        return data


class NewPartnershipForm(PartnershipForm):
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(),
        help_text=_("The organisation convening the partnership. You become its "
                    "representative."))
    path = forms.ChoiceField(
        label=_("Lifecycle path"), choices=lifecycle.PATH_CHOICES,
        help_text=_("The generic four-phase cycle, or the six steps of Innovation in "
                    "Partnerships."))
    field_order = ["title", "lead_organisation", "problem_statement", "path"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_superuser:
            queryset = Organisation.objects.all()
        else:
            person = getattr(user, "person", None)
            queryset = Organisation.objects.filter(
                pk=person.organisation_id if person else None)
        self.fields["lead_organisation"].queryset = queryset
        if queryset.count() == 1:
            self.fields["lead_organisation"].initial = queryset.first().pk


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices,
                             initial=MemberRole.CORE)
    iati_role = forms.ChoiceField(label=_("IATI role"), required=False,
                                  choices=[("", "—"), *IatiRole.choices])

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            memberships__partnership=partnership)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    iati_role = forms.ChoiceField(label=_("IATI role"), required=False,
                                  choices=[("", "—"), *IatiRole.choices])


class RepresentativeForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    has_mandate = forms.BooleanField(label=_("Has a mandate to decide"), required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organisation_id=membership.organisation_id).exclude(
            representations__membership=membership)


class BrokerForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"),
                                    queryset=Person.objects.select_related("organisation"))
    kind = forms.ChoiceField(label=_("Kind"), choices=BrokerKind.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ChecklistItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    note = forms.CharField(label=_("Note or reason"), max_length=500, required=False)


class NewChecklistItemForm(forms.Form):
    phase = forms.CharField(widget=forms.HiddenInput, max_length=20)
    text = forms.CharField(label=_("New item"), max_length=300)


class TransitionForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(label=_("Why now?"), max_length=MAX_TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}))
    confirm_open_items = forms.BooleanField(
        label=_("Move even though items of the current phase are still open"), required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        path = partnership.lifecycle_path
        self.fields["to_phase"].choices = [
            (phase.code, lifecycle.phase_label(phase)) for phase in path.phases
            if phase.code != partnership.phase
        ]
        following = path.next_phase(partnership.phase)
        if following:
            self.fields["to_phase"].initial = following.code


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=pgettext_lazy("partnership closure", "Outcome"), choices=[
        ("closed", _("Close the partnership")),
        ("moved_on", _("It has moved on (new container, handed over, institutionalised)"))])
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        # Shown next to TransitionForm, which has a "reason" too: keep the ids (and labels) apart.
        kwargs.setdefault("auto_id", "id_close_%s")
        super().__init__(*args, **kwargs)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Attending organisations"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=Person.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    minutes = forms.CharField(label=_("Minutes"), max_length=MAX_TEXT, required=False,
                              widget=forms.Textarea(attrs={"rows": 8}))
    follow_ups = forms.CharField(label=_("Follow-ups"), max_length=MAX_TEXT, required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("One per line: what, who, by when."))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        member_orgs = partnership.memberships.values("organisation_id")
        self.fields["organisations"].queryset = Organisation.objects.filter(
            pk__in=member_orgs)
        self.fields["attendees"].queryset = Person.objects.filter(
            Q(organisation_id__in=member_orgs) | Q(broker_assignments__partnership=partnership)
        ).distinct()
        # One optional count per member: the power balance reads who is heard, not only
        # who is in the room.
        self.speaking_fields = {}
        members = Organisation.objects.filter(pk__in=member_orgs).order_by("name")
        for position, (pk, name) in enumerate(members.values_list("pk", "name")):
            field_name = f"{SPEAKING_PREFIX}{pk}"
            self.fields[field_name] = forms.IntegerField(
                label=gettext("Speaking turns: %(organisation)s") % {"organisation": name},
                required=False, min_value=0, max_value=MAX_SPEAKING_TURNS,
                help_text=SPEAKING_HELP if position == 0 else "")
            self.speaking_fields[field_name] = pk

    def clean(self):
        cleaned = super().clean()
        attending = {org.pk for org in cleaned.get("organisations") or []}
        turns = {}
        for field_name, pk in self.speaking_fields.items():
            count = cleaned.pop(field_name, None)
            if count is None:
                continue
            if pk not in attending and "organisations" in cleaned:
                self.add_error(field_name, gettext(
                    "Tick this organisation as attending, or leave its speaking turns empty."))
            turns[str(pk)] = count
        cleaned["speaking_turns"] = turns
        return cleaned

    @classmethod
    def initial_for(cls, meeting) -> dict:
        initial = {name: getattr(meeting, name) for name in cls.base_fields
                   if name not in ("organisations", "attendees")}
        initial["organisations"] = list(meeting.organisations.all())
        initial["attendees"] = list(meeting.attendees.all())
        initial.update({f"{SPEAKING_PREFIX}{pk}": count
                        for pk, count in (meeting.speaking_turns or {}).items()})
        return initial
