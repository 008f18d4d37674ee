"""The agreement API's routers, paths and the lookups every endpoint shares: a
partnership through `access.partnership_or_404`, a version of it, one of its members."""

from django.core.exceptions import ValidationError
from ninja import Router, Status

from partnering.agreements.queries import get_version
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.models import Partnership

router = Router(tags=["agreements"])
# /api/v1/deliverables/{id}: one deliverable, found through the partnerships one may see.
deliverables_router = Router(tags=["agreements"])

BASE = "/{int:partnership_id}/agreement"
VERSION = BASE + "/versions/{int:version_number}"


def version_of(request, partnership_id: int, version_number: int):
    """A version of a partnership this user may see (404 otherwise)."""
    return get_version(partnership_or_404(request, partnership_id), version_number)


def organisation_of(partnership: Partnership, organisation_id: int):
    """A member organisation of this partnership; 422 for any other id."""
    membership = partnership.memberships.select_related("organisation").filter(
        organisation_id=organisation_id).first()
    if membership is None:
        raise ValidationError({"organisation_id": "Not a member organisation of this "
                               "partnership."})
    return membership.organisation


def answer(version_number: int, changed_number: int, body):
    """201 when the edit made a new draft (the version edited was agreed), else 200."""
    return Status(201 if changed_number != version_number else 200, body)
