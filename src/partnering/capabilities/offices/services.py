"""Writes of partnerships offices: the office and its people, assessment rounds, courses,
cohorts and enrolments, role profiles adapted from the job series. The demo calls them."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.capabilities import access
from partnering.capabilities.offices.models import (
    Cohort,
    Course,
    Enrolment,
    EnrolmentStatus,
    Office,
    OfficeMember,
    OfficeRound,
    RoleProfile,
    RoleRequirement,
)
from partnering.guards import require, require_platform_admin

PROFILE_FIELDS = ["series", "grade", "title", "purpose", "responsibilities"]


def _manages(actor, office) -> None:
    require(access.can_manage_office(actor, office),
            _("Only the office's manager, its organisation's admins and platform admins "
              "change the office."))


@transaction.atomic
def create_office(actor, *, organisation, name: str, manager=None,
                  description: str = "") -> Office:
    require(access.can_create_office(actor, organisation),
            _("Only the organisation's admins open a partnerships office."))
    if manager is not None and manager.organisation_id != organisation.pk:
        raise ValidationError({"manager": _("The manager works for the office's "
                                            "organisation.")})
    return save_audited(actor, Office(), {"organisation": organisation, "name": name,
                                          "manager": manager, "description": description},
                        fields=["organisation", "name", "manager", "description"])


@transaction.atomic
def update_office(actor, office: Office, **data) -> Office:
    _manages(actor, office)
    return save_audited(actor, office, data, fields=["name", "manager", "description"])


@transaction.atomic
def add_member(actor, office: Office, person, *, role: str = "Relationship manager"):
    _manages(actor, office)
    if OfficeMember.objects.filter(office=office, person=person).exists():
        raise ValidationError({"person": _("%(name)s is in the office already.")
                               % {"name": person.name}})
    return save_audited(actor, OfficeMember(office=office), {"person": person, "role": role},
                        fields=["person", "role"])


@transaction.atomic
def remove_member(actor, member: OfficeMember) -> None:
    _manages(actor, member.office)
    record(actor, "delete", member)
    member.delete()


@transaction.atomic
def open_round(actor, office: Office, *, name: str, held_on: dt.date) -> OfficeRound:
    _manages(actor, office)
    return save_audited(actor, OfficeRound(office=office), {"name": name, "held_on": held_on},
                        fields=["name", "held_on"])


@transaction.atomic
def create_course(actor, *, title: str, provider: str = "", description: str = ""):
    require_platform_admin(actor)
    return save_audited(actor, Course(), {"title": title, "provider": provider,
                                          "description": description},
                        fields=["title", "provider", "description"])


@transaction.atomic
def open_cohort(actor, office: Office, course: Course, *, name: str, starts: dt.date,
                ends: dt.date | None = None) -> Cohort:
    _manages(actor, office)
    return save_audited(actor, Cohort(office=office, course=course),
                        {"name": name, "starts": starts, "ends": ends},
                        fields=["name", "starts", "ends"])


@transaction.atomic
def enrol(actor, cohort: Cohort, person) -> Enrolment:
    _manages(actor, cohort.office)
    if not cohort.office.members.filter(person=person).exists():
        raise ValidationError({"person": _("Enrol the office's own people.")})
    return save_audited(actor, Enrolment(cohort=cohort), {"person": person},
                        fields=["person", "status"])


@transaction.atomic
def complete_enrolment(actor, enrolment: Enrolment, *, on: dt.date) -> Enrolment:
    _manages(actor, enrolment.cohort.office)
    enrolment.status, enrolment.completed_on = EnrolmentStatus.COMPLETED, on
    enrolment.save(update_fields=["status", "completed_on"])
    record(actor, "enrolment.completed", enrolment)
    return enrolment


@transaction.atomic
def adapt_role_profile(actor, office: Office, template: RoleProfile) -> RoleProfile:
    """The office's own copy of a role profile (its requirements too), to edit."""
    _manages(actor, office)
    copy = RoleProfile.objects.create(
        office=office, based_on=template, key="", order=template.order,
        **{name: getattr(template, name) for name in PROFILE_FIELDS})
    RoleRequirement.objects.bulk_create([
        RoleRequirement(profile=copy, competency_id=r.competency_id, level=r.level)
        for r in template.requirements.all()])
    record(actor, "roleprofile.adapted", copy, summary=f"Adapted “{template.title}”")
    return copy


@transaction.atomic
def update_role_profile(actor, profile: RoleProfile, *, levels: dict | None = None,
                        **data) -> RoleProfile:
    """An office's own profile: its texts, and required levels by competency id."""
    if profile.office is None:
        require_platform_admin(actor)
    else:
        _manages(actor, profile.office)
    save_audited(actor, profile, data, fields=PROFILE_FIELDS)
    for competency_id, level in (levels or {}).items():
        if level not in (1, 2, 3, 4):
            raise ValidationError({"levels": _("A level is 1 to 4.")})
        RoleRequirement.objects.update_or_create(
            profile=profile, competency_id=competency_id, defaults={"level": level})
    return profile
