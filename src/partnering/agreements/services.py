"""Agreement actions: one function per thing a user does, each in a transaction with its
audit record, and the two read helpers other apps build on (`agreed_rule`,
`committed_value_by_member`).

Who may do what:
- every member, broker and admin (can_contribute) starts a draft and edits its shared sections;
- a member's own goals, interests, roles and resource commitments are edited by that
  member's representatives (or its organisation admins) and by the stewards (can_manage:
  the lead partner, the brokers, platform admins), never by another member;
- the stewards propose a draft for sign-off and withdraw a proposed version;
- the stewards record the partnership's deliverables and their status (they belong to
  the partnership, not to one version, and outlive new versions of the agreement);
- a proposed version is signed for each member organisation by one of that organisation's
  own representatives who holds a mandate to decide; nobody signs for another
  organisation, and being a platform admin or a broker gives no right to sign.
"""

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnering.agreements import templates
from partnering.agreements.models import (
    SECTION_FIELDS,
    SECTIONS,
    AgreementVersion,
    Deliverable,
    MemberTerms,
    ResourceCommitment,
    Signature,
)
from partnering.agreements.vocabulary import DeliverableStatus, ResourceKind, VersionStatus
from partnering.audit.services import record, save_audited
from partnering.governance.vocabulary import DecisionRule
from partnering.jinja2 import local_date
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Partnership, Representative

VERSION_FIELDS = ["title", *SECTION_FIELDS, "decision_rule", "quorum_percent",
                  "majority_percent", "notice_days", "valuation_currency", "change_note"]
TERMS_FIELDS = ["own_goals", "interests", "roles", "vote_weight"]
COMMITMENT_FIELDS = ["kind", "description", "amount", "currency", "estimated_value"]
IN_PROGRESS = (VersionStatus.DRAFT, VersionStatus.PROPOSED)
SECTION_TITLES = {name: title for name, title, _ in SECTIONS}


def _require(condition: bool, message: str = "") -> None:
    if not condition:
        raise PermissionDenied(message) if message else PermissionDenied


def _require_active(partnership: Partnership) -> None:
    if not partnership.is_active:
        raise ValidationError("This partnership is closed; its agreement can no longer change.")


def _lock(partnership: Partnership) -> None:
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


def _require_none_in_progress(partnership: Partnership) -> None:
    open_version = in_progress(partnership)
    if open_version:
        state = "a draft" if open_version.status == VersionStatus.DRAFT else \
            "proposed for sign-off"
        raise ValidationError(
            f"Version {open_version.number} is still {state}; finish it (or withdraw it to "
            "draft and edit it) before starting another.")


def _next_number(partnership: Partnership) -> int:
    last = partnership.agreement_versions.aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _party_ids(version: AgreementVersion) -> set[int]:
    return set(version.member_terms.values_list("organisation_id", flat=True))


def _member_orgs(partnership: Partnership) -> dict:
    return {m.organisation_id: m.organisation
            for m in partnership.memberships.select_related("organisation")}


# --- Starting a draft ----------------------------------------------------------------------

@transaction.atomic
def start_from_template(actor, partnership: Partnership, *,
                        template: str = templates.DEFAULT_TEMPLATE, title: str = "",
                        valuation_currency: str = "") -> AgreementVersion:
    """A new draft from an agreement template, with member terms for every member."""
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    chosen = templates.TEMPLATES.get(template)
    if chosen is None:
        raise ValidationError({"template": "Unknown template; choose one of "
                               + ", ".join(templates.TEMPLATES) + "."})
    _lock(partnership)
    _require_none_in_progress(partnership)
    number = _next_number(partnership)
    data = templates.version_fields(chosen, partnership)
    if title.strip():
        data["title"] = title.strip()
    if valuation_currency.strip():
        data["valuation_currency"] = valuation_currency.strip().upper()
    if number > 1:
        data["change_note"] = (f"Started afresh from the template “{chosen.name}” rather "
                               f"than from version {number - 1}. [Say why]")
    version = AgreementVersion(partnership=partnership, number=number, created_by=actor)
    save_audited(actor, version, data, fields=VERSION_FIELDS, partnership_id=partnership.pk,
                 summary=f"Version {number} started from the template “{chosen.name}”")
    MemberTerms.objects.bulk_create([
        MemberTerms(version=version, organisation=org, **templates.terms_fields(chosen, org))
        for org in _member_orgs(partnership).values()
    ])
    return version


@transaction.atomic
def start_from_latest(actor, partnership: Partnership) -> AgreementVersion:
    """A new draft copying the latest version (number n+1, based on it)."""
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    _lock(partnership)
    latest = partnership.agreement_versions.order_by("-number").first()
    if latest is None:
        raise ValidationError("There is no version to start from yet; start from a template.")
    _require_none_in_progress(partnership)
    return _copy(actor, latest)[0]


def _copy(actor, source: AgreementVersion):
    """Draft n+1 from `source`: its text, the terms and commitments of organisations that
    are still members, and empty terms for members who joined since. Returns the draft and
    the maps from the source's terms and commitment ids to the copies'."""
    partnership = source.partnership
    members = _member_orgs(partnership)
    number = _next_number(partnership)
    version = AgreementVersion(partnership=partnership, number=number, created_by=actor,
                               based_on=source)
    data = {name: getattr(source, name) for name in VERSION_FIELDS}
    data["change_note"] = ""
    save_audited(actor, version, data, fields=VERSION_FIELDS, partnership_id=partnership.pk,
                 summary=f"Version {number} started from version {source.number}")
    terms_map, commitments_map = {}, {}
    copied = set()
    # Read afresh, not through `source`'s prefetched cache, whose objects must not change.
    for terms in MemberTerms.objects.filter(version=source).order_by("id"):
        if terms.organisation_id not in members:
            continue
        old_id = terms.pk
        terms.pk = None
        terms.version = version
        terms.save()
        terms_map[old_id] = terms.pk
        copied.add(terms.organisation_id)
    for org_id, org in members.items():
        if org_id not in copied:
            MemberTerms.objects.create(version=version, organisation=org,
                                       **templates.terms_fields(templates.FULL, org))
    for commitment in ResourceCommitment.objects.filter(version=source).order_by("id"):
        if commitment.organisation_id not in members:
            continue
        old_id = commitment.pk
        commitment.pk = None
        commitment.version = version
        commitment.save()
        commitments_map[old_id] = commitment.pk
    return version, terms_map, commitments_map


def _draft_for_edit(actor, version: AgreementVersion):
    """The draft an edit of `version` lands in: the version itself when it is a draft; a
    new draft n+1 when it is the agreed version (any edit after agreement makes a new
    draft). Proposed and superseded versions cannot change."""
    if version.status == VersionStatus.DRAFT:
        return version, None, None
    if version.status == VersionStatus.PROPOSED:
        raise ValidationError(
            f"Version {version.number} is proposed for sign-off and frozen. A steward can "
            "withdraw it to draft to change it.")
    if version.status == VersionStatus.SUPERSEDED:
        raise ValidationError(
            f"Version {version.number} has been superseded; change the agreed version "
            "instead.")
    _lock(version.partnership)
    _require_none_in_progress(version.partnership)
    return _copy(actor, version)


# --- Editing a draft -----------------------------------------------------------------------

@transaction.atomic
def update_version(actor, version: AgreementVersion, **data) -> AgreementVersion:
    """Change the title, sections, decision rule or valuation currency. On the agreed
    version this makes a new draft and changes that; returns the version changed."""
    partnership = version.partnership
    _require(access_for(actor, partnership).can_contribute)
    _require_active(partnership)
    unknown = set(data) - set(VERSION_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field: {', '.join(sorted(unknown))}")
    if "valuation_currency" in data and data["valuation_currency"]:
        data["valuation_currency"] = data["valuation_currency"].strip().upper()
    if "title" in data:
        data["title"] = (data["title"] or "").strip()
        if not data["title"]:
            raise ValidationError({"title": "Give the agreement a title."})
    data = _lf(data)
    if _unchanged(version, data):
        return version  # nothing to change: no new draft either
    draft, _, _ = _draft_for_edit(actor, version)
    return save_audited(actor, draft, data, fields=VERSION_FIELDS,
                        partnership_id=partnership.pk)


def _lf(data: dict) -> dict:
    """Line ends as LF, whoever sent CRLF."""
    return {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in data.items()}


def _unchanged(obj, data: dict) -> bool:
    return all(getattr(obj, name) == value for name, value in data.items())


@transaction.atomic
def add_terms(actor, version: AgreementVersion, *, organisation, **data) -> MemberTerms:
    """Member terms for a member organisation that has none in the version yet (it joined
    after the draft started). Fields left out start with the template's guidance."""
    partnership = version.partnership
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    if not partnership.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} is not a member of the "
                               "partnership."})
    _require(may_write_for(actor, partnership, organisation.pk, access))
    if version.status != VersionStatus.DRAFT:
        raise ValidationError("Terms are added to a draft. A new draft from the agreed version "
                              "already has terms for every current member.")
    draft = version
    if draft.member_terms.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} already has terms in version "
                               f"{draft.number}."})
    values = _lf({**templates.terms_fields(templates.FULL, organisation), **data})
    terms = MemberTerms(version=draft, organisation=organisation)
    return save_audited(actor, terms, values, fields=TERMS_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Terms of {organisation} added to version {draft.number}")


def _check_member_row_edit(actor, row, fields: list[str], data: dict):
    """A member's own row (terms or a commitment) may be edited by that member or a steward,
    with known fields only."""
    version = row.version
    partnership = version.partnership
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    _require(may_write_for(actor, partnership, row.organisation_id, access))
    unknown = set(data) - set(fields)
    if unknown:
        raise ValidationError(f"Unknown field: {', '.join(sorted(unknown))}")
    return version, partnership


@transaction.atomic
def update_terms(actor, terms: MemberTerms, **data) -> MemberTerms:
    version, partnership = _check_member_row_edit(actor, terms, TERMS_FIELDS, data)
    data = _lf(data)
    if _unchanged(terms, data):
        return terms
    draft, terms_map, _ = _draft_for_edit(actor, version)
    if terms_map is not None:
        if terms.pk not in terms_map:
            raise ValidationError(f"{terms.organisation} is no longer a member.")
        terms = MemberTerms.objects.select_related("organisation").get(pk=terms_map[terms.pk])
    return save_audited(actor, terms, data, fields=TERMS_FIELDS, partnership_id=partnership.pk,
                        summary=f"Terms of {terms.organisation} in version {draft.number}")


@transaction.atomic
def delete_terms(actor, terms: MemberTerms) -> None:
    """Take a member out of a draft (e.g. it left the partnership), with its commitments."""
    version = terms.version
    partnership = version.partnership
    _require(access_for(actor, partnership).can_manage)
    _require_active(partnership)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(f"Version {version.number} is "
                              f"{version.get_status_display().lower()}; only a draft's "
                              "parties can change.")
    commitments = version.commitments.filter(organisation_id=terms.organisation_id)
    for commitment in commitments:
        record(actor, "delete", commitment, partnership_id=partnership.pk,
               summary=f"Commitment removed with {terms.organisation}'s terms")
    commitments.delete()
    record(actor, "delete", terms, partnership_id=partnership.pk,
           summary=f"{terms.organisation} is no longer a party to version {version.number}")
    terms.delete()


def _commitment_values(draft: AgreementVersion, data: dict, current=None) -> dict:
    data = dict(data)
    if "currency" in data:
        data["currency"] = (data["currency"] or "").strip().upper()
    if "description" in data:
        data["description"] = (data["description"] or "").strip()
    merged = {name: getattr(current, name, None) for name in COMMITMENT_FIELDS}
    merged.update(data)
    amount, currency = merged.get("amount"), merged.get("currency") or ""
    if merged.get("kind") != ResourceKind.CASH and (amount is None) != (not currency):
        raise ValidationError({"currency" if amount is not None else "amount":
                               "Give an amount together with its currency, or neither."})
    if merged.get("kind") == ResourceKind.CASH and amount is not None and \
            currency == draft.valuation_currency and merged.get("estimated_value") is None:
        # Cash in the valuation currency is worth its amount.
        data["estimated_value"] = amount
    return data


@transaction.atomic
def add_commitment(actor, version: AgreementVersion, *, organisation,
                   **data) -> ResourceCommitment:
    partnership = version.partnership
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    _require(may_write_for(actor, partnership, organisation.pk, access))
    unknown = set(data) - set(COMMITMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field: {', '.join(sorted(unknown))}")
    draft, _, _ = _draft_for_edit(actor, version)
    if not draft.member_terms.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} is not a party to version "
                               f"{draft.number}; add its member terms first."})
    values = _commitment_values(draft, {"currency": "", **data})
    commitment = ResourceCommitment(version=draft, organisation=organisation)
    return save_audited(actor, commitment, values, fields=COMMITMENT_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"{organisation} commits {_kind_label(values.get('kind'))} "
                                f"in version {draft.number}")


def _kind_label(kind) -> str:
    return dict(ResourceKind.choices).get(kind, str(kind)).lower()


@transaction.atomic
def update_commitment(actor, commitment: ResourceCommitment, **data) -> ResourceCommitment:
    version, partnership = _check_member_row_edit(actor, commitment, COMMITMENT_FIELDS, data)
    if _unchanged(commitment, _commitment_values(version, data, current=commitment)):
        return commitment
    draft, _, commitments_map = _draft_for_edit(actor, version)
    if commitments_map is not None:
        if commitment.pk not in commitments_map:
            raise ValidationError(f"{commitment.organisation} is no longer a member.")
        commitment = ResourceCommitment.objects.select_related("organisation").get(
            pk=commitments_map[commitment.pk])
    values = _commitment_values(draft, data, current=commitment)
    return save_audited(actor, commitment, values, fields=COMMITMENT_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Commitment of {commitment.organisation} in version "
                                f"{draft.number}")


@transaction.atomic
def delete_commitment(actor, commitment: ResourceCommitment) -> None:
    version = commitment.version
    partnership = version.partnership
    access = access_for(actor, partnership)
    _require(access.can_contribute)
    _require_active(partnership)
    _require(may_write_for(actor, partnership, commitment.organisation_id, access))
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(f"Version {version.number} is "
                              f"{version.get_status_display().lower()}; remove the commitment "
                              "from a new draft instead.")
    record(actor, "delete", commitment, partnership_id=partnership.pk,
           summary=f"Commitment of {commitment.organisation} removed from version "
                   f"{version.number}")
    commitment.delete()


# --- Sign-off ------------------------------------------------------------------------------

def proposal_problems(version: AgreementVersion) -> list[str]:
    """What stops a draft from being proposed for sign-off, in plain words."""
    problems = []
    partnership = version.partnership
    members = _member_orgs(partnership)
    terms = list(version.member_terms.select_related("organisation"))
    parties = {t.organisation_id for t in terms}
    missing = [str(org) for org_id, org in members.items() if org_id not in parties]
    if missing:
        problems.append("These members have no terms in this version yet: "
                        + ", ".join(sorted(missing)) + ".")
    gone = [str(t.organisation) for t in terms if t.organisation_id not in members]
    if gone:
        problems.append("These organisations are no longer members; remove their terms: "
                        + ", ".join(sorted(gone)) + ".")
    for name in ("purpose_vision", "common_goals"):
        if not getattr(version, name).strip():
            problems.append(f"Write the section “{SECTION_TITLES[name]}”.")
    guided = [SECTION_TITLES[name] for name in SECTION_FIELDS
              if templates.unfinished(getattr(version, name))]
    if guided:
        problems.append("These sections still hold template guidance in [square brackets]: "
                        + ", ".join(guided) + ".")
    guided_terms = [str(t.organisation) for t in terms
                    if any(templates.unfinished(getattr(t, f))
                           for f in ("own_goals", "interests", "roles"))]
    if guided_terms:
        problems.append("The terms of these members still hold template guidance in "
                        "[square brackets]: " + ", ".join(guided_terms) + ".")
    if (version.based_on_id or version.number > 1) and (not version.change_note.strip()
                                or templates.unfinished(version.change_note)):
        problems.append("Say what this version changes and why (“What changes and why”).")
    if version.decision_rule == DecisionRule.WEIGHTED:
        weighted = [t.vote_weight is not None for t in terms]
        if any(weighted) and not all(weighted):
            problems.append("Under the weighted rule give every member a vote weight, or "
                            "none (then weights follow the estimated value committed).")
    return problems


@transaction.atomic
def propose(actor, version: AgreementVersion) -> AgreementVersion:
    """Freeze a draft and ask every member organisation to sign it."""
    partnership = version.partnership
    _require(access_for(actor, partnership).can_manage)
    _require_active(partnership)
    _lock(partnership)
    version.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(f"Version {version.number} is "
                              f"{version.get_status_display().lower()}; only a draft can be "
                              "proposed.")
    problems = proposal_problems(version)
    if problems:
        raise ValidationError(problems)
    parties = ", ".join(str(t.organisation) for t in
                        version.member_terms.select_related("organisation"))
    return save_audited(actor, version, {"status": VersionStatus.PROPOSED,
                                         "proposed_at": timezone.now()},
                        fields=["status"], partnership_id=partnership.pk,
                        action="agreement.version_proposed",
                        summary=f"Version {version.number} proposed for sign-off by "
                                f"{parties}")


@transaction.atomic
def withdraw(actor, version: AgreementVersion, *, reason: str) -> AgreementVersion:
    """Take a proposed version back to draft; the signatures given so far are cleared."""
    partnership = version.partnership
    _require(access_for(actor, partnership).can_manage)
    _require_active(partnership)
    _lock(partnership)
    version.refresh_from_db()
    reason = (reason or "").strip()
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(f"Version {version.number} is "
                              f"{version.get_status_display().lower()}; only a proposed "
                              "version can be withdrawn.")
    if not reason:
        raise ValidationError({"reason": "Say why the version goes back to draft; every "
                               "partner who signed will see it."})
    signatures = list(version.signatures.select_related("organisation"))
    for signature in signatures:
        record(actor, "delete", signature, partnership_id=partnership.pk,
               summary=f"Signature of {signature.organisation} cleared: version "
                       f"{version.number} withdrawn to draft")
    version.signatures.all().delete()
    cleared = (f" {len(signatures)} signature(s) cleared." if signatures else "")
    return save_audited(actor, version, {"status": VersionStatus.DRAFT, "proposed_at": None},
                        fields=["status"], partnership_id=partnership.pk,
                        summary=f"Version {version.number} withdrawn to draft: {reason}"
                                f"{cleared}")


def signable_for(actor, version: AgreementVersion) -> list:
    """The member organisations this user may sign this version for now: parties they
    represent with a mandate to decide, that have not signed yet."""
    if not actor.is_authenticated or version.status != VersionStatus.PROPOSED:
        return []
    signed = set(version.signatures.values_list("organisation_id", flat=True))
    reps = Representative.objects.filter(
        person__user=actor, has_mandate=True, membership__partnership_id=version.partnership_id,
        membership__organisation_id__in=_party_ids(version),
    ).select_related("membership__organisation")
    return [rep.membership.organisation for rep in reps
            if rep.membership.organisation_id not in signed]


@transaction.atomic
def sign(actor, version: AgreementVersion, *, organisation) -> Signature:
    """Sign a proposed version for one member organisation the user represents with a
    mandate. When every party has signed, the version is agreed and the previously agreed
    version is superseded."""
    partnership = version.partnership
    _require(actor.is_authenticated)
    _require_active(partnership)
    _lock(partnership)
    version.refresh_from_db()
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(f"Version {version.number} is "
                              f"{version.get_status_display().lower()}; only a version "
                              "proposed for sign-off can be signed.")
    if organisation.pk not in _party_ids(version):
        raise ValidationError({"organisation": f"{organisation} is not a party to version "
                               f"{version.number}."})
    rep = Representative.objects.filter(
        person__user=actor, membership__partnership=partnership,
        membership__organisation=organisation).select_related("person").first()
    _require(rep is not None, f"You do not represent {organisation} in this partnership; "
             "only its own representatives can sign for it.")
    _require(rep.has_mandate, f"You represent {organisation} without a mandate to decide, "
             "so you cannot sign for it. The partnership's stewards can record a mandate on "
             "the Members page once your organisation gives one.")
    existing = version.signatures.filter(organisation=organisation).first()
    if existing:
        raise ValidationError(f"{organisation} has already signed version {version.number} "
                              f"({existing.signatory_name or existing.person}, "
                              f"{local_date(existing.signed_at)}).")
    person = rep.person
    signature = save_audited(
        actor, Signature(version=version, organisation=organisation),
        {"person": person, "signed_by": actor, "signatory_name": person.name,
         "signatory_title": person.job_title},
        fields=["organisation", "person", "signatory_name", "signatory_title"],
        partnership_id=partnership.pk, action="agreement.signed",
        summary=f"{person} signed version {version.number} for {organisation}")
    if _party_ids(version) <= set(version.signatures.values_list("organisation_id", flat=True)):
        _agree(actor, version)
    return signature


def _agree(actor, version: AgreementVersion) -> None:
    partnership_id = version.partnership_id
    for previous in version.partnership.agreement_versions.filter(
            status=VersionStatus.AGREED).exclude(pk=version.pk):
        save_audited(actor, previous, {"status": VersionStatus.SUPERSEDED}, fields=["status"],
                     partnership_id=partnership_id,
                     summary=f"Version {previous.number} superseded by version "
                             f"{version.number}")
    save_audited(actor, version, {"status": VersionStatus.AGREED, "agreed_at": timezone.now()},
                 fields=["status"], partnership_id=partnership_id, action="agreement.agreed",
                 summary=f"Version {version.number} agreed: every member organisation has "
                         "signed")


# --- What other apps read ------------------------------------------------------------------

class AgreedRule(NamedTuple):
    rule: str
    quorum_percent: int
    majority_percent: int
    weights: dict  # organisation id -> Decimal
    source: str
    notice_days: int = 7


SHARE = Decimal("0.0001")


def weights_of(version: AgreementVersion) -> dict:
    """Each party's weight for the weighted rule: its vote weight where set, otherwise its
    share of the estimated value committed; equal weights (1) when neither is given."""
    terms = list(version.member_terms.all())
    values = _values_by_member(version)
    total = sum(values.values(), Decimal(0))
    weights = {}
    for t in terms:
        if t.vote_weight is not None:
            weights[t.organisation_id] = Decimal(t.vote_weight)
        elif total > 0:
            weights[t.organisation_id] = (values.get(t.organisation_id, Decimal(0))
                                          / total).quantize(SHARE, ROUND_HALF_UP)
        else:
            weights[t.organisation_id] = Decimal(1)
    return weights


def _values_by_member(version: AgreementVersion) -> dict:
    values = {}
    for org_id, value in version.commitments.values_list("organisation_id", "estimated_value"):
        values[org_id] = values.get(org_id, Decimal(0)) + (value or Decimal(0))
    return values


def agreed_rule(partnership: Partnership) -> AgreedRule | None:
    """The decision rule of the latest agreed version, or None when nothing is agreed."""
    version = latest_agreed(partnership)
    if version is None:
        return None
    source = f"Partnering agreement, version {version.number}" + (
        f", agreed {local_date(version.agreed_at)}" if version.agreed_at else "")
    return AgreedRule(version.decision_rule, version.quorum_percent, version.majority_percent,
                      weights_of(version), source, version.notice_days)


def _end_of(moment) -> datetime:
    if isinstance(moment, datetime):
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    if isinstance(moment, date):
        return timezone.make_aware(datetime.combine(moment, time.max))
    raise TypeError("until must be a date or a datetime")


def version_in_force(partnership: Partnership, until=None) -> AgreementVersion | None:
    """The agreed version in force at `until` (now when not given): the one agreed last on
    or before it, whether or not a later one has superseded it since."""
    versions = partnership.agreement_versions.filter(
        status__in=(VersionStatus.AGREED, VersionStatus.SUPERSEDED), agreed_at__isnull=False)
    if until is not None:
        versions = versions.filter(agreed_at__lte=_end_of(until))
    return versions.order_by("-agreed_at", "-number").first()


def committed_value_by_member(partnership: Partnership, since=None, until=None) -> dict:
    """Estimated value committed by each party, in the agreement's valuation currency, from
    the agreed version in force at the end of the period (`until`, default now). A version
    in force at the end was in force during the period, so `since` never changes which
    version counts; parties without commitments count 0. {} when nothing was agreed."""
    version = version_in_force(partnership, until)
    if version is None:
        return {}
    values = _values_by_member(version)
    return {org_id: values.get(org_id, Decimal(0)) for org_id in _party_ids(version)}


# --- Deliverables --------------------------------------------------------------------------

DELIVERABLE_FIELDS = ["title", "description", "responsible_organisation", "due_date", "status",
                      "delivered_on"]
# A due date further ahead than this is a typo (2205 for 2025), not a plan.
MAX_DUE_YEARS = 30


def may_edit_deliverables(actor, partnership: Partnership, access=None) -> bool:
    access = access or access_for(actor, partnership)
    return access.can_manage and partnership.is_active


def _require_deliverable_steward(actor, partnership: Partnership) -> None:
    _require(access_for(actor, partnership).can_manage,
             "Only the partnership's stewards (the lead partner, the brokers, admins) record "
             "its deliverables.")
    if not partnership.is_active:
        raise ValidationError("This partnership is closed; its deliverables can no longer "
                              "change.")


def _day(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        raise ValidationError({field: "Give a date (YYYY-MM-DD), not a date and time."})
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError({field: "Enter a date as YYYY-MM-DD."}) from error


def _responsible(partnership: Partnership, value):
    """A member organisation, given as object or id; None for nobody named."""
    if value in (None, ""):
        return None
    org_id = getattr(value, "pk", value)
    membership = partnership.memberships.select_related("organisation").filter(
        organisation_id=org_id).first() if isinstance(org_id, int) else None
    if membership is None:
        raise ValidationError({"responsible_organisation": "The responsible organisation must "
                               "be a member of the partnership."})
    return membership.organisation


def _deliverable_values(deliverable: Deliverable, data: dict, *, creating: bool) -> dict:
    """The fields to write, checked together: nothing is written when any is wrong."""
    unknown = set(data) - set(DELIVERABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field: {', '.join(sorted(unknown))}")
    partnership = deliverable.partnership
    values = dict(data)
    if "title" in values or creating:
        values["title"] = (values.get("title") or "").strip()
        if not values["title"]:
            raise ValidationError({"title": "Say what will be delivered."})
    if "description" in values:
        values["description"] = (values["description"] or "").replace("\r\n", "\n").strip()
    if "responsible_organisation" in values:
        values["responsible_organisation"] = _responsible(
            partnership, values["responsible_organisation"])
    for name in ("due_date", "delivered_on"):
        if name in values:
            values[name] = _day(values[name], name)
    status = values.get("status", deliverable.status)
    if status not in DeliverableStatus.values:
        raise ValidationError({"status": "Use planned, in_progress, delivered or dropped."})
    today = timezone.localdate()
    due = values.get("due_date", deliverable.due_date)
    if "due_date" in values and due is not None:
        if due.year > today.year + MAX_DUE_YEARS:
            raise ValidationError({"due_date": f"A due date more than {MAX_DUE_YEARS} years "
                                   "ahead is surely a typo."})
        started = partnership.start_date
        if started and due < started:
            raise ValidationError({"due_date": "The due date falls before the partnership "
                                   f"started ({started.isoformat()})."})
    if status == DeliverableStatus.DELIVERED:
        delivered = values.get("delivered_on") or (
            deliverable.delivered_on if deliverable.status == DeliverableStatus.DELIVERED
            else None) or today
        if delivered > today:
            raise ValidationError({"delivered_on": "A deliverable cannot be delivered in the "
                                   "future."})
        started = partnership.start_date
        if started and delivered < started:
            raise ValidationError({"delivered_on": "The delivery date falls before the "
                                   f"partnership started ({started.isoformat()})."})
        values["delivered_on"] = delivered
    else:
        if values.get("delivered_on") is not None:
            raise ValidationError({"delivered_on": "Only a delivered deliverable has a "
                                   "delivery date; set the status to delivered."})
        values["delivered_on"] = None
    values["status"] = status
    return values


@transaction.atomic
def create_deliverable(actor, partnership: Partnership, **data) -> Deliverable:
    """Something the partnership commits to deliver: what, who is responsible, by when."""
    _require_deliverable_steward(actor, partnership)
    _lock(partnership)
    last = partnership.deliverables.aggregate(n=Max("position"))["n"]
    deliverable = Deliverable(partnership=partnership,
                              position=0 if last is None else last + 1)
    values = _deliverable_values(deliverable, data, creating=True)
    return save_audited(actor, deliverable, values, fields=DELIVERABLE_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Deliverable “{values['title'][:200]}” added")


@transaction.atomic
def update_deliverable(actor, deliverable: Deliverable, **data) -> Deliverable:
    partnership = deliverable.partnership
    _require_deliverable_steward(actor, partnership)
    values = _deliverable_values(deliverable, data, creating=False)
    return save_audited(actor, deliverable, values, fields=DELIVERABLE_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Deliverable “{deliverable.title[:200]}” changed")


@transaction.atomic
def set_deliverable_status(actor, deliverable: Deliverable, *, status: str,
                           delivered_on=None) -> Deliverable:
    """Planned, in progress, delivered (on `delivered_on`, today if not given) or dropped."""
    data = {"status": status}
    if delivered_on not in (None, ""):
        data["delivered_on"] = delivered_on
    partnership = deliverable.partnership
    _require_deliverable_steward(actor, partnership)
    values = _deliverable_values(deliverable, data, creating=False)
    label = dict(DeliverableStatus.choices).get(values["status"], values["status"]).lower()
    when_delivered = (f" on {values['delivered_on'].isoformat()}"
                      if values["status"] == DeliverableStatus.DELIVERED else "")
    return save_audited(actor, deliverable, values, fields=DELIVERABLE_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Deliverable “{deliverable.title[:200]}”: {label}"
                                f"{when_delivered}")


@transaction.atomic
def delete_deliverable(actor, deliverable: Deliverable) -> None:
    """Remove a deliverable; indicators linked to it stay, unlinked."""
    partnership = deliverable.partnership
    _require_deliverable_steward(actor, partnership)
    linked = deliverable.indicators.count()
    unlinked = f"; {linked} indicator(s) unlinked" if linked else ""
    record(actor, "delete", deliverable, partnership_id=partnership.pk,
           summary=f"Deliverable “{deliverable.title[:200]}” removed{unlinked}")
    deliverable.delete()
