"""Sign-off: the stewards propose a draft (which freezes it) or withdraw it to draft; each
member organisation signs through one of its own representatives with a mandate to decide,
and the last signature makes the version agreed. Nobody signs for another organisation, and
being a platform admin or a broker gives no right to sign.

Each moment is a named audit action: `agreement.version_proposed`, `agreement.signed`,
`agreement.agreed` and `agreement.withdrawn`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.agreements import templates
from partnering.agreements.models import SECTION_FIELDS, AgreementVersion, Signature
from partnering.agreements.services.common import (
    SECTION_TITLES,
    lock,
    member_orgs,
    party_ids,
    require_open,
    save_moment,
    status_word,
)
from partnering.agreements.vocabulary import VersionStatus
from partnering.audit.services import record, save_audited
from partnering.governance.vocabulary import DecisionRule
from partnering.guards import require
from partnering.jinja2 import local_date
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Representative

# --- What stops a draft from being proposed ------------------------------------------------


def _listed(names) -> str:
    return ", ".join(names) + "."


def _membership_problems(members: dict, terms: list) -> list[str]:
    parties = {t.organisation_id for t in terms}
    missing = sorted(str(org) for org_id, org in members.items() if org_id not in parties)
    gone = sorted(str(t.organisation) for t in terms if t.organisation_id not in members)
    problems = []
    if missing:
        problems.append(_("These members have no terms in this version yet: %(names)s")
                        % {"names": _listed(missing)})
    if gone:
        problems.append(_("These organisations are no longer members; remove their terms: "
                          "%(names)s") % {"names": _listed(gone)})
    return problems


def _text_problems(version: AgreementVersion, terms: list) -> list[str]:
    problems = [_("Write the section “%(title)s”.") % {"title": SECTION_TITLES[name]}
                for name in ("purpose_vision", "common_goals")
                if not getattr(version, name).strip()]
    guided = [str(SECTION_TITLES[name]) for name in SECTION_FIELDS
              if templates.unfinished(getattr(version, name))]
    if guided:
        problems.append(_("These sections still hold template guidance in [square "
                          "brackets]: %(names)s") % {"names": _listed(guided)})
    guided_terms = [str(t.organisation) for t in terms
                    if any(templates.unfinished(getattr(t, f))
                           for f in ("own_goals", "interests", "roles"))]
    if guided_terms:
        problems.append(_("The terms of these members still hold template guidance in "
                          "[square brackets]: %(names)s") % {"names": _listed(guided_terms)})
    return problems


def _change_note_missing(version: AgreementVersion) -> bool:
    later = bool(version.based_on_id or version.number > 1)
    note = version.change_note
    return later and (not note.strip() or templates.unfinished(note))


def _weights_incomplete(version: AgreementVersion, terms: list) -> bool:
    weighted = [t.vote_weight is not None for t in terms]
    return version.decision_rule == DecisionRule.WEIGHTED and any(weighted) and \
        not all(weighted)


def proposal_problems(version: AgreementVersion) -> list[str]:
    """What stops a draft from being proposed for sign-off, in plain words."""
    terms = list(version.member_terms.select_related("organisation"))
    problems = _membership_problems(member_orgs(version.partnership), terms)
    problems += _text_problems(version, terms)
    if _change_note_missing(version):
        problems.append(_("Say what this version changes and why (“What changes and "
                          "why”)."))
    if _weights_incomplete(version, terms):
        problems.append(_("Under the weighted rule give every member a vote weight, or "
                          "none (then weights follow the estimated value committed)."))
    return problems


# --- Proposing and withdrawing -------------------------------------------------------------

def _steward_lock(actor, version: AgreementVersion, allowed: str, doing: str) -> None:
    """A steward's change of a version's status: locked, read afresh, in status `allowed`."""
    partnership = version.partnership
    require(access_for(actor, partnership).can_manage)
    require_open(partnership)
    lock(partnership)
    version.refresh_from_db()
    if version.status != allowed:
        raise ValidationError(_("Version %(n)s is %(status)s; %(doing)s.") % {
            "n": version.number, "status": status_word(version), "doing": doing})


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def propose(actor, version: AgreementVersion) -> AgreementVersion:
    """Freeze a draft and ask every member organisation to sign it."""
    _steward_lock(actor, version, VersionStatus.DRAFT, _("only a draft can be proposed"))
    problems = proposal_problems(version)
    if problems:
        raise ValidationError(problems)
    parties = [str(t.organisation) for t in version.member_terms.select_related("organisation")]
    return save_moment(
        actor, version, {"status": VersionStatus.PROPOSED, "proposed_at": timezone.now()},
        fields=["status"], action="agreement.version_proposed",
        context={"version": version.number, "parties": ", ".join(parties)},
        partnership_id=version.partnership_id,
        summary=f"Version {version.number} proposed for sign-off by {', '.join(parties)}")


@transaction.atomic(durable=True)
def withdraw(actor, version: AgreementVersion, *, reason: str) -> AgreementVersion:
    """Take a proposed version back to draft; the signatures given so far are cleared."""
    _steward_lock(actor, version, VersionStatus.PROPOSED,
                  _("only a proposed version can be withdrawn"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the version goes back to draft; every "
                                           "partner who signed will see it.")})
    cleared = _clear_signatures(actor, version)
    note = f" {len(cleared)} signature(s) cleared." if cleared else ""
    return save_moment(
        actor, version, {"status": VersionStatus.DRAFT, "proposed_at": None},
        fields=["status"], action="agreement.withdrawn",
        context={"version": version.number, "reason": reason,
                 "signatures_cleared": ", ".join(cleared)},
        partnership_id=version.partnership_id,
        summary=f"Version {version.number} withdrawn to draft: {reason}{note}")


def _clear_signatures(actor, version: AgreementVersion) -> list[str]:
    """Delete the version's signatures, each recorded; the organisations that had signed."""
    signatures = list(version.signatures.select_related("organisation"))
    for signature in signatures:
        record(actor, "delete", signature, partnership_id=version.partnership_id,
               summary=f"Signature of {signature.organisation} cleared: version "
                       f"{version.number} withdrawn to draft")
    version.signatures.all().delete()
    return [str(signature.organisation) for signature in signatures]


# --- Signing -------------------------------------------------------------------------------

def signable_for(actor, version: AgreementVersion) -> list:
    """The member organisations this user may sign this version for now: parties they
    represent with a mandate to decide, that have not signed yet."""
    if not actor.is_authenticated or version.status != VersionStatus.PROPOSED:
        return []
    signed = set(version.signatures.values_list("organisation_id", flat=True))
    reps = Representative.objects.filter(
        person__user=actor, has_mandate=True, membership__partnership_id=version.partnership_id,
        membership__organisation_id__in=party_ids(version),
    ).select_related("membership__organisation")
    return [rep.membership.organisation for rep in reps
            if rep.membership.organisation_id not in signed]


def _require_signable(version: AgreementVersion, organisation) -> None:
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(_("Version %(n)s is %(status)s; only a version proposed for "
                                "sign-off can be signed.") % {"n": version.number,
                                                              "status": status_word(version)})
    if organisation.pk not in party_ids(version):
        raise ValidationError({"organisation": _("%(org)s is not a party to version %(n)s.")
                               % {"org": organisation, "n": version.number}})


def _require_unsigned(version: AgreementVersion, organisation) -> None:
    existing = version.signatures.filter(organisation=organisation).first()
    if existing:
        raise ValidationError(_("%(org)s has already signed version %(n)s (%(who)s, "
                                "%(day)s).") % {
            "org": organisation, "n": version.number,
            "who": existing.signatory_name or existing.person,
            "day": local_date(existing.signed_at)})


def _mandated_representative(actor, partnership, organisation) -> Representative:
    rep = Representative.objects.filter(
        person__user=actor, membership__partnership=partnership,
        membership__organisation=organisation).select_related("person").first()
    require(rep is not None, _("You do not represent %(org)s in this partnership; only its "
                               "own representatives can sign for it.") % {"org": organisation})
    require(rep.has_mandate, _("You represent %(org)s without a mandate to decide, so you "
                               "cannot sign for it. The partnership's stewards can record a "
                               "mandate on the Members page once your organisation gives "
                               "one.") % {"org": organisation})
    return rep


# Not durable: the demo loader runs it inside its own transaction.
@transaction.atomic
def sign(actor, version: AgreementVersion, *, organisation) -> Signature:
    """Sign a proposed version for one member organisation the user represents with a
    mandate. When every party has signed, the version is agreed and the previously agreed
    version is superseded."""
    partnership = version.partnership
    require(actor.is_authenticated)
    require_open(partnership)
    lock(partnership)
    version.refresh_from_db()
    _require_signable(version, organisation)
    person = _mandated_representative(actor, partnership, organisation).person
    _require_unsigned(version, organisation)
    signature = save_moment(
        actor, Signature(version=version, organisation=organisation),
        {"person": person, "signed_by": actor, "signatory_name": person.name,
         "signatory_title": person.job_title},
        fields=["organisation", "person", "signatory_name", "signatory_title"],
        action="agreement.signed", context={"version": version.number},
        partnership_id=partnership.pk,
        summary=f"{person} signed version {version.number} for {organisation}")
    signed = set(version.signatures.values_list("organisation_id", flat=True))
    if party_ids(version) <= signed:
        _agree(actor, version)
    return signature


def _agree(actor, version: AgreementVersion) -> None:
    """Every party has signed: the version is agreed, the one agreed before superseded."""
    partnership_id = version.partnership_id
    for previous in version.partnership.agreement_versions.filter(
            status=VersionStatus.AGREED).exclude(pk=version.pk):
        save_audited(actor, previous, {"status": VersionStatus.SUPERSEDED}, fields=["status"],
                     partnership_id=partnership_id,
                     summary=f"Version {previous.number} superseded by version "
                             f"{version.number}")
    parties = sorted(str(s.organisation) for s in version.signatures.select_related(
        "organisation"))
    save_moment(actor, version, {"status": VersionStatus.AGREED, "agreed_at": timezone.now()},
                fields=["status"], action="agreement.agreed",
                context={"version": version.number, "signed_by": ", ".join(parties)},
                partnership_id=partnership_id,
                summary=f"Version {version.number} agreed: every member organisation has "
                        "signed")
