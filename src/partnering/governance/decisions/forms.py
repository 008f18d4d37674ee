"""Forms for proposals, positions, comments, closing, and actions."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnering.governance.decisions.checks import MAX_OPTIONS
from partnering.governance.decisions.services import default_review_date
from partnering.governance.vocabulary import ActionStatus, DecisionRule, ProposalKind, Stance
from partnering.limits import MAX_TEXT
from partnering.registry.models import Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProposalForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(label=_("What is proposed"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("The proposal in full, with the reasons for it."))
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=ProposalKind.choices,
                             initial=ProposalKind.MOTION, widget=forms.RadioSelect)
    options = forms.CharField(
        label=_("Options"), required=False, max_length=MAX_OPTIONS * 201,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice among options: one option per line, at least two."))
    proposed_by_organisation = forms.ModelChoiceField(
        label=_("Proposed by"), queryset=Organisation.objects.none(),
        help_text=_("The member organisation making the proposal."))
    closes_at = forms.DateTimeField(
        label=_("Positions close at (UTC)"), widget=DATETIME,
        help_text=_("Leave members enough time to consult their organisations."))
    meeting = forms.ModelChoiceField(label=_("Arising from the meeting"), required=False,
                                     queryset=Organisation.objects.none())

    def __init__(self, *args, partnership, organisations, notice_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_by_organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["proposed_by_organisation"].initial = organisations.first().pk
        self.fields["meeting"].queryset = partnership.meetings.all()
        # The earliest closing the rule allows, on the next full hour.
        earliest = timezone.now() + dt.timedelta(days=notice_days, hours=1)
        self.fields["closes_at"].initial = earliest.replace(minute=0, second=0, microsecond=0)
        self.fields["closes_at"].help_text = _(
            "At least %(days)s days from now: the decision rule's minimum notice, so members "
            "can consult their organisations.") % {"days": notice_days}

    def clean_options(self) -> list[str]:
        """One option per line (the service drops blank and repeated lines)."""
        return (self.cleaned_data.get("options") or "").splitlines()


class PositionForm(forms.Form):
    """One member's position. For options proposals the choices are the options (as
    opt-<index>), abstain and, under consent, block."""

    organisation = forms.TypedChoiceField(label=_("For"), coerce=int)
    choice = forms.ChoiceField(label=_("Position"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why your organisation takes this position; recorded with it."))

    def __init__(self, *args, proposal, organisations: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["organisation"].choices = organisations
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0][0]
        consent = proposal.rule == DecisionRule.CONSENT
        if proposal.kind == ProposalKind.OPTIONS:
            choices = [(f"opt-{i}", option) for i, option in enumerate(proposal.options)]
            choices.append((Stance.ABSTAIN, _("Abstain")))
        else:
            choices = [(Stance.AGREE, _("Agree")), (Stance.ABSTAIN, _("Abstain (stand aside)")),
                       (Stance.DISAGREE, _("Disagree"))]
        if consent:
            choices.append((Stance.BLOCK, _("Block: a reasoned objection")))
            self.fields["reason"].help_text = _("Why your organisation takes this position. "
                                                "Required for a block: the harm the proposal "
                                                "would do.")
        self.fields["choice"].choices = choices

    def service_data(self) -> dict:
        choice = self.cleaned_data["choice"]
        stance, option = choice, ""
        if choice.startswith("opt-"):
            stance, option = "", self.proposal.options[int(choice[4:])]
        return {"stance": stance, "option": option, "reason": self.cleaned_data["reason"]}

    @staticmethod
    def initial_for(position) -> dict:
        if position is None:
            return {}
        choice = position["stance"]
        if position["option"]:
            choice = f"opt-{position['option_index']}"
        return {"choice": choice, "reason": position["reason"]}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    review_date = forms.DateField(
        label=_("Review date"), required=False, widget=DATE,
        help_text=_("When the partners look at this decision again; six months ahead if "
                    "left empty."))
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Added to the reasoning, e.g. what the discussion was."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_date"].widget.attrs["placeholder"] = \
            default_review_date().isoformat()


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why is it withdrawn?"), max_length=500)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_withdraw_%s")
        super().__init__(*args, **kwargs)


class ActionForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("action to take", "What"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, max_length=MAX_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    owner_organisation = forms.ModelChoiceField(
        label=_("Owed by (organisation)"), queryset=Organisation.objects.none())
    owner_person = forms.ModelChoiceField(
        label=_("Owed by (person)"), required=False, queryset=Person.objects.none(),
        help_text=_("Someone of the owner organisation."))
    due_date = forms.DateField(label=_("Due"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices,
                               initial=ActionStatus.OPEN)
    decision = forms.ModelChoiceField(label=_("Follows the decision"), required=False,
                                      queryset=Organisation.objects.none())
    meeting = forms.ModelChoiceField(label=_("Agreed at the meeting"), required=False,
                                     queryset=Organisation.objects.none())

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        members = partnership.memberships.values("organisation_id")
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            pk__in=members)
        self.fields["owner_person"].queryset = Person.objects.filter(
            organisation_id__in=members).select_related("organisation")
        self.fields["owner_person"].label_from_instance = (
            lambda person: f"{person.name} ({person.organisation.acronym or person.organisation})")
        self.fields["decision"].queryset = partnership.decisions.select_related("proposal")
        self.fields["decision"].label_from_instance = (
            lambda decision: f"{decision.proposal.title} ({decision.get_outcome_display()})")
        self.fields["meeting"].queryset = partnership.meetings.all()

    @classmethod
    def initial_for(cls, action) -> dict:
        return {"title": action.title, "description": action.description,
                "owner_organisation": action.owner_organisation_id,
                "owner_person": action.owner_person_id, "due_date": action.due_date,
                "status": action.status, "decision": action.decision_id,
                "meeting": action.meeting_id}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
