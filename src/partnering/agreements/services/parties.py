"""Each member's own part of a draft: its terms (own goals, interests, roles, vote weight)
and the resources it commits. A member's rows are written by its own representatives (or
its organisation admins) and by the stewards, never by another member."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.agreements import templates
from partnering.agreements.models import AgreementVersion, MemberTerms, ResourceCommitment
from partnering.agreements.services.common import (
    COMMITMENT_FIELDS,
    TERMS_FIELDS,
    lf,
    may_write_for,
    reject_unknown,
    require_open,
    status_word,
    unchanged,
)
from partnering.agreements.services.drafting import draft_for_edit
from partnering.agreements.vocabulary import ResourceKind, VersionStatus
from partnering.audit.services import record, save_audited
from partnering.guards import require
from partnering.partnerships.access import access_for
from partnering.partnerships.lifecycle import english

# --- Member terms --------------------------------------------------------------------------


def _require_writer(actor, partnership, organisation_id: int) -> None:
    """Every member may contribute; a member's own rows only that member or a steward."""
    access = access_for(actor, partnership)
    require(access.can_contribute)
    require_open(partnership)
    require(may_write_for(actor, partnership, organisation_id, access))


def _require_member(partnership, organisation) -> None:
    if not partnership.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("%(org)s is not a member of the "
                                                 "partnership.") % {"org": organisation}})


@transaction.atomic(durable=True)
def add_terms(actor, version: AgreementVersion, *, organisation, **data) -> MemberTerms:
    """Member terms for a member organisation that has none in the version yet (it joined
    after the draft started). Fields left out start with the template's guidance."""
    partnership = version.partnership
    access = access_for(actor, partnership)
    require(access.can_contribute)
    require_open(partnership)
    _require_member(partnership, organisation)
    require(may_write_for(actor, partnership, organisation.pk, access))
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Terms are added to a draft. A new draft from the agreed "
                                "version already has terms for every current member."))
    if version.member_terms.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("%(org)s already has terms in version "
                                                 "%(n)s.") % {"org": organisation,
                                                              "n": version.number}})
    values = lf({**templates.terms_fields(templates.FULL, organisation), **data})
    terms = MemberTerms(version=version, organisation=organisation)
    return save_audited(actor, terms, values, fields=TERMS_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Terms of {organisation} added to version {version.number}")


def _check_member_row_edit(actor, row, fields: list[str], data: dict):
    """A member's own row (terms or a commitment) may be edited by that member or a steward,
    with known fields only."""
    version = row.version
    partnership = version.partnership
    _require_writer(actor, partnership, row.organisation_id)
    reject_unknown(data, fields)
    return version, partnership


def _copied(model, row, copies: dict | None):
    """The copy of `row` in the new draft an edit made (itself when no draft was made)."""
    if copies is None:
        return row
    if row.pk not in copies:
        raise ValidationError(_("%(org)s is no longer a member.") % {"org": row.organisation})
    return model.objects.select_related("organisation").get(pk=copies[row.pk])


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def update_terms(actor, terms: MemberTerms, **data) -> MemberTerms:
    version, partnership = _check_member_row_edit(actor, terms, TERMS_FIELDS, data)
    data = lf(data)
    if unchanged(terms, data):
        return terms
    draft, terms_map, _commitments_map = draft_for_edit(actor, version)
    terms = _copied(MemberTerms, terms, terms_map)
    return save_audited(actor, terms, data, fields=TERMS_FIELDS, partnership_id=partnership.pk,
                        summary=f"Terms of {terms.organisation} in version {draft.number}")


@transaction.atomic(durable=True)
def delete_terms(actor, terms: MemberTerms) -> None:
    """Take a member out of a draft (e.g. it left the partnership), with its commitments."""
    version = terms.version
    partnership = version.partnership
    require(access_for(actor, partnership).can_manage)
    require_open(partnership)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Version %(n)s is %(status)s; only a draft's parties can "
                                "change.") % {"n": version.number,
                                              "status": status_word(version)})
    commitments = version.commitments.filter(organisation_id=terms.organisation_id)
    for commitment in commitments:
        record(actor, "delete", commitment, partnership_id=partnership.pk,
               summary=f"Commitment removed with {terms.organisation}'s terms")
    commitments.delete()
    record(actor, "delete", terms, partnership_id=partnership.pk,
           summary=f"{terms.organisation} is no longer a party to version {version.number}")
    terms.delete()


# --- Resource commitments ------------------------------------------------------------------

def _commitment_values(draft: AgreementVersion, data: dict, current=None) -> dict:
    data = dict(data)
    if "currency" in data:
        data["currency"] = (data["currency"] or "").strip().upper()
    if "description" in data:
        data["description"] = (data["description"] or "").strip()
    merged = {name: getattr(current, name, None) for name in COMMITMENT_FIELDS}
    merged.update(data)
    amount, currency = merged.get("amount"), merged.get("currency") or ""
    cash = merged.get("kind") == ResourceKind.CASH
    if not cash and (amount is None) != (not currency):
        raise ValidationError({"currency" if amount is not None else "amount":
                               _("Give an amount together with its currency, or neither.")})
    if cash and amount is not None and currency == draft.valuation_currency and \
            merged.get("estimated_value") is None:
        # Cash in the valuation currency is worth its amount.
        data["estimated_value"] = amount
    return data


def _kind_label(kind) -> str:
    """In English: the audit trail is a record, kept in one language."""
    return english(dict(ResourceKind.choices).get(kind, str(kind))).lower()


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def add_commitment(actor, version: AgreementVersion, *, organisation,
                   **data) -> ResourceCommitment:
    partnership = version.partnership
    _require_writer(actor, partnership, organisation.pk)
    reject_unknown(data, COMMITMENT_FIELDS)
    draft = draft_for_edit(actor, version)[0]
    if not draft.member_terms.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _(
            "%(org)s is not a party to version %(n)s; add its member terms first.")
            % {"org": organisation, "n": draft.number}})
    values = _commitment_values(draft, {"currency": "", **data})
    commitment = ResourceCommitment(version=draft, organisation=organisation)
    return save_audited(actor, commitment, values, fields=COMMITMENT_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"{organisation} commits {_kind_label(values.get('kind'))} "
                                f"in version {draft.number}")


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def update_commitment(actor, commitment: ResourceCommitment, **data) -> ResourceCommitment:
    version, partnership = _check_member_row_edit(actor, commitment, COMMITMENT_FIELDS, data)
    if unchanged(commitment, _commitment_values(version, data, current=commitment)):
        return commitment
    draft, _terms_map, commitments_map = draft_for_edit(actor, version)
    commitment = _copied(ResourceCommitment, commitment, commitments_map)
    values = _commitment_values(draft, data, current=commitment)
    return save_audited(actor, commitment, values, fields=COMMITMENT_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Commitment of {commitment.organisation} in version "
                                f"{draft.number}")


@transaction.atomic(durable=True)
def delete_commitment(actor, commitment: ResourceCommitment) -> None:
    version = commitment.version
    partnership = version.partnership
    _require_writer(actor, partnership, commitment.organisation_id)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Version %(n)s is %(status)s; remove the commitment from a "
                                "new draft instead.") % {"n": version.number,
                                                         "status": status_word(version)})
    record(actor, "delete", commitment, partnership_id=partnership.pk,
           summary=f"Commitment of {commitment.organisation} removed from version "
                   f"{version.number}")
    commitment.delete()
