"""A partnership's meetings: the list, one meeting, recording and editing one."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor
from partnering.partnerships import services
from partnering.partnerships.access import contributable_partnership, visible_partnership
from partnering.partnerships.forms import MeetingForm
from partnering.partnerships.views.common import PAGE_SIZE
from partnering.viewhelpers import handle_form


def meeting_list(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    meetings = partnership.meetings.prefetch_related(
        Prefetch("organisations"), "attendees")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnerships/meeting_list.html", {
        "partnership": partnership, "access": partnership.access, "page": page,
    })


def meeting_detail(request, partnership_id: int, meeting_id: int):
    partnership = visible_partnership(request, partnership_id)
    meeting = get_object_or_404(partnership.meetings.prefetch_related(
        "organisations", "attendees__organisation"), pk=meeting_id)
    return render(request, "partnerships/meeting_detail.html", {
        "partnership": partnership, "access": partnership.access, "meeting": meeting,
        "history": for_visitor(AuditEvent.objects.for_object(meeting)[:20],
                               member=partnership.access.can_contribute),
    })


def _meeting_form(request, partnership, meeting):
    return lambda form: render(request, "partnerships/meeting_form.html",
                               {"partnership": partnership, "form": form, "meeting": meeting})


def _meeting_url(meeting) -> str:
    return reverse("meeting", args=[meeting.partnership_id, meeting.pk])


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = MeetingForm(request.POST or None, partnership=partnership)
    return handle_form(request, form, services.record_meeting, request.user, partnership,
                       message=_("Meeting recorded."), success=_meeting_url,
                       render_page=_meeting_form(request, partnership, None))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, partnership_id: int, meeting_id: int):
    partnership = contributable_partnership(request, partnership_id)
    meeting = get_object_or_404(partnership.meetings, pk=meeting_id)
    form = MeetingForm(request.POST or None, partnership=partnership,
                       initial=MeetingForm.initial_for(meeting))
    return handle_form(request, form, services.update_meeting, request.user, meeting,
                       message=_("Saved."), success=_meeting_url,
                       render_page=_meeting_form(request, partnership, meeting))
