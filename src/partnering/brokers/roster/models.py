"""The broker roster: a broker's profile (a Person of the registry), their accreditations
and the compact tags "find a broker" ranks by."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.brokers.vocabulary import (
    PARTNERSHIP_BROKERS_ASSOCIATION,
    AccreditationStatus,
    BrokerKind,
    FieldOfWork,
    Specialty,
)
from partnering.limits import max_text
from partnering.reference.countries import country_name, is_country
from partnering.reference.regions import REGIONS
from partnering.registry.models import Organisation, Person
from partnering.translations.languages import is_language, language_name

EXPIRING_DAYS = 90
DAYS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("31"))]


def _unknown(values, allowed) -> list[str]:
    return [str(v) for v in values or [] if v not in allowed]


class BrokerProfile(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE,
                                  related_name="broker_profile")
    kind = models.CharField(max_length=10, choices=BrokerKind.choices,
                            default=BrokerKind.EXTERNAL)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="broker_profiles",
        help_text=_("The member organisation an internal broker works for; an external "
                    "broker's own practice, if any."))
    bio = models.TextField(_("about"), blank=True, validators=[max_text])
    languages = models.JSONField(default=list, blank=True,
                                 help_text=_("ISO 639-1 codes, e.g. en, fr, bs."))
    regions = models.JSONField(default=list, blank=True)
    countries = models.JSONField(default=list, blank=True,
                                 help_text=_("ISO 3166-1 codes, e.g. BA, MW."))
    sectors = models.JSONField(default=list, blank=True)
    specialties = models.JSONField(default=list, blank=True)
    days_per_month = models.DecimalField(_("availability (days a month)"), max_digits=4,
                                         decimal_places=1, default=0, validators=DAYS)
    # Kept by the assignment services: the days a month of the current assignments.
    committed_days = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    # Kept by the accreditation services: the last day of the latest accreditation.
    accredited_until = models.DateField(null=True, blank=True)
    listed = models.BooleanField(_("listed on the public roster"), default=False)
    mentor = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="mentees")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__name", "id"]
        indexes = [models.Index(fields=["kind", "listed", "accredited_until"],
                                name="broker_public_roster")]

    def __str__(self) -> str:
        return self.person.name

    def clean(self):
        checks = {"languages": [str(c) for c in self.languages or []
                                if not is_language(str(c))],
                  "countries": [str(c) for c in self.countries or [] if not is_country(c)],
                  "regions": _unknown(self.regions, REGIONS),
                  "sectors": _unknown(self.sectors, FieldOfWork.values),
                  "specialties": _unknown(self.specialties, Specialty.values)}
        errors = {field: gettext("Unknown code: %(codes)s") % {"codes": ", ".join(bad)}
                  for field, bad in checks.items() if bad}
        if self.mentor_id and self.mentor_id == self.person_id:
            errors["mentor"] = gettext("A broker cannot mentor themselves.")
        if errors:
            raise ValidationError(errors)

    @property
    def language_names(self) -> str:
        return ", ".join(language_name(code) for code in self.languages)

    @property
    def places(self) -> str:
        """Where the broker works, in the reader's language: countries, then regions."""
        return ", ".join([country_name(c) for c in self.countries]
                         + [gettext(r) for r in self.regions])

    @property
    def sector_labels(self) -> str:
        return ", ".join(str(FieldOfWork(s).label) for s in self.sectors
                         if s in FieldOfWork.values)

    @property
    def specialty_labels(self) -> str:
        return ", ".join(str(Specialty(s).label) for s in self.specialties
                         if s in Specialty.values)

    @property
    def free_days(self) -> Decimal:
        return max(Decimal("0"), self.days_per_month - self.committed_days)

    @property
    def is_accredited(self) -> bool:
        return bool(self.accredited_until and self.accredited_until >= timezone.localdate())


class BrokerTag(models.Model):
    """One thing a broker offers ("l:bs", "c:BA", "r:Southern Europe", "s:child_protection",
    "p:conflict_resolution") with its weight in the ranking: rebuilt by the roster services
    from the profile, read by `find.rank` with one indexed GROUP BY."""

    profile = models.ForeignKey(BrokerProfile, on_delete=models.CASCADE, related_name="tags")
    key = models.CharField(max_length=80)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "key"],
                                               name="one_broker_tag")]
        indexes = [models.Index(fields=["key", "profile", "weight"], name="broker_tag_key")]

    def __str__(self) -> str:
        return self.key


class Accreditation(models.Model):
    profile = models.ForeignKey(BrokerProfile, on_delete=models.CASCADE,
                                related_name="accreditations")
    body = models.CharField(_("accrediting body"), max_length=200,
                            default=PARTNERSHIP_BROKERS_ASSOCIATION)
    level = models.CharField(max_length=200)
    awarded = models.DateField()
    expires = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded", "-id"]

    def __str__(self) -> str:
        return f"{self.body}: {self.level}"

    def clean(self):
        if self.awarded and self.expires and self.expires < self.awarded:
            raise ValidationError({"expires": gettext("It expires before it was awarded.")})

    def status_on(self, day: date) -> str:
        if self.expires and self.expires < day:
            return AccreditationStatus.EXPIRED
        if self.expires and self.expires <= day + timedelta(days=EXPIRING_DAYS):
            return AccreditationStatus.EXPIRING
        return AccreditationStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return str(AccreditationStatus(self.status).label)


class RosterRevision(models.Model):
    """One row counting the roster's changes: every roster and assignment service bumps it
    (roster.index.bump), and each process rebuilds its ranking index when it moved."""

    number = models.PositiveBigIntegerField(default=0)
    # Random at each change: a revision number seen again after a rollback or a restored
    # backup names another roster.
    stamp = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return str(self.number)
