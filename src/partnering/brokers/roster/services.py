"""Writes of the roster: one function per thing a user does, each in a transaction with its
audit event. A broker edits their own profile; platform admins manage everyone's. The
demo loader, importers and the API call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.brokers.access import can_edit_profile
from partnering.brokers.roster.index import bump
from partnering.brokers.roster.models import Accreditation, BrokerProfile, BrokerTag
from partnering.guards import require
from partnering.reference.regions import region_of

PROFILE_FIELDS = ["kind", "organisation", "bio", "languages", "regions", "countries",
                  "sectors", "specialties", "days_per_month", "listed", "mentor"]
ACCREDITATION_FIELDS = ["body", "level", "awarded", "expires"]
FAR_FUTURE = "9999-12-31"

# How much each thing a broker offers weighs in "find a broker" (see find.py).
WEIGHTS = {"l": 3, "c": 3, "r": 1, "s": 2, "p": 2}


def _normalise(data: dict) -> dict:
    clean = dict(data)
    for field in ("languages", "regions", "sectors", "specialties"):
        if field in clean:
            clean[field] = sorted({str(v).strip() for v in clean[field] or [] if str(v).strip()})
    if "languages" in clean:
        clean["languages"] = sorted({v.lower() for v in clean["languages"]})
    if "countries" in clean:
        clean["countries"] = sorted({str(v).strip().upper() for v in clean["countries"] or []
                                     if str(v).strip()})
    return clean


def tag_keys(profile: BrokerProfile) -> dict[str, int]:
    """key → weight of what the profile offers; the regions of its countries count too."""
    regions = set(profile.regions) | {region_of(c) for c in profile.countries} - {""}
    keys = {f"l:{v}": WEIGHTS["l"] for v in profile.languages}
    keys |= {f"c:{v}": WEIGHTS["c"] for v in profile.countries}
    keys |= {f"r:{v}": WEIGHTS["r"] for v in regions}
    keys |= {f"s:{v}": WEIGHTS["s"] for v in profile.sectors}
    keys |= {f"p:{v}": WEIGHTS["p"] for v in profile.specialties}
    return keys


def retag(profile: BrokerProfile) -> None:
    """Rebuild the profile's tags (the compact structure the ranking reads)."""
    BrokerTag.objects.filter(profile=profile).delete()
    BrokerTag.objects.bulk_create([BrokerTag(profile=profile, key=key[:80], weight=weight)
                                   for key, weight in tag_keys(profile).items()])
    bump()


@transaction.atomic
def create_profile(actor, *, person, **data) -> BrokerProfile:
    """A broker profile for a person of the registry: the person themselves, or an admin."""
    require(actor.is_authenticated and (actor.is_superuser or person.user_id == actor.pk),
            _("Only the person themselves or a platform admin can put someone on the roster."))
    if BrokerProfile.objects.filter(person=person).exists():
        raise ValidationError({"person": _("%(person)s is already on the roster.")
                                         % {"person": person}})
    profile = save_audited(actor, BrokerProfile(person=person), _normalise(data),
                           fields=PROFILE_FIELDS, summary=f"{person} joined the broker roster")
    retag(profile)
    return profile


@transaction.atomic
def update_profile(actor, profile: BrokerProfile, **data) -> BrokerProfile:
    require(can_edit_profile(actor, profile),
            _("Only the broker and platform admins can change this profile."))
    profile = save_audited(actor, profile, _normalise(data), fields=PROFILE_FIELDS,
                           summary=f"{profile.person}'s broker profile changed")
    retag(profile)
    return profile


@transaction.atomic
def delete_profile(actor, profile: BrokerProfile) -> None:
    require(can_edit_profile(actor, profile))
    if profile.assignments.filter(ended_on__isnull=True).exists():
        raise ValidationError(_("End the broker's current assignments first."))
    record(actor, "delete", profile, summary=f"{profile.person} left the broker roster")
    profile.delete()
    bump()


def _refresh_accredited_until(profile: BrokerProfile) -> None:
    """The profile's `accredited_until`: the latest expiry of its accreditations (no expiry:
    far in the future), so the roster filters on one indexed column."""
    found = profile.accreditations.aggregate(
        open=Max("pk", filter=Q(expires__isnull=True)), last=Max("expires"))
    until = FAR_FUTURE if found["open"] else found["last"]
    BrokerProfile.objects.filter(pk=profile.pk).update(accredited_until=until)
    profile.refresh_from_db(fields=["accredited_until"])


@transaction.atomic
def add_accreditation(actor, profile: BrokerProfile, **data) -> Accreditation:
    """Accreditations are recorded by platform admins (who see the certificate)."""
    require(actor.is_authenticated and actor.is_superuser,
            _("Only platform admins record accreditations."))
    accreditation = save_audited(actor, Accreditation(profile=profile), data,
                                 fields=ACCREDITATION_FIELDS,
                                 summary=f"{profile.person} accredited: {data.get('level')}")
    _refresh_accredited_until(profile)
    return accreditation


@transaction.atomic
def remove_accreditation(actor, accreditation: Accreditation) -> None:
    require(actor.is_authenticated and actor.is_superuser,
            _("Only platform admins record accreditations."))
    profile = accreditation.profile
    record(actor, "delete", accreditation, summary=f"Accreditation of {profile.person} removed")
    accreditation.delete()
    _refresh_accredited_until(profile)
