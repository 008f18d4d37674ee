"""/api/v1/partnerships/{id}/agreement/...: the partnering agreement, its versions, member
terms, resource commitments, sign-off, the difference between versions, the exports and
the partnership's deliverables. One router (and one for /api/v1/deliverables/{id}); each
module adds the endpoints of one part of the agreement to it."""

from partnering.agreements.api import (  # noqa: F401  (each module adds its endpoints)
    deliverables,
    diff,
    exports,
    parties,
    signoff,
    versions,
)
from partnering.agreements.api.common import deliverables_router, router

__all__ = ["deliverables_router", "router"]
