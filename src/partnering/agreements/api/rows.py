"""Model objects as the rows the agreement API answers."""

from decimal import Decimal

from partnering.agreements import services
from partnering.agreements.api.schemas import VersionOut
from partnering.agreements.queries import get_version, party_status
from partnering.agreements.vocabulary import VersionStatus
from partnering.partnerships.models import Partnership


def terms_row(t, number: int, committed: Decimal = Decimal(0)) -> dict:
    return {"id": t.pk, "version_number": number, "organisation_id": t.organisation_id,
            "organisation_name": str(t.organisation), "own_goals": t.own_goals,
            "interests": t.interests, "roles": t.roles, "vote_weight": t.vote_weight,
            "committed_value": committed}


def commitment_row(c, number: int) -> dict:
    return {"id": c.pk, "version_number": number, "organisation_id": c.organisation_id,
            "organisation_name": str(c.organisation), "kind": c.kind,
            "description": c.description, "amount": c.amount, "currency": c.currency,
            "estimated_value": c.estimated_value}


def signature_row(s, number: int) -> dict:
    return {"id": s.pk, "version_number": number, "organisation_id": s.organisation_id,
            "organisation_name": str(s.organisation), "person_id": s.person_id,
            "signatory_name": s.signatory_name or s.person.name,
            "signatory_title": s.signatory_title, "signed_at": s.signed_at}


def party_row(p) -> dict:
    s = p.signature
    return {"organisation_id": p.organisation.pk, "organisation_name": str(p.organisation),
            "signed": s is not None,
            "signed_by": (s.signatory_name or s.person.name) if s else None,
            "signed_at": s.signed_at if s else None,
            "mandated_representatives": p.mandated, "committed_value": p.committed}


def version_out(partnership: Partnership, number: int) -> dict:
    version = get_version(partnership, number)
    parties = party_status(version)
    committed = {p.organisation.pk: p.committed for p in parties}
    base = f"/api/v1/partnerships/{partnership.pk}/agreement/versions/{number}"
    return {
        **{name: getattr(version, name) for name in VersionOut.model_fields
           if hasattr(version, name) and name not in ("terms", "commitments", "exports")},
        "based_on_number": version.based_on.number if version.based_on else None,
        "terms": [terms_row(t, number, committed.get(t.organisation_id, Decimal(0)))
                  for t in version.member_terms.all()],
        "commitments": [commitment_row(c, number) for c in version.commitments.all()],
        "parties": [party_row(p) for p in parties],
        "total_committed": sum(committed.values(), Decimal(0)),
        "problems": services.proposal_problems(version)
        if version.status == VersionStatus.DRAFT else [],
        "exports": {"docx": base + ".docx", "pdf": base + ".pdf",
                    "html": f"/partnerships/{partnership.pk}/agreement/versions/{number}/print/"},
    }
