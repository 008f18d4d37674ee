"""The stakeholder registry: organisations and the people who partner for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.reference.codelists import codes
from partnering.reference.countries import country_name, is_country
from partnering.reference.models import SdgGoal
from partnering.registry.validators import (
    validate_iati_org_type,
    validate_org_identifier,
    validate_tags,
)
from partnering.registry.vocabulary import (
    Motivation,
    PartneringInterest,
    PartneringRole,
    Sector,
)


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        # The registry is public: who works on what is what a directory is for.
        return self

    def search(self, text: str = "", sector: str = "", iati_type: str = "",
               country: str = "", sdg: int | None = None):
        qs = self
        for word in text.split()[:8]:
            qs = qs.filter(Q(name__icontains=word) | Q(acronym__icontains=word)
                           | Q(mission__icontains=word) | Q(identifier__iexact=word))
        if sector:
            qs = qs.filter(sector=sector)
        if iati_type:
            qs = qs.filter(iati_type=iati_type)
        if country:
            qs = qs.filter(country=country)
        if sdg:
            qs = qs.filter(sdg_goals__number=sdg)
        return qs


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    identifier = models.CharField(
        max_length=100, blank=True, validators=[validate_org_identifier],
        help_text=_("org-id / IATI identifier, e.g. GB-CHC-202918 or XM-DAC-928"),
    )
    iati_type = models.CharField(_("IATI organisation type"), max_length=4, blank=True,
                                 validators=[validate_iati_org_type])
    sector = models.CharField(max_length=20, choices=Sector.choices)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    website = models.URLField(blank=True, max_length=300)
    mission = models.TextField(validators=[max_text], blank=True)
    motivations = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    interests_note = models.TextField(_("what it wants from partnering"), validators=[max_text],
                                      blank=True)
    competencies = models.JSONField(default=list, blank=True, validators=[validate_tags])
    resources = models.JSONField(default=list, blank=True, validators=[validate_tags])
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="organisations")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("identifier"), condition=~Q(identifier=""),
                                    name="unique_organisation_identifier_ci",
                                    violation_error_message=_("Another organisation in the "
                                                              "registry already has this "
                                                              "identifier.")),
        ]
        indexes = [models.Index(fields=["sector"]), models.Index(fields=["country"]),
                   models.Index(fields=["name", "id"], name="organisation_directory_order"),
                   models.Index(Lower("name"), name="organisation_name_ci")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self):
        errors = {}
        if self.country and not is_country(self.country):
            errors["country"] = _("Use an ISO 3166 country code, e.g. KE or JM.")
        for field, vocabulary in (("motivations", Motivation), ("interests", PartneringInterest)):
            unknown = [v for v in getattr(self, field) or [] if v not in vocabulary.values]
            if unknown:
                errors[field] = gettext("Unknown choice: %(values)s") % {
                    "values": ", ".join(map(str, unknown))}
        if errors:
            raise ValidationError(errors)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def motivation_labels(self) -> list[str]:
        return [str(Motivation(v).label) for v in self.motivations if v in Motivation.values]

    @property
    def interest_labels(self) -> list[str]:
        return [str(PartneringInterest(v).label) for v in self.interests
                if v in PartneringInterest.values]

    @property
    def iati_type_name(self) -> str:
        item = codes("OrganisationType").get(self.iati_type)
        return item.label if item else ""


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        # People's names and e-mail addresses are for signed-in users only.
        if not user.is_authenticated:
            return self.none()
        return self


class Person(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="people")
    job_title = models.CharField(max_length=200, blank=True)
    partnering_role = models.CharField(max_length=30, choices=PartneringRole.choices,
                                       default=PartneringRole.REPRESENTATIVE)
    skills = models.JSONField(_("partnering skills"), default=list, blank=True,
                              validators=[validate_tags])
    is_organisation_admin = models.BooleanField(
        default=False, help_text=_("May edit the organisation's profile and people."))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="person")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name
