"""Platforms, the levels their secretariat names, and the forums on those levels."""

import zoneinfo
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.formats import local_date
from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.platforms.vocabulary import ForumRole, PlatformVisibility
from partnering.registry.models import Organisation, Person
from partnering.sources import cite
from partnering.translations.languages import language_field


@lru_cache(maxsize=1)
def _time_zones() -> frozenset:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(_("“%(value)s” is not an IANA time zone (e.g. America/Jamaica)."),
                              params={"value": value}, code="unknown_time_zone")


def default_time_zone() -> str:
    return settings.TIME_ZONE


class Platform(models.Model):
    """A multi-stakeholder platform (e.g. Vision 2030 Jamaica) run by a secretariat."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(validators=[max_text], blank=True)
    language = language_field()
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Answer deadlines and “overdue” are counted in this time zone."))
    visibility = models.CharField(max_length=10, choices=PlatformVisibility.choices,
                                  default=PlatformVisibility.PRIVATE)
    secretariat_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="platform_secretariats")
    secretariat_people = models.ManyToManyField(
        Person, blank=True, related_name="platform_secretariats")
    default_answer_days = models.PositiveSmallIntegerField(
        _("days to answer after a consultation closes"), default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["visibility", "title"])]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


class ForumLevel(models.Model):
    """A level the secretariat names ("Community development committee", "Parish development
    committee", "National thematic working group"); a higher rank is nearer the top."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(
        help_text=_("1 for the level nearest the ground; each level above has a higher rank."))

    class Meta:
        ordering = ["platform", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "rank"],
                                    name="platforms_one_level_per_rank",
                                    violation_error_message=_("The platform already has a "
                                                              "level of this rank.")),
            models.UniqueConstraint(fields=["platform", "name"],
                                    name="platforms_one_level_per_name",
                                    violation_error_message=_("The platform already has a "
                                                              "level of this name.")),
        ]

    def __str__(self) -> str:
        return self.name


class Forum(models.Model):
    """A forum on one level of a platform; `parent` is the forum above, to which its items
    are forwarded."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="forums")
    level = models.ForeignKey(ForumLevel, on_delete=models.PROTECT, related_name="forums")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("forum above"))
    title = models.CharField(max_length=200)
    description = models.TextField(validators=[max_text], blank=True)
    visibility = models.CharField(max_length=10, choices=PlatformVisibility.choices,
                                  default=PlatformVisibility.PRIVATE)
    chair = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="chaired_forums",
                              verbose_name=_("chair or facilitator"))
    chair_is_independent = models.BooleanField(
        _("the chair or facilitator is independent"), default=False,
        help_text=format_lazy(_("A neutral space with an independent facilitator or chair "
                                "({source})."), source=cite("eight-actions", "action 3")))
    partnerships = models.ManyToManyField(Partnership, blank=True, related_name="forums",
                                          verbose_name=_("partnerships working under it"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "level__rank", "title", "id"]
        indexes = [models.Index(fields=["platform", "visibility"]),
                   models.Index(fields=["parent"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.level_id and self.platform_id and self.level.platform_id != self.platform_id:
            errors["level"] = gettext("That level belongs to another platform.")
        if self.parent_id:
            errors.update(self._parent_errors())
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self) -> dict:
        parent = self.parent
        if parent.platform_id != self.platform_id:
            return {"parent": gettext("The forum above belongs to another platform.")}
        if self.level_id and parent.level.rank <= self.level.rank:
            return {"parent": gettext("The forum above must be on a higher level.")}
        return {}


class ForumMembership(models.Model):
    """An organisation or a person in a forum, with their role there."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="forum_memberships")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="forum_memberships")
    role = models.CharField(max_length=12, choices=ForumRole.choices, default=ForumRole.MEMBER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "organisation__name", "person__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False),
                name="platforms_forum_member_is_someone",
                violation_error_message=_("Name an organisation or a person.")),
            models.UniqueConstraint(fields=["forum", "organisation"],
                                    condition=Q(person__isnull=True),
                                    name="platforms_one_membership_per_org",
                                    violation_error_message=_("This organisation is already a "
                                                              "member of the forum.")),
            models.UniqueConstraint(fields=["forum", "person"],
                                    condition=Q(person__isnull=False),
                                    name="platforms_one_forum_membership_per_person",
                                    violation_error_message=_("This person is already a member "
                                                              "of the forum.")),
        ]
        indexes = [models.Index(fields=["person", "forum"]),
                   models.Index(fields=["organisation", "forum"])]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} in {self.forum}"


class ForumMeeting(models.Model):
    """A forum's meeting, recorded as a partnership's meeting is (partnerships.Meeting
    belongs to a partnership, a forum is not one)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    purpose = models.CharField(max_length=300)
    location = models.CharField(max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+",
                                           verbose_name=_("attending organisations"))
    attendees = models.ManyToManyField(Person, blank=True, related_name="+")
    minutes = models.TextField(validators=[max_text], blank=True)
    outcomes = models.TextField(_("decisions and outcomes"), validators=[max_text],
                                blank=True)
    follow_ups = models.TextField(_("follow-ups"), validators=[max_text], blank=True,
                                  help_text=_("One follow-up per line: what, who, by when."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["forum", "date"])]

    def __str__(self) -> str:
        return f"{local_date(self.date)}: {self.purpose}"
