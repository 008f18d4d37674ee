"""/api/v1/partnerships/{id}/agreement/versions/{n}/terms and /commitments: each member's
own terms and the resources it commits. An edit of the agreed version makes draft n+1
(201)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Status
from ninja.pagination import paginate

from partnering.agreements import services
from partnering.agreements.api.common import (
    VERSION,
    answer,
    organisation_of,
    router,
    version_of,
)
from partnering.agreements.api.rows import commitment_row, terms_row
from partnering.agreements.api.schemas import (
    CommitmentIn,
    CommitmentOut,
    CommitmentPatch,
    TermsIn,
    TermsOut,
    TermsPatch,
)
from partnering.agreements.queries import get_version, party_status
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

# Member terms

@router.get(VERSION + "/terms", response={200: list[TermsOut], **READ_ERRORS},
            summary="Each member's own goals, interests, roles and vote weight")
@paginate(LimitOffsetPagination)
def list_terms(request, partnership_id: int, version_number: int):
    version = version_of(request, partnership_id, version_number)
    committed = {p.organisation.pk: p.committed for p in party_status(version)}
    return [terms_row(t, version.number, committed.get(t.organisation_id, Decimal(0)))
            for t in version.member_terms.all()]


@router.post(VERSION + "/terms", response={201: TermsOut, **WRITE_ERRORS},
             summary="Add the terms of a member that has none in this version",
             description="On the agreed version this makes a new draft n+1 first.")
def add_terms(request, partnership_id: int, version_number: int, payload: TermsIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    version = get_version(partnership, version_number)
    data = payload.dict(exclude_unset=True)
    organisation = organisation_of(partnership, data.pop("organisation_id"))
    data = {k: ("" if v is None and k != "vote_weight" else v) for k, v in data.items()}
    terms = services.add_terms(request.user, version, organisation=organisation, **data)
    return Status(201, terms_row(terms, terms.version.number))


def _terms(request, partnership_id, version_number, terms_id):
    version = version_of(request, partnership_id, version_number)
    terms = get_object_or_404(version.member_terms.all(), pk=terms_id)
    terms.version = version
    return terms


@router.get(VERSION + "/terms/{int:terms_id}", response={200: TermsOut, **READ_ERRORS})
def get_terms(request, partnership_id: int, version_number: int, terms_id: int):
    terms = _terms(request, partnership_id, version_number, terms_id)
    committed = {p.organisation.pk: p.committed for p in party_status(terms.version)}
    return terms_row(terms, version_number, committed.get(terms.organisation_id, Decimal(0)))


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
    return answer(version_number, changed.version.number,
                   terms_row(changed, changed.version.number))


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
    version = version_of(request, partnership_id, version_number)
    return [commitment_row(c, version.number) for c in version.commitments.all()]


@router.post(VERSION + "/commitments", response={201: CommitmentOut, **WRITE_ERRORS},
             summary="Commit a resource: cash (amount and currency), in kind, staff time, "
                     "expertise, data or networks, with its estimated value",
             description="Negative values, an unknown currency and cash without an amount "
                         "and currency answer 422. On the agreed version this makes a new "
                         "draft n+1 first.")
def add_commitment(request, partnership_id: int, version_number: int,
                   payload: CommitmentIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    version = get_version(partnership, version_number)
    data = payload.dict()
    organisation = organisation_of(partnership, data.pop("organisation_id"))
    data["kind"] = payload.kind.value
    commitment = services.add_commitment(request.user, version, organisation=organisation,
                                         **data)
    return Status(201, commitment_row(commitment, commitment.version.number))


def _commitment(request, partnership_id, version_number, commitment_id):
    version = version_of(request, partnership_id, version_number)
    commitment = get_object_or_404(version.commitments.all(), pk=commitment_id)
    commitment.version = version
    return commitment


@router.get(VERSION + "/commitments/{int:commitment_id}",
            response={200: CommitmentOut, **READ_ERRORS})
def get_commitment(request, partnership_id: int, version_number: int, commitment_id: int):
    return commitment_row(_commitment(request, partnership_id, version_number, commitment_id),
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
    return answer(version_number, changed.version.number,
                   commitment_row(changed, changed.version.number))


@router.delete(VERSION + "/commitments/{int:commitment_id}",
               response={204: None, **WRITE_ERRORS})
def delete_commitment(request, partnership_id: int, version_number: int, commitment_id: int):
    require_user(request)
    services.delete_commitment(
        request.user, _commitment(request, partnership_id, version_number, commitment_id))
    return Status(204, None)
