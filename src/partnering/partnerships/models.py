"""Partnerships, their members, brokers, lifecycle and meetings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.formats import local_date
from partnering.limits import max_text
from partnering.partnerships import lifecycle
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
    Status,
    Visibility,
)
from partnering.reference.countries import country_name, is_country
from partnering.reference.models import SdgGoal, SdgTarget
from partnering.registry.models import Organisation, Person
from partnering.sources import cite
from partnering.translations.languages import language_field


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one place that decides which partnerships a user may see."""
        if not user.is_authenticated:
            return self.filter(visibility=Visibility.PUBLIC)
        if user.is_superuser:
            return self
        return self.filter(Q(visibility=Visibility.PUBLIC) | involving(user))

    def involving(self, user):
        """Partnerships the user takes part in: 'my partnerships'."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(involving(user))


def involving(user) -> Q:
    """Partnerships where the user represents a member, brokers, or is an admin of
    a member organisation (its partnerships office)."""
    represented = Representative.objects.filter(person__user=user).values(
        "membership__partnership_id")
    brokered = BrokerAssignment.objects.filter(person__user=user).values("partnership_id")
    admin_of = Membership.objects.filter(
        organisation__people__user=user, organisation__people__is_organisation_admin=True,
    ).values("partnership_id")
    return Q(pk__in=represented) | Q(pk__in=brokered) | Q(pk__in=admin_of)


class Partnership(models.Model):
    title = models.CharField(max_length=200)
    language = language_field()
    problem_statement = models.TextField(
        validators=[max_text],
        help_text=format_lazy(_("The shared problem, in words every partner agrees with. It "
                                "stays at the centre ({source})."),
                              source=cite("eight-actions", "action 2")))
    scope = models.TextField(validators=[max_text], blank=True)
    countries = models.JSONField(default=list, blank=True)
    geography = models.CharField(_("geography (places, regions)"), max_length=300, blank=True)
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="partnerships")
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="partnerships")
    formality = models.CharField(max_length=10, choices=Formality.choices,
                                 default=Formality.INFORMAL)
    funding = models.CharField(max_length=10, choices=Funding.choices, default=Funding.UNFUNDED)
    duration = models.CharField(max_length=10, choices=Duration.choices, default=Duration.LONG)
    stakeholder_mix = models.CharField(max_length=10, choices=StakeholderMix.choices,
                                       default=StakeholderMix.MULTI)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.COMMUNICATION)
    visibility = models.CharField(max_length=10, choices=Visibility.choices,
                                  default=Visibility.PRIVATE)
    path = models.CharField(max_length=20, choices=lifecycle.PATH_CHOICES,
                            default=lifecycle.GENERIC.code)
    phase = models.CharField(max_length=20, choices=lifecycle.PHASE_CHOICES,
                             default=lifecycle.GENERIC.phases[0].code)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(validators=[max_text], blank=True)
    status_changed = models.DateTimeField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["visibility", "status"]),
                   models.Index(fields=["title", "id"], name="partnership_directory_order"),
                   models.Index(fields=["phase"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        bad = [c for c in self.countries or [] if not is_country(c)]
        if bad:
            errors["countries"] = gettext("Unknown country code: %(codes)s") % {
                "codes": ", ".join(map(str, bad))}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = gettext("The end date is before the start date.")
        try:
            phase_path = lifecycle.path_of_phase(self.phase)
        except KeyError:
            errors["phase"] = gettext("Unknown phase.")
        else:
            if phase_path.code != self.path:
                errors["phase"] = gettext("That phase belongs to another path.")
        if errors:
            raise ValidationError(errors)

    @property
    def lifecycle_path(self) -> lifecycle.Path:
        return lifecycle.PATHS[self.path]

    @property
    def current_phase(self) -> lifecycle.Phase:
        return self.lifecycle_path.phase(self.phase)

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE

    @property
    def country_names(self) -> list[str]:
        return [country_name(code) for code in self.countries]


class Membership(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="memberships")
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.CORE)
    iati_role = models.CharField(_("IATI role"), max_length=1, choices=IatiRole.choices,
                                 blank=True)
    joined = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"],
                                    name="one_membership_per_organisation",
                                    violation_error_message=_("This organisation is already a "
                                                              "member of the partnership.")),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"


class Representative(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE,
                                   related_name="representatives")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="representations")
    has_mandate = models.BooleanField(
        _("has a mandate to decide"), default=False,
        help_text=format_lazy(_("{source}: give those at the table permission to decide."),
                              source=cite("eight-actions", "action 6")))

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "person"],
                                    name="one_representation_per_person",
                                    violation_error_message=_("This person already represents "
                                                              "the organisation here.")),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.membership.organisation}"


class BrokerAssignment(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="brokers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT,
                               related_name="broker_assignments")
    kind = models.CharField(max_length=10, choices=BrokerKind.choices,
                            default=BrokerKind.EXTERNAL)
    note = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "person"], name="one_broker_role",
                                    violation_error_message=_("This person already brokers "
                                                              "the partnership.")),
        ]

    def __str__(self) -> str:
        return f"{self.person} brokers {self.partnership}"


class ChecklistItem(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="checklist")
    phase = models.CharField(max_length=20, choices=lifecycle.PHASE_CHOICES)
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    is_custom = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=ItemStatus.choices,
                              default=ItemStatus.OPEN)
    note = models.CharField(_("note or reason"), max_length=500, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["phase", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def label(self) -> str:
        """The item in the reader's language (the path's own items are stored in English)."""
        return self.text if self.is_custom else lifecycle.checklist_text(self.text)

    def clean(self):
        if self.status == ItemStatus.NOT_APPLICABLE and not self.note.strip():
            raise ValidationError({"note": gettext("Say why this item does not apply.")})


class PhaseTransition(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="transitions")
    from_phase = models.CharField(max_length=20, blank=True)
    to_phase = models.CharField(max_length=20, blank=True)
    from_status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    to_status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField(validators=[max_text])
    open_items = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase}"

    @property
    def from_phase_name(self) -> str:
        return _phase_name(self.from_phase)

    @property
    def to_phase_name(self) -> str:
        return _phase_name(self.to_phase)

    @property
    def open_item_labels(self) -> list[str]:
        """The items left open, in the reader's language where they are the path's own."""
        return [lifecycle.checklist_text(text) for text in self.open_items]


def _phase_name(code: str) -> str:
    try:
        phase = lifecycle.path_of_phase(code).phase(code)
    except KeyError:
        return code
    return lifecycle.phase_label(phase)


MAX_SPEAKING_TURNS = 10_000


def validate_speaking_turns(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError(
            gettext("Give speaking turns as {organisation id: number of turns}."))
    for key, count in value.items():
        if not str(key).isdigit():
            raise ValidationError(gettext("“%(key)s” is not an organisation id."),
                                  params={"key": key})
        if isinstance(count, bool) or not isinstance(count, int) \
                or not 0 <= count <= MAX_SPEAKING_TURNS:
            raise ValidationError(
                gettext("Speaking turns are whole numbers from 0 to %(max)s."),
                params={"max": MAX_SPEAKING_TURNS})


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="meetings")
    date = models.DateField()
    purpose = models.CharField(max_length=300)
    location = models.CharField(max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True,
                                           related_name="meetings_attended",
                                           verbose_name=_("attending organisations"))
    attendees = models.ManyToManyField(Person, blank=True, related_name="meetings_attended")
    minutes = models.TextField(validators=[max_text], blank=True)
    follow_ups = models.TextField(_("follow-ups"), validators=[max_text], blank=True,
                                  help_text=_("One follow-up per line: what, who, by when."))
    # Who spoke, counted from the minutes: {organisation id: items it spoke to}. Empty when
    # not recorded; a 0 is recorded silence. Read by the power balance (governance/power/).
    speaking_turns = models.JSONField(
        _("speaking turns"), default=dict, blank=True, validators=[validate_speaking_turns],
        help_text=_("Organisation id → number of items it spoke to, counted from the minutes."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{local_date(self.date)}: {self.purpose}"

    @property
    def follow_up_list(self) -> list[str]:
        return [line.strip() for line in self.follow_ups.splitlines() if line.strip()]
