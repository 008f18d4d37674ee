from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.agreements.models import SECTIONS
from partnering.agreements.templates import DEFAULT_TEMPLATE, TEMPLATE_CHOICES, TEMPLATES
from partnering.agreements.vocabulary import DeliverableStatus, ResourceKind
from partnering.governance.vocabulary import DecisionRule
from partnering.limits import MAX_TEXT
from partnering.reference.codelists import choices
from partnering.sources import cite

MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": 0}


class TextField(forms.CharField):
    """Free text with the browser's CRLF line ends read as LF, so an untouched section does
    not count as changed (and an untouched agreed version makes no new draft)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


def _currency_choices(blank: bool) -> list:
    options = [(code, f"{code}: {name}") for code, name in choices("Currency")]
    return [("", "—"), *options] if blank else options


class StartForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Start from"), widget=forms.RadioSelect,
        choices=[("template", _("A template")), ("latest", _("A copy of the latest version"))],
        initial="template")
    template = forms.ChoiceField(label=_("Template"), choices=TEMPLATE_CHOICES,
                                 initial=DEFAULT_TEMPLATE, required=False)
    valuation_currency = forms.ChoiceField(
        label=_("Valuation currency"), required=False, initial="USD",
        help_text=_("The currency in which every commitment's estimated value is given."))

    def __init__(self, *args, has_versions: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valuation_currency"].choices = _currency_choices(blank=False)
        self.fields["template"].help_text = " ".join(
            gettext("%(name)s: %(description)s") % {"name": t.name, "description": t.description}
            for t in TEMPLATES.values())
        if has_versions:
            self.fields["source"].initial = "latest"
        else:
            self.fields["source"].choices = [("template", _("A template"))]


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    change_note = TextField(
        label=_("What changes and why"), max_length=MAX_TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a new version: what it changes in the one it is based on, and why."))
    decision_rule = forms.ChoiceField(label=_("Decision rule"), choices=DecisionRule.choices)
    quorum_percent = forms.IntegerField(
        label=_("Quorum (%)"), min_value=1, max_value=100,
        help_text=_("Share of the members (of the weight, under the weighted rule) that must "
                    "take a position for a decision to count."))
    majority_percent = forms.IntegerField(
        label=_("Qualified majority (%)"), min_value=51, max_value=100,
        help_text=_("Only for the qualified majority rule: the share of the votes cast "
                    "needed."))
    notice_days = forms.IntegerField(
        label=_("Minimum notice (days)"), min_value=0, max_value=90,
        help_text=_("How many days at least a proposal stays open for positions, so that "
                    "representatives can consult their organisations (0: no minimum)."))
    valuation_currency = forms.ChoiceField(label=_("Valuation currency"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valuation_currency"].choices = _currency_choices(blank=False)
        for name, title, help_text in SECTIONS:
            self.fields[name] = TextField(
                label=title, max_length=MAX_TEXT, required=False, help_text=help_text,
                widget=forms.Textarea(attrs={"rows": 8}))
        order = ["title", "change_note", *[section[0] for section in SECTIONS[:4]],
                 "decision_rule", "quorum_percent", "majority_percent", "notice_days",
                 *[section[0] for section in SECTIONS[4:]], "valuation_currency"]
        self.order_fields(order)

    @classmethod
    def initial_for(cls, version) -> dict:
        names = ["title", "change_note", "decision_rule", "quorum_percent", "majority_percent",
                 "notice_days", "valuation_currency", *[section[0] for section in SECTIONS]]
        return {name: getattr(version, name) for name in names}


class TermsForm(forms.Form):
    own_goals = TextField(
        label=_("Own goals"), max_length=MAX_TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(_("What this member wants to achieve for itself, made "
                                "transparent next to the common goals ({source})."),
                              source=cite("building-msp")))
    interests = TextField(label=_("Interests"), max_length=MAX_TEXT, required=False,
                          widget=forms.Textarea(attrs={"rows": 4}))
    roles = TextField(label=_("Roles and responsibilities"), max_length=MAX_TEXT,
                      required=False, widget=forms.Textarea(attrs={"rows": 4}))
    vote_weight = forms.DecimalField(
        label=_("Vote weight"), required=False, max_digits=9, decimal_places=3, min_value=0,
        help_text=_("Only for the weighted rule. Leave empty to weigh by the share of the "
                    "estimated value committed."))

    @classmethod
    def initial_for(cls, terms) -> dict:
        return {name: getattr(terms, name) for name in cls.base_fields}


class AddTermsForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Member without terms"), coerce=int)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, str(o)) for o in organisations]


class CommitmentForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Committed by"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    description = forms.CharField(label=_("Description"), max_length=500)
    amount = forms.DecimalField(label=_("Amount"), required=False, **MONEY,
                                help_text=_("For cash: the amount, in its own currency."))
    currency = forms.ChoiceField(label=_("Currency"), required=False,
                                 help_text=_("The currency of the amount."))
    estimated_value = forms.DecimalField(
        label=_("Estimated value"), required=False, **MONEY,
        help_text=_("What the commitment is worth, in the agreement's valuation currency. "
                    "Cash in that currency is worth its amount when left empty."))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, str(o)) for o in organisations]
        self.fields["currency"].choices = _currency_choices(blank=True)

    @classmethod
    def initial_for(cls, commitment) -> dict:
        initial = {name: getattr(commitment, name) for name in cls.base_fields
                   if name != "organisation"}
        initial["organisation"] = commitment.organisation_id
        return initial


class WithdrawForm(forms.Form):
    reason = TextField(
        label=_("Why does this version go back to draft?"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The signatures given so far are cleared; everyone sees the reason."))


class SignForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Sign for"), coerce=int)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, str(o)) for o in organisations]


class DiffForm(forms.Form):
    """?from=&to=&mode= — "from" is a keyword in Python, so the fields are added by name."""

    mode = forms.ChoiceField(label=_("Compare"), initial="word", required=False,
                             choices=[("word", _("Word by word")), ("line", _("Line by line"))])

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        options = [(n, gettext("Version %(n)s") % {"n": n}) for n in numbers]
        self.fields["from"] = forms.TypedChoiceField(label=_("From version"), coerce=int,
                                                     choices=options)
        self.fields["to"] = forms.TypedChoiceField(label=_("To version"), coerce=int,
                                                   choices=options)
        self.order_fields(["from", "to", "mode"])


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Deliverable"), max_length=300,
                            help_text=_("What will be delivered, e.g. “Referral protocol "
                                        "adopted by every partner”."))
    description = TextField(label=_("Description"), max_length=MAX_TEXT, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    responsible_organisation = forms.TypedChoiceField(
        label=_("Responsible member"), required=False, coerce=int, empty_value=None)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=DeliverableStatus.choices,
                               initial=DeliverableStatus.PLANNED)
    delivered_on = forms.DateField(label=_("Delivered on"), required=False, widget=DATE,
                                   help_text=_("For a delivered deliverable; today when left "
                                               "empty."))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].choices = [("", "—")] + [
            (o.pk, str(o)) for o in organisations]

    @classmethod
    def initial_for(cls, deliverable) -> dict:
        initial = {name: getattr(deliverable, name) for name in cls.base_fields
                   if name != "responsible_organisation"}
        initial["responsible_organisation"] = deliverable.responsible_organisation_id
        return initial

    def data_for_service(self) -> dict:
        """The delivery date only goes with the delivered status (a date left in the field
        after the status changed back is dropped, not refused)."""
        data = dict(self.cleaned_data)
        if data.get("status") != DeliverableStatus.DELIVERED:
            data["delivered_on"] = None
        return data


class DeliverableStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DeliverableStatus.choices)
