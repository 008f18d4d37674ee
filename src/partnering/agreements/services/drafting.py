"""Starting a draft (from a template or from the latest version) and editing its text.

Any edit of the agreed version lands in a new draft n+1; a proposed version is frozen until
a steward withdraws it to draft, and a superseded one never changes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.agreements import templates
from partnering.agreements.models import AgreementVersion, MemberTerms, ResourceCommitment
from partnering.agreements.services.common import (
    VERSION_FIELDS,
    lf,
    lock,
    member_orgs,
    next_number,
    reject_unknown,
    require_none_in_progress,
    require_open,
    unchanged,
)
from partnering.agreements.vocabulary import VersionStatus
from partnering.audit.services import save_audited
from partnering.guards import require
from partnering.partnerships.access import access_for
from partnering.partnerships.lifecycle import english
from partnering.partnerships.models import Partnership


def _template(key: str) -> templates.AgreementTemplate:
    chosen = templates.TEMPLATES.get(key)
    if chosen is None:
        raise ValidationError({"template": _("Unknown template; choose one of %(keys)s.")
                               % {"keys": ", ".join(templates.TEMPLATES)}})
    return chosen


def _template_fields(chosen, partnership: Partnership, number: int, *, title: str,
                     valuation_currency: str) -> dict:
    data = templates.version_fields(chosen, partnership)
    if title.strip():
        data["title"] = title.strip()
    if valuation_currency.strip():
        data["valuation_currency"] = valuation_currency.strip().upper()
    if number > 1:
        data["change_note"] = _("Started afresh from the template “%(template)s” rather "
                                "than from version %(n)s. [Say why]") % {
            "template": chosen.name, "n": number - 1}
    return data


# Not durable: the demo loader starts its drafts inside its own transaction.
@transaction.atomic
def start_from_template(actor, partnership: Partnership, *,
                        template: str = templates.DEFAULT_TEMPLATE, title: str = "",
                        valuation_currency: str = "") -> AgreementVersion:
    """A new draft from an agreement template, with member terms for every member."""
    require(access_for(actor, partnership).can_contribute)
    require_open(partnership)
    chosen = _template(template)
    lock(partnership)
    require_none_in_progress(partnership)
    number = next_number(partnership)
    data = _template_fields(chosen, partnership, number, title=title,
                            valuation_currency=valuation_currency)
    version = AgreementVersion(partnership=partnership, number=number, created_by=actor)
    save_audited(actor, version, data, fields=VERSION_FIELDS, partnership_id=partnership.pk,
                 summary=f"Version {number} started from the template “{english(chosen.name)}”")
    MemberTerms.objects.bulk_create([
        MemberTerms(version=version, organisation=org, **templates.terms_fields(chosen, org))
        for org in member_orgs(partnership).values()
    ])
    return version


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def start_from_latest(actor, partnership: Partnership) -> AgreementVersion:
    """A new draft copying the latest version (number n+1, based on it)."""
    require(access_for(actor, partnership).can_contribute)
    require_open(partnership)
    lock(partnership)
    latest = partnership.agreement_versions.order_by("-number").first()
    if latest is None:
        raise ValidationError(_("There is no version to start from yet; start from a "
                                "template."))
    require_none_in_progress(partnership)
    return copy_version(actor, latest)[0]


def copy_version(actor, source: AgreementVersion):
    """Draft n+1 from `source`: its text, the terms and commitments of organisations that
    are still members, and empty terms for members who joined since. Returns the draft and
    the maps from the source's terms and commitment ids to the copies'."""
    partnership = source.partnership
    members = member_orgs(partnership)
    number = next_number(partnership)
    version = AgreementVersion(partnership=partnership, number=number, created_by=actor,
                               based_on=source)
    data = {name: getattr(source, name) for name in VERSION_FIELDS}
    data["change_note"] = ""
    save_audited(actor, version, data, fields=VERSION_FIELDS, partnership_id=partnership.pk,
                 summary=f"Version {number} started from version {source.number}")
    # Read afresh, not through `source`'s prefetched cache, whose objects must not change.
    terms_map = _copy_rows(MemberTerms.objects.filter(version=source), version, members)
    have = set(version.member_terms.values_list("organisation_id", flat=True))
    for org_id, org in members.items():
        if org_id not in have:
            MemberTerms.objects.create(version=version, organisation=org,
                                       **templates.terms_fields(templates.FULL, org))
    commitments_map = _copy_rows(ResourceCommitment.objects.filter(version=source), version,
                                 members)
    return version, terms_map, commitments_map


def _copy_rows(rows, version: AgreementVersion, members: dict) -> dict:
    """Copy each member's row (terms or a commitment) into `version`; old id → new id."""
    copied = {}
    for row in rows.order_by("id"):
        if row.organisation_id not in members:
            continue
        old_id = row.pk
        row.pk = None
        row.version = version
        row.save()
        copied[old_id] = row.pk
    return copied


def draft_for_edit(actor, version: AgreementVersion):
    """The draft an edit of `version` lands in: the version itself when it is a draft; a
    new draft n+1 when it is the agreed version (any edit after agreement makes a new
    draft). Proposed and superseded versions cannot change."""
    if version.status == VersionStatus.DRAFT:
        return version, None, None
    if version.status == VersionStatus.PROPOSED:
        raise ValidationError(
            _("Version %(n)s is proposed for sign-off and frozen. A steward can withdraw it "
              "to draft to change it.") % {"n": version.number})
    if version.status == VersionStatus.SUPERSEDED:
        raise ValidationError(
            _("Version %(n)s has been superseded; change the agreed version instead.")
            % {"n": version.number})
    lock(version.partnership)
    require_none_in_progress(version.partnership)
    return copy_version(actor, version)


def _version_values(data: dict) -> dict:
    reject_unknown(data, VERSION_FIELDS)
    if data.get("valuation_currency"):
        data["valuation_currency"] = data["valuation_currency"].strip().upper()
    if "title" in data:
        data["title"] = (data["title"] or "").strip()
        if not data["title"]:
            raise ValidationError({"title": _("Give the agreement a title.")})
    return lf(data)


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def update_version(actor, version: AgreementVersion, **data) -> AgreementVersion:
    """Change the title, sections, decision rule or valuation currency. On the agreed
    version this makes a new draft and changes that; returns the version changed."""
    partnership = version.partnership
    require(access_for(actor, partnership).can_contribute)
    require_open(partnership)
    data = _version_values(data)
    if unchanged(version, data):
        return version  # nothing to change: no new draft either
    draft = draft_for_edit(actor, version)[0]
    return save_audited(actor, draft, data, fields=VERSION_FIELDS,
                        partnership_id=partnership.pk)
