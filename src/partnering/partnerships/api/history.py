"""The audit trail of everything in a partnership."""

import datetime as dt

from ninja import Field, Query, Schema
from ninja.pagination import paginate

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import VisitorEvents, readable_trail
from partnering.partnerships.access import partnership_or_404
from partnering.partnerships.api.base import (
    router,
)
from partnering.schemas import (
    READ_ERRORS,
    Filters,
    LimitOffsetPagination,
)


class HistoryOut(Schema):
    created: dt.datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    summary: str
    changes: dict


class HistoryFilters(Filters):
    kind: str = Field("", max_length=80,
                      description="Only events of this typed action, e.g. `agreement.signed`")


@router.get("/{partnership_id}/history", response={200: list[HistoryOut], **READ_ERRORS},
            summary="The audit trail of everything in the partnership")
@paginate(LimitOffsetPagination)
def history(request, partnership_id: int, filters: Query[HistoryFilters]):
    partnership = partnership_or_404(request, partnership_id)
    member = partnership.access.can_contribute
    events, _kinds = readable_trail(AuditEvent.objects.filter(partnership_id=partnership.pk),
                                    member=member, kind=filters.kind)
    return VisitorEvents(events, member)
