"""Stakeholder maps, what a partnership needs, and the indexed profiles that discovery ranks."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.reference.countries import is_country
from partnering.registry.models import Organisation, Person
from partnering.registry.validators import validate_tags
from partnering.registry.vocabulary import Sector


class StakeholderStance(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    OPPOSED = "opposed", _("Opposed")
    UNKNOWN = "unknown", _("Unknown")


class Engagement(models.TextChoices):
    """The partnering continuum (A Guide to Strategic Partnering): how closely the
    stakeholder works with us now."""

    NONE = "none", _("Not engaged yet")
    COMMUNICATION = "communication", _("Communication")
    COORDINATION = "coordination", _("Coordination")
    COOPERATION = "cooperation", _("Cooperation")
    COLLABORATION = "collaboration", _("Collaboration")


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Stakeholder(models.Model):
    """An organisation or a person who affects or is affected by the problem, member or not."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="stakeholders")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     help_text=_("From the registry, if it is there."))
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+",
                               help_text=_("From the registry, if there."))
    name = models.CharField(max_length=200, blank=True,
                            help_text=_("Who, when not in the registry (e.g. 'Roma community "
                                        "leaders in Tuzla')."))
    influence = models.PositiveSmallIntegerField(default=3, validators=SCALE,
                                                 help_text=_("1 (none) to 5 (decisive)"))
    interest = models.PositiveSmallIntegerField(default=3, validators=SCALE,
                                                help_text=_("1 (none) to 5 (very high)"))
    impact = models.PositiveSmallIntegerField(
        default=3, validators=SCALE,
        help_text=_("How much the problem and its solution affect them: 1 (barely) to 5 "
                    "(deeply)"))
    stance = models.CharField(max_length=10, choices=StakeholderStance.choices,
                              default=StakeholderStance.UNKNOWN)
    engagement = models.CharField(_("current engagement level"), max_length=15,
                                  choices=Engagement.choices, default=Engagement.NONE)
    notes = models.TextField(validators=[max_text], blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-influence", "-interest", "name", "id"]
        verbose_name = _("stakeholder")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.person_id:
            return str(self.person)
        if self.organisation_id:
            return str(self.organisation)
        return "—"

    @property
    def kind(self) -> str:
        return "person" if self.person_id else "organisation"

    @property
    def strategy(self) -> str:
        return strategy(self.influence, self.interest)

    @property
    def strategy_label(self) -> str:
        return str(quadrant(self.influence, self.interest).label)

    def clean(self):
        if not (self.name.strip() or self.organisation_id or self.person_id):
            raise ValidationError({"name": _("Name the stakeholder, or pick an organisation or "
                                             "a person from the registry.")})


@dataclass(frozen=True)
class Quadrant:
    """One strategy of the power/interest grid and the cells it holds (inclusive ranges)."""

    strategy: str  # its name in English, a code for the API, styles and tests
    influence: tuple[int, int]
    interest: tuple[int, int]
    label: str = ""  # its name in the reader's language


    def holds(self, influence: int, interest: int) -> bool:
        return (self.influence[0] <= influence <= self.influence[1]
                and self.interest[0] <= interest <= self.interest[1])


# The classic power/interest grid (Mendelow): 4–5 is high, 1–3 is low. The table's strategy
# and the grid's quadrants (discovery/chart.py) both come from here.
QUADRANTS = (
    Quadrant("Keep satisfied", influence=(4, 5), interest=(1, 3), label=_("Keep satisfied")),
    Quadrant("Manage closely", influence=(4, 5), interest=(4, 5), label=_("Manage closely")),
    Quadrant("Monitor", influence=(1, 3), interest=(1, 3), label=_("Monitor")),
    Quadrant("Keep informed", influence=(1, 3), interest=(4, 5), label=_("Keep informed")),
)


def quadrant(influence: int, interest: int) -> Quadrant:
    """The quadrant a stakeholder of this influence and interest (1–5 each) falls in."""
    for candidate in QUADRANTS:
        if candidate.holds(influence, interest):
            return candidate
    raise ValueError(f"influence {influence} and interest {interest} are not on the 1–5 scale")


def strategy(influence: int, interest: int) -> str:
    return quadrant(influence, interest).strategy


def validate_sectors(value) -> None:
    bad = [v for v in value or [] if v not in Sector.values]
    if bad:
        raise ValidationError(_("Unknown sector: %(bad)s"),
                              params={"bad": ", ".join(map(str, bad))})


def validate_countries(value) -> None:
    bad = [v for v in value or [] if not isinstance(v, str) or not is_country(v)]
    if bad:
        raise ValidationError(_("Unknown country code: %(bad)s"),
                              params={"bad": ", ".join(map(str, bad))})


def validate_goals(value) -> None:
    bad = [v for v in value or [] if isinstance(v, bool) or not isinstance(v, int)
           or not 1 <= v <= 17]
    if bad:
        raise ValidationError(_("SDGs are numbers from 1 to 17."))


class PartnershipNeeds(models.Model):
    """What the problem needs, whoever brings it (8 Actions: one sector cannot solve it alone)."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="needs")
    sectors = models.JSONField(default=list, blank=True, validators=[validate_sectors])
    competencies = models.JSONField(default=list, blank=True, validators=[validate_tags])
    resources = models.JSONField(default=list, blank=True, validators=[validate_tags])
    countries = models.JSONField(_("geographies"), default=list, blank=True,
                                 validators=[validate_countries])
    sdg_goals = models.JSONField(_("SDGs"), default=list, blank=True,
                                 validators=[validate_goals])
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnership needs")
        verbose_name_plural = _("partnership needs")

    def __str__(self) -> str:
        return f"Needs of {self.partnership}"


class OrganisationProfile(models.Model):
    """An organisation's profile as discovery sees it: term counts (BM25) of its mission,
    competencies, resources and the partnerships it has been in, and with the [embeddings]
    extra its sentence vector. Kept up to date in the background on save (signals.py)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="discovery_profile")
    terms = models.JSONField(default=dict)
    length = models.PositiveIntegerField(default=0)
    # all-MiniLM-L6-v2 unit vector (384 little-endian float32), when the extra is installed.
    vector = models.BinaryField(null=True, blank=True)
    # ProfileIndexState.revision when last written: servers load only newer profiles.
    revision = models.PositiveBigIntegerField(default=0, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.organisation_id}"


class PartnershipVector(models.Model):
    """The sentence vector of a partnership's title, problem statement and scope, shared by
    the profiles of all its members: each partnership is embedded once, not once a member."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="discovery_vector")
    vector = models.BinaryField()
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Vector of partnership {self.partnership_id}"


class ProfileIndexState(models.Model):
    """One row: a counter raised by every write of profiles (and by every deletion), in the
    same transaction. Each server process keeps its index in memory and compares this row
    on every recommendation: one primary-key read, whatever the size of the registry."""

    revision = models.PositiveBigIntegerField(default=0)
    removed = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Profile index at revision {self.revision}"


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ResponseStatus(models.TextChoices):
    INVITED = "invited", _("Invited to respond")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted: now a member")
    DECLINED = "declined", _("Declined")


class Call(models.Model):
    """A call for expressions of interest (Innovation in Partnerships: identify and
    solicit participants)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(max_length=200)
    needs = models.TextField(_("what the partnership is looking for"), validators=[max_text],
                             help_text=_("Which organisations, competencies or resources, and "
                                         "what joining means."))
    deadline = models.DateField(help_text=_("Last day to respond."))
    status = models.CharField(max_length=10, choices=CallStatus.choices,
                              default=CallStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("call")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN and self.deadline >= timezone.localdate()


class CallResponse(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    statement = models.TextField(validators=[max_text], blank=True,
                                 help_text=_("Why your organisation, and what it would bring."))
    status = models.CharField(max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "organisation__name", "id"]
        verbose_name = _("call response")
        constraints = [
            models.UniqueConstraint(fields=["call", "organisation"],
                                    name="one_response_per_organisation",
                                    violation_error_message=_(
                                        "This organisation has already responded to or been "
                                        "invited to this call.")),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.call}"
