"""A partnership's history: everything that changed in it, filterable by kind."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor, readable_trail
from partnering.partnerships.access import visible_partnership

HISTORY_PAGE = 50


def history(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    member = partnership.access.can_contribute
    kind = request.GET.get("kind", "")[:80]
    events, kinds = readable_trail(AuditEvent.objects.filter(partnership_id=partnership.pk),
                                   member=member, kind=kind)
    page = Paginator(events, HISTORY_PAGE).get_page(request.GET.get("page"))
    page.object_list = for_visitor(page.object_list, member=member)
    return render(request, "partnerships/history.html", {
        "partnership": partnership, "access": partnership.access, "page": page,
        "kinds": kinds, "kind": kind, "query": urlencode({"kind": kind}) if kind else "",
    })
