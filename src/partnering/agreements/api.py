"""/api/v1/partnerships/{id}/agreement/...: the partnering agreement, its versions, member
terms, resource commitments, sign-off, the difference between versions and the exports."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from partnering.agreements import diff as differ
from partnering.agreements import exports, services
from partnering.agreements.models import Deliverable
from partnering.agreements.queries import deliverables, get_version, party_status, version_rows
from partnering.agreements.templates import DEFAULT_TEMPLATE, TEMPLATES
from partnering.agreements.vocabulary import DeliverableStatus, ResourceKind, VersionStatus
from partnering.governance.vocabulary import DecisionRule
from partnering.limits import MAX_TEXT
from partnering.partnerships.models import Partnership
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    Row,
    require_user,
)

router = Router(tags=["agreements"])
# /api/v1/deliverables/{id}: one deliverable, found through the partnerships one may see.
deliverables_router = Router(tags=["agreements"])

BASE = "/{int:partnership_id}/agreement"
VERSION = BASE + "/versions/{int:version_number}"


def _visible(request, partnership_id: int) -> Partnership:
    return get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_id)


def _version(request, partnership_id: int, version_number: int):
    return get_version(_visible(request, partnership_id), version_number)


def _organisation(partnership: Partnership, organisation_id: int):
    """A member organisation of this partnership; 422 for any other id."""
    membership = partnership.memberships.select_related("organisation").filter(
        organisation_id=organisation_id).first()
    if membership is None:
        raise ValidationError({"organisation_id": "Not a member organisation of this "
                               "partnership."})
    return membership.organisation


# --- Schemas -------------------------------------------------------------------------------

class VersionRowOut(Row):
    id: int
    number: int
    status: str
    title: str
    decision_rule: str
    quorum_percent: int
    majority_percent: int
    notice_days: int
    valuation_currency: str
    change_note: str
    created: dt.datetime
    proposed_at: dt.datetime | None
    agreed_at: dt.datetime | None
    based_on_number: int | None
    created_by_name: str
    party_count: int
    signature_count: int


class TermsOut(Row):
    id: int
    version_number: int
    organisation_id: int
    organisation_name: str
    own_goals: str
    interests: str
    roles: str
    vote_weight: Decimal | None
    committed_value: Decimal


class CommitmentOut(Row):
    id: int
    version_number: int
    organisation_id: int
    organisation_name: str
    kind: str
    description: str
    amount: Decimal | None
    currency: str
    estimated_value: Decimal | None


class SignatureOut(Row):
    id: int
    version_number: int
    organisation_id: int
    organisation_name: str
    person_id: int
    signatory_name: str
    signatory_title: str
    signed_at: dt.datetime


class PartyOut(Row):
    organisation_id: int
    organisation_name: str
    signed: bool
    signed_by: str | None
    signed_at: dt.datetime | None
    mandated_representatives: list[str] = Field(
        description="Who may sign for this member: its representatives with a mandate")
    committed_value: Decimal


class VersionOut(Row):
    id: int
    number: int
    status: str
    title: str
    purpose_vision: str
    culture_values: str
    common_goals: str
    governance_structure: str
    resourcing: str
    risks: str
    code_of_conduct: str
    kpis: str
    review_schedule: str
    grievance_exit: str
    data_ip: str
    decision_rule: str
    quorum_percent: int
    majority_percent: int
    notice_days: int
    valuation_currency: str
    change_note: str
    based_on_number: int | None
    created: dt.datetime
    proposed_at: dt.datetime | None
    agreed_at: dt.datetime | None
    terms: list[TermsOut]
    commitments: list[CommitmentOut]
    parties: list[PartyOut]
    total_committed: Decimal
    problems: list[str] = Field(description="For a draft: what stops it being proposed")
    exports: dict[str, str]


class RuleOut(Row):
    rule: str
    quorum_percent: int
    majority_percent: int
    weights: dict[int, Decimal]
    source: str
    notice_days: int = Field(description="Days a proposal stays open for positions at least")


class AgreementOut(Row):
    agreed_version: int | None
    agreed_at: dt.datetime | None
    in_progress_version: int | None
    in_progress_status: str | None
    waiting_for: list[PartyOut] = Field(
        description="Members that have not signed the version proposed for sign-off")
    rule: RuleOut | None
    committed_value_by_member: dict[int, Decimal]


class TemplateOut(Row):
    key: str
    name: str
    description: str
    source: str
    decision_rule: str
    quorum_percent: int
    majority_percent: int


class VersionIn(Payload):
    source: Literal["template", "latest"] = Field(
        "template", description="Start from a template, or copy the latest version")
    template: str = Field(DEFAULT_TEMPLATE, max_length=40)
    title: str = Field("", max_length=200)
    valuation_currency: str = Field("", max_length=10)


class VersionPatch(Payload):
    title: str | None = Field(None, max_length=200)
    purpose_vision: str | None = Field(None, max_length=MAX_TEXT)
    culture_values: str | None = Field(None, max_length=MAX_TEXT)
    common_goals: str | None = Field(None, max_length=MAX_TEXT)
    governance_structure: str | None = Field(None, max_length=MAX_TEXT)
    resourcing: str | None = Field(None, max_length=MAX_TEXT)
    risks: str | None = Field(None, max_length=MAX_TEXT)
    code_of_conduct: str | None = Field(None, max_length=MAX_TEXT)
    kpis: str | None = Field(None, max_length=MAX_TEXT)
    review_schedule: str | None = Field(None, max_length=MAX_TEXT)
    grievance_exit: str | None = Field(None, max_length=MAX_TEXT)
    data_ip: str | None = Field(None, max_length=MAX_TEXT)
    change_note: str | None = Field(None, max_length=MAX_TEXT)
    decision_rule: DecisionRule | None = None
    quorum_percent: int | None = None
    majority_percent: int | None = None
    notice_days: int | None = Field(None, ge=0, le=90)
    valuation_currency: str | None = Field(None, max_length=10)


class TermsIn(Payload):
    organisation_id: int
    own_goals: str | None = Field(None, max_length=MAX_TEXT)
    interests: str | None = Field(None, max_length=MAX_TEXT)
    roles: str | None = Field(None, max_length=MAX_TEXT)
    vote_weight: Decimal | None = None


class TermsPatch(Payload):
    own_goals: str | None = Field(None, max_length=MAX_TEXT)
    interests: str | None = Field(None, max_length=MAX_TEXT)
    roles: str | None = Field(None, max_length=MAX_TEXT)
    vote_weight: Decimal | None = Field(None, description="null clears it")


class CommitmentIn(Payload):
    organisation_id: int
    kind: ResourceKind
    description: str = Field(..., min_length=1, max_length=500)
    amount: Decimal | None = Field(None, description="For cash: the amount in `currency`")
    currency: str = Field("", max_length=10, description="ISO 4217, e.g. EUR, KES")
    estimated_value: Decimal | None = Field(
        None, description="In the agreement's valuation currency")


class CommitmentPatch(Payload):
    kind: ResourceKind | None = None
    description: str | None = Field(None, min_length=1, max_length=500)
    amount: Decimal | None = None
    currency: str | None = Field(None, max_length=10)
    estimated_value: Decimal | None = None


class AgreementWithdrawIn(Payload):
    reason: str = Field(..., min_length=1, max_length=MAX_TEXT)


class SignIn(Payload):
    organisation_id: int = Field(..., description="The member organisation you sign for")


class DiffQuery(Schema):
    from_version: int | None = Field(
        None, alias="from", ge=1, le=1_000_000,
        description="Default: the version `to` is based on (or the one before it)")
    to_version: int | None = Field(None, alias="to", ge=1, le=1_000_000,
                                   description="Default: the latest version")
    mode: Literal["word", "line"] = "word"


class OpOut(Row):
    op: Literal["equal", "delete", "insert"]
    text: str


class TextChangeOut(Row):
    field: str
    title: str
    changed: bool
    added: int
    removed: int
    ops: list[OpOut]


class SettingChangeOut(Row):
    field: str
    title: str
    old: str
    new: str


class WeightChangeOut(Row):
    old: str
    new: str
    changed: bool


class TermsChangeOut(Row):
    organisation_id: int
    organisation: str
    status: Literal["added", "removed", "kept"]
    changed: bool
    fields: list[TextChangeOut]
    vote_weight: WeightChangeOut


class CommitmentChangeOut(Row):
    organisation_id: int
    organisation: str
    changed: bool
    added: list[str]
    removed: list[str]
    kept: list[str]


class DiffSummaryOut(Row):
    identical: bool
    settings: int
    sections: list[str]
    terms: list[str]
    commitments: list[str]


class DiffOut(Row):
    from_version: int
    to_version: int
    mode: str
    summary: DiffSummaryOut
    settings: list[SettingChangeOut]
    sections: list[TextChangeOut]
    terms: list[TermsChangeOut]
    commitments: list[CommitmentChangeOut]


# --- Rows ----------------------------------------------------------------------------------

def _terms_row(t, number: int, committed: Decimal = Decimal(0)) -> dict:
    return {"id": t.pk, "version_number": number, "organisation_id": t.organisation_id,
            "organisation_name": str(t.organisation), "own_goals": t.own_goals,
            "interests": t.interests, "roles": t.roles, "vote_weight": t.vote_weight,
            "committed_value": committed}


def _commitment_row(c, number: int) -> dict:
    return {"id": c.pk, "version_number": number, "organisation_id": c.organisation_id,
            "organisation_name": str(c.organisation), "kind": c.kind,
            "description": c.description, "amount": c.amount, "currency": c.currency,
            "estimated_value": c.estimated_value}


def _signature_row(s, number: int) -> dict:
    return {"id": s.pk, "version_number": number, "organisation_id": s.organisation_id,
            "organisation_name": str(s.organisation), "person_id": s.person_id,
            "signatory_name": s.signatory_name or s.person.name,
            "signatory_title": s.signatory_title, "signed_at": s.signed_at}


def _party_row(p) -> dict:
    s = p.signature
    return {"organisation_id": p.organisation.pk, "organisation_name": str(p.organisation),
            "signed": s is not None,
            "signed_by": (s.signatory_name or s.person.name) if s else None,
            "signed_at": s.signed_at if s else None,
            "mandated_representatives": p.mandated, "committed_value": p.committed}


def _version_out(partnership: Partnership, number: int) -> dict:
    version = get_version(partnership, number)
    parties = party_status(version)
    committed = {p.organisation.pk: p.committed for p in parties}
    base = f"/api/v1/partnerships/{partnership.pk}/agreement/versions/{number}"
    return {
        **{name: getattr(version, name) for name in VersionOut.model_fields
           if hasattr(version, name) and name not in ("terms", "commitments", "exports")},
        "based_on_number": version.based_on.number if version.based_on else None,
        "terms": [_terms_row(t, number, committed.get(t.organisation_id, Decimal(0)))
                  for t in version.member_terms.all()],
        "commitments": [_commitment_row(c, number) for c in version.commitments.all()],
        "parties": [_party_row(p) for p in parties],
        "total_committed": sum(committed.values(), Decimal(0)),
        "problems": services.proposal_problems(version)
        if version.status == VersionStatus.DRAFT else [],
        "exports": {"docx": base + ".docx", "pdf": base + ".pdf",
                    "html": f"/partnerships/{partnership.pk}/agreement/versions/{number}/print/"},
    }


def _answer(version_number: int, changed_number: int, body):
    """201 when the edit made a new draft (the version edited was agreed), else 200."""
    return Status(201 if changed_number != version_number else 200, body)


# --- Endpoints -----------------------------------------------------------------------------

@router.get(BASE, response={200: AgreementOut, **READ_ERRORS},
            summary="The agreement at a glance: the agreed version, the one in progress, "
                    "who still has to sign, and the agreed decision rule")
def get_agreement(request, partnership_id: int):
    partnership = _visible(request, partnership_id)
    agreed = services.latest_agreed(partnership)
    current = services.in_progress(partnership)
    waiting = []
    if current and current.status == VersionStatus.PROPOSED:
        waiting = [_party_row(p) for p in party_status(get_version(partnership, current.number))
                   if not p.signed]
    rule = services.agreed_rule(partnership)
    return {"agreed_version": agreed.number if agreed else None,
            "agreed_at": agreed.agreed_at if agreed else None,
            "in_progress_version": current.number if current else None,
            "in_progress_status": current.status if current else None,
            "waiting_for": waiting, "rule": rule._asdict() if rule else None,
            "committed_value_by_member": services.committed_value_by_member(partnership)}


@router.get(BASE + "/templates", response={200: list[TemplateOut], **READ_ERRORS},
            summary="Agreement templates a draft can start from")
@paginate(LimitOffsetPagination)
def list_templates(request, partnership_id: int):
    _visible(request, partnership_id)
    return [{"key": t.key, "name": t.name, "description": t.description, "source": t.source,
             "decision_rule": t.decision_rule, "quorum_percent": t.quorum_percent,
             "majority_percent": t.majority_percent} for t in TEMPLATES.values()]


@router.get(BASE + "/versions", response={200: list[VersionRowOut], **READ_ERRORS},
            summary="Versions of the agreement, newest first")
@paginate(LimitOffsetPagination)
def list_versions(request, partnership_id: int):
    return version_rows(_visible(request, partnership_id))


@router.post(BASE + "/versions", response={201: VersionOut, **WRITE_ERRORS},
             summary="Start a draft from a template or from the latest version",
             description="`source: template` pre-fills every section with the template's "
                         "guidance and gives every member organisation its terms; `source: "
                         "latest` copies the latest version as version n+1. One version can "
                         "be in progress (draft or proposed) at a time.")
def create_version(request, partnership_id: int, payload: VersionIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    if payload.source == "latest":
        version = services.start_from_latest(request.user, partnership)
    else:
        version = services.start_from_template(
            request.user, partnership, template=payload.template, title=payload.title,
            valuation_currency=payload.valuation_currency)
    return Status(201, _version_out(partnership, version.number))


@router.get(VERSION, response={200: VersionOut, **READ_ERRORS})
def get_version_detail(request, partnership_id: int, version_number: int):
    partnership = _visible(request, partnership_id)
    return _version_out(partnership, get_version(partnership, version_number).number)


@router.patch(VERSION, response={200: VersionOut, 201: VersionOut, **WRITE_ERRORS},
              summary="Edit a draft's sections, decision rule or valuation currency",
              description="A draft changes in place (200). Editing the agreed version makes "
                          "a new draft n+1 with the change (201); the agreed version stays in "
                          "force. Proposed and superseded versions answer 422.")
def update_version(request, partnership_id: int, version_number: int, payload: VersionPatch):
    require_user(request)
    partnership = _visible(request, partnership_id)
    version = get_version(partnership, version_number)
    data = payload.dict(exclude_unset=True)
    for name, value in list(data.items()):
        if value is None:
            if name in ("decision_rule", "quorum_percent", "majority_percent", "notice_days",
                        "valuation_currency", "title"):
                raise ValidationError({name: "This field cannot be empty."})
            data[name] = ""
        elif hasattr(value, "value"):
            data[name] = value.value
    changed = services.update_version(request.user, version, **data)
    return _answer(version_number, changed.number, _version_out(partnership, changed.number))


def _export(request, partnership_id: int, version_number: int, kind: str) -> HttpResponse:
    version = _version(request, partnership_id, version_number)
    doc = exports.document(version)
    if kind == "docx":
        body, content_type = exports.to_docx(doc), exports.DOCX_TYPE
    else:
        body, content_type = exports.to_pdf(doc), exports.PDF_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(version, kind)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file(content_type: str, what: str) -> dict:
    return {"responses": {200: {"description": what, "content": {
        content_type: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get(VERSION + ".docx", response=READ_ERRORS, summary="The version as a Word document",
            openapi_extra=_file(exports.DOCX_TYPE, "DOCX with the signatures table"))
def export_docx(request, partnership_id: int, version_number: int):
    return _export(request, partnership_id, version_number, "docx")


@router.get(VERSION + ".pdf", response=READ_ERRORS, summary="The version as a PDF",
            openapi_extra=_file(exports.PDF_TYPE, "PDF with the signatures table"))
def export_pdf(request, partnership_id: int, version_number: int):
    return _export(request, partnership_id, version_number, "pdf")


# Member terms

@router.get(VERSION + "/terms", response={200: list[TermsOut], **READ_ERRORS},
            summary="Each member's own goals, interests, roles and vote weight")
@paginate(LimitOffsetPagination)
def list_terms(request, partnership_id: int, version_number: int):
    version = _version(request, partnership_id, version_number)
    committed = {p.organisation.pk: p.committed for p in party_status(version)}
    return [_terms_row(t, version.number, committed.get(t.organisation_id, Decimal(0)))
            for t in version.member_terms.all()]


@router.post(VERSION + "/terms", response={201: TermsOut, **WRITE_ERRORS},
             summary="Add the terms of a member that has none in this version",
             description="On the agreed version this makes a new draft n+1 first.")
def add_terms(request, partnership_id: int, version_number: int, payload: TermsIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    version = get_version(partnership, version_number)
    data = payload.dict(exclude_unset=True)
    organisation = _organisation(partnership, data.pop("organisation_id"))
    data = {k: ("" if v is None and k != "vote_weight" else v) for k, v in data.items()}
    terms = services.add_terms(request.user, version, organisation=organisation, **data)
    return Status(201, _terms_row(terms, terms.version.number))


def _terms(request, partnership_id, version_number, terms_id):
    version = _version(request, partnership_id, version_number)
    terms = get_object_or_404(version.member_terms.all(), pk=terms_id)
    terms.version = version
    return terms


@router.get(VERSION + "/terms/{int:terms_id}", response={200: TermsOut, **READ_ERRORS})
def get_terms(request, partnership_id: int, version_number: int, terms_id: int):
    terms = _terms(request, partnership_id, version_number, terms_id)
    committed = {p.organisation.pk: p.committed for p in party_status(terms.version)}
    return _terms_row(terms, version_number, committed.get(terms.organisation_id, Decimal(0)))


@router.patch(VERSION + "/terms/{int:terms_id}",
              response={200: TermsOut, 201: TermsOut, **WRITE_ERRORS},
              summary="Edit a member's terms (its own representatives or the stewards)",
              description="On the agreed version this makes a new draft n+1 (201).")
def update_terms(request, partnership_id: int, version_number: int, terms_id: int,
                 payload: TermsPatch):
    require_user(request)
    terms = _terms(request, partnership_id, version_number, terms_id)
    data = payload.dict(exclude_unset=True)
    data = {k: ("" if v is None and k != "vote_weight" else v) for k, v in data.items()}
    changed = services.update_terms(request.user, terms, **data)
    return _answer(version_number, changed.version.number,
                   _terms_row(changed, changed.version.number))


@router.delete(VERSION + "/terms/{int:terms_id}", response={204: None, **WRITE_ERRORS},
               summary="Take a member out of a draft, with its commitments (stewards)")
def delete_terms(request, partnership_id: int, version_number: int, terms_id: int):
    require_user(request)
    services.delete_terms(request.user,
                          _terms(request, partnership_id, version_number, terms_id))
    return Status(204, None)


# Resource commitments

@router.get(VERSION + "/commitments", response={200: list[CommitmentOut], **READ_ERRORS},
            summary="Resources committed by each member")
@paginate(LimitOffsetPagination)
def list_commitments(request, partnership_id: int, version_number: int):
    version = _version(request, partnership_id, version_number)
    return [_commitment_row(c, version.number) for c in version.commitments.all()]


@router.post(VERSION + "/commitments", response={201: CommitmentOut, **WRITE_ERRORS},
             summary="Commit a resource: cash (amount and currency), in kind, staff time, "
                     "expertise, data or networks, with its estimated value",
             description="Negative values, an unknown currency and cash without an amount "
                         "and currency answer 422. On the agreed version this makes a new "
                         "draft n+1 first.")
def add_commitment(request, partnership_id: int, version_number: int,
                   payload: CommitmentIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    version = get_version(partnership, version_number)
    data = payload.dict()
    organisation = _organisation(partnership, data.pop("organisation_id"))
    data["kind"] = payload.kind.value
    commitment = services.add_commitment(request.user, version, organisation=organisation,
                                         **data)
    return Status(201, _commitment_row(commitment, commitment.version.number))


def _commitment(request, partnership_id, version_number, commitment_id):
    version = _version(request, partnership_id, version_number)
    commitment = get_object_or_404(version.commitments.all(), pk=commitment_id)
    commitment.version = version
    return commitment


@router.get(VERSION + "/commitments/{int:commitment_id}",
            response={200: CommitmentOut, **READ_ERRORS})
def get_commitment(request, partnership_id: int, version_number: int, commitment_id: int):
    return _commitment_row(_commitment(request, partnership_id, version_number, commitment_id),
                           version_number)


@router.patch(VERSION + "/commitments/{int:commitment_id}",
              response={200: CommitmentOut, 201: CommitmentOut, **WRITE_ERRORS},
              description="On the agreed version this makes a new draft n+1 (201).")
def update_commitment(request, partnership_id: int, version_number: int, commitment_id: int,
                      payload: CommitmentPatch):
    require_user(request)
    commitment = _commitment(request, partnership_id, version_number, commitment_id)
    data = payload.dict(exclude_unset=True)
    for name in ("kind", "description"):
        if name in data and data[name] is None:
            raise ValidationError({name: "This field cannot be empty."})
    if data.get("kind") is not None:
        data["kind"] = payload.kind.value
    if "currency" in data and data["currency"] is None:
        data["currency"] = ""
    changed = services.update_commitment(request.user, commitment, **data)
    return _answer(version_number, changed.version.number,
                   _commitment_row(changed, changed.version.number))


@router.delete(VERSION + "/commitments/{int:commitment_id}",
               response={204: None, **WRITE_ERRORS})
def delete_commitment(request, partnership_id: int, version_number: int, commitment_id: int):
    require_user(request)
    services.delete_commitment(
        request.user, _commitment(request, partnership_id, version_number, commitment_id))
    return Status(204, None)


# Sign-off

@router.post(VERSION + "/propose", response={200: VersionOut, **WRITE_ERRORS},
             summary="Propose a draft for sign-off by every member (stewards)",
             description="Freezes the version. 422 lists what stops it: members without "
                         "terms, guidance left in [square brackets], a missing change note.")
def propose(request, partnership_id: int, version_number: int):
    require_user(request)
    partnership = _visible(request, partnership_id)
    version = services.propose(request.user, get_version(partnership, version_number))
    return _version_out(partnership, version.number)


@router.post(VERSION + "/withdraw", response={200: VersionOut, **WRITE_ERRORS},
             summary="Take a proposed version back to draft, clearing its signatures "
                     "(stewards)")
def withdraw(request, partnership_id: int, version_number: int, payload: AgreementWithdrawIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    version = services.withdraw(request.user, get_version(partnership, version_number),
                                reason=payload.reason)
    return _version_out(partnership, version.number)


@router.get(VERSION + "/signatures", response={200: list[SignatureOut], **READ_ERRORS},
            summary="Who signed the version, for which organisation and when")
@paginate(LimitOffsetPagination)
def list_signatures(request, partnership_id: int, version_number: int):
    version = _version(request, partnership_id, version_number)
    return [_signature_row(s, version.number) for s in version.signatures.all()]


@router.post(VERSION + "/signatures", response={201: SignatureOut, **WRITE_ERRORS},
             summary="Sign a proposed version for a member organisation you represent",
             description="Only a representative of that organisation with a mandate to "
                         "decide may sign (403 otherwise, also for platform admins and "
                         "brokers). Signing twice, or a version that is not proposed, "
                         "answers 422. The last signature makes the version agreed.")
def sign(request, partnership_id: int, version_number: int, payload: SignIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    version = get_version(partnership, version_number)
    organisation = _organisation(partnership, payload.organisation_id)
    signature = services.sign(request.user, version, organisation=organisation)
    return Status(201, _signature_row(signature, version.number))


@router.get(BASE + "/diff", response={200: DiffOut, **READ_ERRORS},
            summary="The difference between two versions, section by section",
            description="`?from=1&to=2&mode=word|line`: per section the text operations "
                        "(equal, delete, insert), then member terms and commitments per "
                        "organisation.")
def diff(request, partnership_id: int, query: Query[DiffQuery]):
    partnership = _visible(request, partnership_id)
    to_number = query.to_version
    if to_number is None:
        latest = partnership.agreement_versions.order_by("-number").first()
        if latest is None:
            raise Http404
        to_number = latest.number
    new = get_version(partnership, to_number)
    from_number = query.from_version
    if from_number is None:
        from_number = new.based_on.number if new.based_on else max(to_number - 1, 1)
    old = get_version(partnership, from_number)
    return differ.compare(old, new, query.mode)


# --- Deliverables --------------------------------------------------------------------------

class DeliverableIndicatorOut(Row):
    id: int
    name: str
    unit: str
    progress: float | None = Field(description="0..1 towards the final target; null: unknown")
    latest_value: str | None
    latest_date: dt.date | None


class DeliverableOut(Row):
    id: int
    partnership_id: int
    title: str
    description: str
    responsible_organisation_id: int | None
    responsible_organisation_name: str | None
    due_date: dt.date | None
    status: str
    delivered_on: dt.date | None
    position: int
    days_overdue: int = Field(description="Days past the due date while neither delivered "
                                          "nor dropped; 0 otherwise")
    created: dt.datetime
    indicators: list[DeliverableIndicatorOut] = Field(
        description="Indicators linked to the deliverable, with their progress")


class DeliverableIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=MAX_TEXT)
    responsible_organisation_id: int | None = Field(None, description="A member organisation")
    due_date: dt.date | None = None
    status: DeliverableStatus = DeliverableStatus.PLANNED
    delivered_on: dt.date | None = Field(
        None, description="Only with status `delivered`; today when not given")


class DeliverablePatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=MAX_TEXT)
    responsible_organisation_id: int | None = Field(None, description="null: nobody named")
    due_date: dt.date | None = None
    status: DeliverableStatus | None = None
    delivered_on: dt.date | None = None


def _number(value) -> str | None:
    return None if value is None else f"{Decimal(value).normalize():f}"


def _deliverable_row(d) -> dict:
    org = d.responsible_organisation
    return {
        "id": d.pk, "partnership_id": d.partnership_id, "title": d.title,
        "description": d.description, "responsible_organisation_id": d.responsible_organisation_id,
        "responsible_organisation_name": str(org) if org else None, "due_date": d.due_date,
        "status": d.status, "delivered_on": d.delivered_on, "position": d.position,
        "days_overdue": d.days_overdue, "created": d.created,
        "indicators": [{"id": i.pk, "name": i.name, "unit": i.unit, "progress": i.progress,
                        "latest_value": _number(i.latest_value), "latest_date": i.latest_date}
                       for i in d.indicators.all()],
    }


def _deliverable_data(payload: Schema, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if "responsible_organisation_id" in data:
        data["responsible_organisation"] = data.pop("responsible_organisation_id")
    for name in ("title", "status"):
        if name in data and data[name] is None:
            raise ValidationError({name: "This field cannot be empty."})
    if data.get("status") is not None:
        data["status"] = DeliverableStatus(data["status"]).value
    if "description" in data and data["description"] is None:
        data["description"] = ""
    return data


def _one_deliverable(deliverable_id: int) -> dict:
    return _deliverable_row(Deliverable.objects.select_related("responsible_organisation")
                            .prefetch_related("indicators").get(pk=deliverable_id))


def _visible_deliverable(request, deliverable_id: int) -> Deliverable:
    return get_object_or_404(
        Deliverable.objects.select_related("partnership", "responsible_organisation")
        .filter(partnership__in=Partnership.objects.visible_to(request.user)),
        pk=deliverable_id)


@router.get("/{int:partnership_id}/deliverables",
            response={200: list[DeliverableOut], **READ_ERRORS},
            summary="What the partnership commits to deliver: who is responsible, by when, "
                    "the status and the indicators linked")
@paginate(LimitOffsetPagination)
def list_deliverables(request, partnership_id: int):
    return [_deliverable_row(d) for d in deliverables(_visible(request, partnership_id))]


@router.post("/{int:partnership_id}/deliverables",
             response={201: DeliverableOut, **WRITE_ERRORS},
             summary="Record a deliverable (stewards)",
             description="The responsible organisation must be a member; a due date before "
                         "the partnership started or decades ahead, and a delivery date in "
                         "the future, answer 422.")
def create_deliverable(request, partnership_id: int, payload: DeliverableIn):
    require_user(request)
    partnership = _visible(request, partnership_id)
    deliverable = services.create_deliverable(request.user, partnership,
                                              **_deliverable_data(payload, partial=False))
    return Status(201, _one_deliverable(deliverable.pk))


@deliverables_router.get("/{int:deliverable_id}",
                         response={200: DeliverableOut, **READ_ERRORS},
                         summary="One deliverable")
def get_deliverable(request, deliverable_id: int):
    return _one_deliverable(_visible_deliverable(request, deliverable_id).pk)


@deliverables_router.patch("/{int:deliverable_id}",
                           response={200: DeliverableOut, **WRITE_ERRORS},
                           summary="Change a deliverable or its status (stewards)",
                           description="Give only the fields to change. Status `delivered` "
                                       "records `delivered_on` (today when not given); any "
                                       "other status clears it.")
def update_deliverable(request, deliverable_id: int, payload: DeliverablePatch):
    require_user(request)
    deliverable = _visible_deliverable(request, deliverable_id)
    services.update_deliverable(request.user, deliverable,
                                **_deliverable_data(payload, partial=True))
    return _one_deliverable(deliverable.pk)


@deliverables_router.delete("/{int:deliverable_id}", response={204: None, **WRITE_ERRORS},
                            summary="Remove a deliverable (stewards); linked indicators stay, "
                                    "unlinked")
def delete_deliverable(request, deliverable_id: int):
    require_user(request)
    services.delete_deliverable(request.user, _visible_deliverable(request, deliverable_id))
    return Status(204, None)
