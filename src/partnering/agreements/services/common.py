"""What every agreement service shares: the fields each form of the agreement writes, the
lock that serialises one partnership's agreement, who speaks for which member, and the
audit record of the moments that matter."""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from partnering.agreements.models import SECTION_FIELDS, SECTIONS, AgreementVersion
from partnering.agreements.vocabulary import VersionStatus
from partnering.audit.services import diff, record, snapshot
from partnering.guards import require_active
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Partnership

VERSION_FIELDS = ["title", *SECTION_FIELDS, "decision_rule", "quorum_percent",
                  "majority_percent", "notice_days", "valuation_currency", "change_note"]
TERMS_FIELDS = ["own_goals", "interests", "roles", "vote_weight"]
COMMITMENT_FIELDS = ["kind", "description", "amount", "currency", "estimated_value"]
IN_PROGRESS = (VersionStatus.DRAFT, VersionStatus.PROPOSED)
SECTION_TITLES = {name: title for name, title, _guidance in SECTIONS}


def require_open(partnership: Partnership) -> None:
    require_active(partnership, _("This partnership is closed; its agreement can no longer "
                                  "change."))


def lock(partnership: Partnership) -> None:
    """Serialise changes to one partnership's agreement (version numbers, signatures)."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()


def speaks_for(actor, partnership: Partnership, access=None) -> set[int]:
    """Member organisations whose own terms this user may write: those they represent here,
    and their own organisation if they are its organisation admin."""
    access = access or access_for(actor, partnership)
    orgs = set(access.represents)
    person = getattr(actor, "person", None) if actor.is_authenticated else None
    if person and person.is_organisation_admin and person.organisation_id and \
            partnership.memberships.filter(organisation_id=person.organisation_id).exists():
        orgs.add(person.organisation_id)
    return orgs


def may_write_for(actor, partnership: Partnership, organisation_id: int, access=None) -> bool:
    access = access or access_for(actor, partnership)
    return access.can_manage or organisation_id in speaks_for(actor, partnership, access)


def in_progress(partnership: Partnership) -> AgreementVersion | None:
    return partnership.agreement_versions.filter(status__in=IN_PROGRESS).first()


def latest_agreed(partnership: Partnership) -> AgreementVersion | None:
    return partnership.agreement_versions.filter(status=VersionStatus.AGREED).first()


def require_none_in_progress(partnership: Partnership) -> None:
    open_version = in_progress(partnership)
    if open_version:
        state = _("a draft") if open_version.status == VersionStatus.DRAFT else \
            _("proposed for sign-off")
        raise ValidationError(
            _("Version %(n)s is still %(state)s; finish it (or withdraw it to draft and edit "
              "it) before starting another.") % {"n": open_version.number, "state": state})


def next_number(partnership: Partnership) -> int:
    last = partnership.agreement_versions.aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def party_ids(version: AgreementVersion) -> set[int]:
    return set(version.member_terms.values_list("organisation_id", flat=True))


def member_orgs(partnership: Partnership) -> dict:
    return {m.organisation_id: m.organisation
            for m in partnership.memberships.select_related("organisation")}


def reject_unknown(data: dict, fields: list[str]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValidationError(_("Unknown field: %(names)s")
                              % {"names": ", ".join(sorted(unknown))})


def lf(data: dict) -> dict:
    """Line ends as LF, whoever sent CRLF."""
    return {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in data.items()}


def unchanged(obj, data: dict) -> bool:
    return all(getattr(obj, name) == value for name, value in data.items())


def status_word(version: AgreementVersion) -> str:
    return version.get_status_display().lower()


def save_moment(actor, obj, data: dict, *, fields: list[str], action: str, context: dict,
                partnership_id: int, summary: str):
    """Save `obj` as `save_audited` does and record the named `action` (a moment of the
    agreement, see audit.actions) with what changed and its `context` (version number,
    organisation...), each as a [before, after] pair like every change in the history."""
    before = {} if obj.pk is None else snapshot(obj, fields)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    changes = diff(before, snapshot(obj, fields))
    changes.update({name: [None, value] for name, value in context.items()})
    record(actor, action, obj, changes=changes, partnership_id=partnership_id,
           summary=summary)
    return obj
