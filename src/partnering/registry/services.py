"""Registry actions. Views, the API, commands and tests all go through these."""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from partnering.audit.models import AuditEvent
from partnering.audit.services import (
    _plain,
    announce,
    build_event,
    diff,
    record,
    save_audited,
)
from partnering.guards import require, require_platform_admin
from partnering.reference.models import SdgGoal
from partnering.reference.sdg import parse_sdg_codes
from partnering.registry import permissions
from partnering.registry.bulk import insert_values, insert_with_ids
from partnering.registry.models import Organisation, Person
from partnering.registry.validators import clean_tags
from partnering.registry.vocabulary import SECTOR_OF_IATI_TYPE

ORGANISATION_FIELDS = [
    "name", "acronym", "identifier", "iati_type", "sector", "country", "website", "mission",
    "motivations", "interests", "interests_note", "competencies", "resources", "sdg_goals",
]
PERSON_FIELDS = ["name", "email", "organisation", "job_title", "partnering_role", "skills",
                 "is_organisation_admin", "user"]


def _sdg_goals(codes, known: dict[int, SdgGoal] | None = None) -> list[SdgGoal]:
    """`known`: every goal by number, read once by a caller that prepares many rows; codes
    that are all known goal numbers are then read without a query."""
    if known is not None:
        plain = [str(raw).strip().upper().removeprefix("SDG").strip() for raw in codes]
        plain = [code for code in plain if code]
        if all(code.isdigit() and int(code) in known for code in plain):
            return sorted({known[int(code)] for code in plain}, key=lambda g: g.number)
    goals, targets = parse_sdg_codes(codes)
    if targets:
        raise ValidationError({"sdg_goals": _("Organisations list SDG goals (1–17), not targets.")})
    if known is not None:
        return sorted((known[n] for n in set(goals) if n in known), key=lambda g: g.number)
    return list(SdgGoal.objects.filter(number__in=goals))


def _prepare_organisation(data: dict, known_goals: dict | None = None) -> tuple[dict, dict]:
    data = dict(data)
    m2m = {}
    if "sdg_goals" in data:
        m2m["sdg_goals"] = _sdg_goals(data.pop("sdg_goals") or [], known_goals)
    for field in ("competencies", "resources"):
        if field in data:
            data[field] = clean_tags(data[field])
    for field in ("identifier", "country", "acronym"):
        if data.get(field):
            data[field] = data[field].strip()
    if data.get("country"):
        data["country"] = data["country"].upper()
    if "sector" in data and not data["sector"]:
        data["sector"] = SECTOR_OF_IATI_TYPE.get(data.get("iati_type", ""), "")
    return data, m2m


@transaction.atomic
def create_organisation(actor, **data) -> Organisation:
    require(permissions.can_create_organisation(actor))
    fields, m2m = _prepare_organisation(data)
    return save_audited(actor, Organisation(), fields, fields=ORGANISATION_FIELDS, m2m=m2m)


@transaction.atomic
def update_organisation(actor, organisation: Organisation, **data) -> Organisation:
    require(permissions.can_edit_organisation(actor, organisation))
    fields, m2m = _prepare_organisation(data)
    return save_audited(actor, organisation, fields, fields=ORGANISATION_FIELDS, m2m=m2m)


@transaction.atomic
def create_organisations(actor, rows: list[dict]) -> list[Organisation]:
    """Many new organisations (a registry import): what create_organisation does for each —
    the permission, the same preparation and validation, an audit event with the same
    changes, the post_save signal — with one INSERT for the organisations, one for their SDG
    goals and one for the events. The unique identifier is left to the database (the import
    matched identifiers already): on a clash it raises IntegrityError and nothing is written."""
    require(permissions.can_create_organisation(actor))
    known = {goal.number: goal for goal in SdgGoal.objects.all()}
    organisations, goals = [], []
    for data in rows:
        fields, m2m = _prepare_organisation(data, known)
        organisation = Organisation()
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.full_clean(validate_constraints=False)
        organisations.append(organisation)
        goals.append(m2m.get("sdg_goals", []))
    return _insert_organisations(actor, organisations, goals)


@transaction.atomic
def create_checked_organisations(actor, rows: list[tuple[Organisation, list]]
                                 ) -> list[Organisation]:
    """create_organisations for (organisation, SDG goal codes) where each organisation is
    the one check_organisation(actor, None, ...) returned, validated there: a registry
    import validates every row for its plan, then writes the plan, without validating the
    rows a second time. The goal codes are checked here."""
    require(permissions.can_create_organisation(actor))
    known = {goal.number: goal for goal in SdgGoal.objects.all()}
    return _insert_organisations(actor, [organisation for organisation, _ in rows],
                                 [_sdg_goals(codes, known) for _, codes in rows])


def _insert_organisations(actor, organisations: list[Organisation],
                          goals: list[list[SdgGoal]]) -> list[Organisation]:
    insert_with_ids(Organisation, organisations)
    insert_values(Organisation.sdg_goals.through, ["organisation", "sdggoal"],
                  [(org.pk, goal.pk) for org, chosen in zip(organisations, goals, strict=True)
                   for goal in chosen])
    events = [build_event(actor, "create", org, changes=_created_changes(org, chosen))
              for org, chosen in zip(organisations, goals, strict=True)]
    insert_with_ids(AuditEvent, events)
    announce(events)  # as audit.services.record_events does
    for organisation in organisations:  # as save() sends it: partner discovery re-indexes
        post_save.send(sender=Organisation, instance=organisation, created=True,
                       update_fields=None, raw=False, using=organisation._state.db)
    return organisations


def _created_changes(organisation: Organisation, goals: list[SdgGoal]) -> dict:
    """The changes save_audited records for a new organisation."""
    after = {name: sorted(str(goal) for goal in goals) if name == "sdg_goals"
             else _plain(getattr(organisation, name)) for name in ORGANISATION_FIELDS}
    return diff({}, after)


def check_organisation(actor, organisation: Organisation | None, *,
                       validate_constraints: bool = True, **data) -> tuple[Organisation, dict]:
    """Validate what create_organisation (organisation None) or update_organisation would
    save, without saving: the registry import's preview. Returns a copy with `data` applied
    and the many-to-many values; raises what they raise, with the same messages.

    validate_constraints=False skips the unique-identifier query, for a caller that has
    already looked the identifier up (the import matches rows on it)."""
    allowed = (permissions.can_create_organisation(actor) if organisation is None
               else permissions.can_edit_organisation(actor, organisation))
    require(allowed)
    fields, m2m = _prepare_organisation(data)
    return _checked(organisation or Organisation(), fields, validate_constraints,
                    fresh=organisation is None), m2m


def _checked(obj, fields: dict, validate_constraints: bool = True, fresh: bool = False):
    if not fresh:
        obj = copy.copy(obj)  # a model's copy has its own state: the caller's stays as it was
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean(validate_constraints=validate_constraints)
    return obj


@transaction.atomic(durable=True)
def delete_organisation(actor, organisation: Organisation) -> None:
    require_platform_admin(actor)
    if organisation.memberships.exists():
        raise ValidationError(_("This organisation is a member of partnerships; "
                                "remove it from them first."))
    record(actor, "delete", organisation, summary=f"Organisation {organisation} deleted")
    organisation.delete()


def _prepare_person(actor, data: dict, person: Person | None) -> dict:
    data = dict(data)
    if "skills" in data:
        data["skills"] = clean_tags(data["skills"])
    organisation = data.get("organisation", person.organisation if person else None)
    organisation_id = organisation.pk if organisation else None
    granting = data.get("is_organisation_admin") and not (person and person.is_organisation_admin)
    if granting and not (organisation_id and permissions.can_grant_admin(actor, organisation_id)):
        raise ValidationError({"is_organisation_admin": _(
            "Only a platform admin or an admin of this organisation can make someone an "
            "organisation admin.")})
    if "user" in data and data["user"] is not None and not actor.is_superuser:
        raise ValidationError({"user": _("Only a platform admin links people to accounts.")})
    return data


@transaction.atomic
def create_person(actor, **data) -> Person:
    require(permissions.can_create_person(actor))
    fields = _prepare_person(actor, data, None)
    return save_audited(actor, Person(), fields, fields=PERSON_FIELDS)


@transaction.atomic
def update_person(actor, person: Person, **data) -> Person:
    require(permissions.can_edit_person(actor, person))
    fields = _prepare_person(actor, data, person)
    return save_audited(actor, person, fields, fields=PERSON_FIELDS)


def check_person(actor, person: Person | None, **data) -> Person:
    """Validate what create_person (person None) or update_person would save, without
    saving (the registry import's preview); raises what they raise."""
    allowed = (permissions.can_create_person(actor) if person is None
               else permissions.can_edit_person(actor, person))
    require(allowed)
    return _checked(person or Person(), _prepare_person(actor, data, person))


@transaction.atomic(durable=True)
def delete_person(actor, person: Person) -> None:
    require(permissions.can_edit_person(actor, person))
    if person.representations.exists() or person.broker_assignments.exists():
        raise ValidationError(_("This person represents an organisation or brokers a "
                                "partnership; take them off those first."))
    record(actor, "delete", person, summary=f"Person {person} removed from the registry")
    person.delete()
