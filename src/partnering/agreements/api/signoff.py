"""/api/v1/partnerships/{id}/agreement/versions/{n}/propose, /withdraw and /signatures:
the stewards propose or withdraw a version, each member signs it."""

from ninja import Status
from ninja.pagination import paginate

from partnering.agreements import services
from partnering.agreements.api.common import (
    VERSION,
    organisation_of,
    router,
    version_of,
)
from partnering.agreements.api.rows import signature_row, version_out
from partnering.agreements.api.schemas import AgreementWithdrawIn, SignatureOut, SignIn, VersionOut
from partnering.agreements.queries import get_version
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

# Sign-off

@router.post(VERSION + "/propose", response={200: VersionOut, **WRITE_ERRORS},
             summary="Propose a draft for sign-off by every member (stewards)",
             description="Freezes the version. 422 lists what stops it: members without "
                         "terms, guidance left in [square brackets], a missing change note.")
def propose(request, partnership_id: int, version_number: int):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    version = services.propose(request.user, get_version(partnership, version_number))
    return version_out(partnership, version.number)


@router.post(VERSION + "/withdraw", response={200: VersionOut, **WRITE_ERRORS},
             summary="Take a proposed version back to draft, clearing its signatures "
                     "(stewards)")
def withdraw(request, partnership_id: int, version_number: int, payload: AgreementWithdrawIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    version = services.withdraw(request.user, get_version(partnership, version_number),
                                reason=payload.reason)
    return version_out(partnership, version.number)


@router.get(VERSION + "/signatures", response={200: list[SignatureOut], **READ_ERRORS},
            summary="Who signed the version, for which organisation and when")
@paginate(LimitOffsetPagination)
def list_signatures(request, partnership_id: int, version_number: int):
    version = version_of(request, partnership_id, version_number)
    return [signature_row(s, version.number) for s in version.signatures.all()]


@router.post(VERSION + "/signatures", response={201: SignatureOut, **WRITE_ERRORS},
             summary="Sign a proposed version for a member organisation you represent",
             description="Only a representative of that organisation with a mandate to "
                         "decide may sign (403 otherwise, also for platform admins and "
                         "brokers). Signing twice, or a version that is not proposed, "
                         "answers 422. The last signature makes the version agreed.")
def sign(request, partnership_id: int, version_number: int, payload: SignIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    version = get_version(partnership, version_number)
    organisation = organisation_of(partnership, payload.organisation_id)
    signature = services.sign(request.user, version, organisation=organisation)
    return Status(201, signature_row(signature, version.number))
