"""The partnering agreement: versions that move draft → proposed → agreed, signed off by
an authorised representative of every member (see
partnering.sources)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.agreements.vocabulary import DeliverableStatus, ResourceKind, VersionStatus
from partnering.governance.vocabulary import DecisionRule
from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.reference.codelists import codes
from partnering.registry.models import Organisation, Person
from partnering.translations.languages import language_field

# The sections of a version, in the order the agreement reads (title, help). The
# Guide to Strategic Partnering's
# structure: purpose, culture and values, goals, governance, resourcing, risks, KPIs and when
# to assess; the concept note's: common and individual goals made transparent, resources, roles,
# governance and decision-making, simple participatory monitoring, a code of conduct.
SECTIONS = [
    ("purpose_vision", _("Shared purpose and vision"),
     _("Why the partners come together, in words each of them accepts.")),
    ("culture_values", _("Culture and values"),
     _("Shared values, and the differences in values and ways of working that partners "
       "accept.")),
    ("common_goals", _("Common goals"), _("What the partners will achieve together.")),
    ("governance_structure", _("Governance structure"),
     _("Who steers, how often they meet, who chairs or facilitates.")),
    ("resourcing", _("Resourcing and benefits"),
     _("Where the resources come from, the assumptions behind them, and how costs and "
       "benefits are shared fairly.")),
    ("risks", _("Risks and how they are shared"),
     _("What could go wrong (underinvestment, over-appropriation, misalignment) and who "
       "carries which risk.")),
    ("code_of_conduct", _("Code of conduct"),
     _("How partners behave towards each other: openness, respect, fairness.")),
    ("kpis", _("KPIs set upfront"), _("How progress will be measured, agreed before the work.")),
    ("review_schedule", _("Review schedule"), _("When and how the partnership reviews itself.")),
    ("grievance_exit", _("Grievance and exit"),
     _("How disputes are raised and how a partner leaves.")),
    ("data_ip", _("Data sharing and intellectual property"),
     _("Who owns what is produced, what is shared and how.")),
]
SECTION_FIELDS = [name for name, _title, _help in SECTIONS]


def validate_currency(value: str) -> None:
    if value and value not in codes("Currency"):
        raise ValidationError(gettext("“%(value)s” is not an ISO 4217 currency code (e.g. USD, "
                                      "EUR, KES)."),
                              params={"value": value}, code="unknown_currency")


class AgreementVersion(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="agreement_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    title = models.CharField(max_length=200, default="Partnering agreement")
    language = language_field()
    purpose_vision = models.TextField(blank=True, validators=[max_text])
    culture_values = models.TextField(blank=True, validators=[max_text])
    common_goals = models.TextField(blank=True, validators=[max_text])
    governance_structure = models.TextField(blank=True, validators=[max_text])
    decision_rule = models.CharField(max_length=20, choices=DecisionRule.choices,
                                     default=DecisionRule.CONSENSUS)
    quorum_percent = models.PositiveSmallIntegerField(
        default=50, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of members (or of the weight, for the weighted rule) that must take "
                    "a position for a decision to count."))
    majority_percent = models.PositiveSmallIntegerField(
        default=67, validators=[MinValueValidator(51), MaxValueValidator(100)],
        help_text=_("For a qualified majority: the share of the votes cast needed to carry."))
    notice_days = models.PositiveSmallIntegerField(
        _("minimum notice (days)"), default=7,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
        help_text=_("How many days at least a proposal stays open for positions, so that "
                    "representatives can consult their organisations (0: no minimum)."))
    resourcing = models.TextField(blank=True, validators=[max_text])
    risks = models.TextField(blank=True, validators=[max_text])
    code_of_conduct = models.TextField(blank=True, validators=[max_text])
    kpis = models.TextField(blank=True, validators=[max_text])
    review_schedule = models.TextField(blank=True, validators=[max_text])
    grievance_exit = models.TextField(blank=True, validators=[max_text])
    data_ip = models.TextField(blank=True, validators=[max_text])
    valuation_currency = models.CharField(
        max_length=3, default="USD", validators=[validate_currency],
        help_text=_("The currency in which every commitment's estimated value is given."))
    change_note = models.TextField(
        _("what changes and why"), blank=True, validators=[max_text],
        help_text=_("For a new version: what it changes in the one it is based on, and why."))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"],
                                    name="one_version_number_per_partnership"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class MemberTerms(models.Model):
    """What one member wants and does: its own goals and interests, made transparent (seed
    001), its roles and responsibilities, and its weight for the weighted rule."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE,
                                related_name="member_terms")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    own_goals = models.TextField(blank=True, validators=[max_text])
    interests = models.TextField(blank=True, validators=[max_text])
    roles = models.TextField(_("roles and responsibilities"), blank=True, validators=[max_text])
    vote_weight = models.DecimalField(
        max_digits=9, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Stake for the weighted rule; left empty, the share of resources "
                    "committed."))

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"],
                                    name="one_terms_per_member_and_version"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.version}"


class ResourceCommitment(models.Model):
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE,
                                related_name="commitments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ResourceKind.choices)
    description = models.CharField(max_length=500)
    amount = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("For cash: the amount, in its currency."))
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    estimated_value = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("What the commitment is worth, in the agreement's valuation currency."))

    class Meta:
        ordering = ["organisation__name", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}, {self.description}"

    def clean(self):
        if self.kind == ResourceKind.CASH and (self.amount is None or not self.currency):
            raise ValidationError({"amount": gettext("A cash commitment needs an amount and a "
                                                     "currency.")})


class Signature(models.Model):
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE,
                                related_name="signatures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signatures")
    # As the signatory was named when signing: the record does not change with the registry.
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"],
                                    name="one_signature_per_member_and_version",
                                    violation_error_message=_("This organisation has already "
                                                              "signed this version.")),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.organisation}"


class DeliverableQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Past their due date and neither delivered nor dropped."""
        return self.filter(due_date__lt=today or timezone.localdate(),
                           status__in=OUTSTANDING_DELIVERABLES)


OUTSTANDING_DELIVERABLES = (DeliverableStatus.PLANNED, DeliverableStatus.IN_PROGRESS)


class Deliverable(models.Model):
    """What the partnership commits to deliver, by when and who is responsible: the
    deliverables of a SMART commitment (UN registry of SDG partnerships). They belong to the
    partnership, not to one agreement version, so that indicators linked to them survive a
    new version of the agreement."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="deliverables")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, validators=[max_text])
    responsible_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                                 on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=DeliverableStatus.choices,
                              default=DeliverableStatus.PLANNED)
    delivered_on = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def days_overdue(self) -> int:
        """Days past the due date while neither delivered nor dropped; 0 otherwise."""
        if self.due_date is None or self.status not in OUTSTANDING_DELIVERABLES:
            return 0
        return max((timezone.localdate() - self.due_date).days, 0)
