"""The partnership directory and list, starting a partnership, its page and editing it."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.governance.power.arithmetic import percent
from partnering.governance.power.chart import power_chart
from partnering.interop.iati.display import partnership_open_data
from partnering.monitoring.rollup.read import from_summary
from partnering.partnerships import services
from partnering.partnerships.access import manageable_partnership, visible_partnership
from partnering.partnerships.forms import NewPartnershipForm, PartnershipForm
from partnering.partnerships.queries import (
    PAGE_COLUMNS,
    checklist_progress,
    listed_partnerships,
)
from partnering.partnerships.views import overview
from partnering.partnerships.views.common import PAGE_SIZE
from partnering.partnerships.vocabulary import Status
from partnering.viewhelpers import handle_form


def _list_page(request, template: str, *, public_only: bool):
    q = request.GET.get("q", "")[:200]
    phase = request.GET.get("phase", "")[:20]
    sdg = request.GET.get("sdg", "")
    status = request.GET.get("status", "")[:10]
    partnerships = listed_partnerships(
        request.user, PAGE_COLUMNS, targets=False, translations=True, public_only=public_only,
        q=q, phase=phase,
        sdg=int(sdg) if sdg.isdigit() else None, status=status,
        country=request.GET.get("country", "")[:2])
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {
        "page": page, "q": q, "phase": phase, "sdg": sdg, "status": status,
        "query": query.urlencode(), "statuses": Status.choices,
    })


def directory(request):
    """The public directory: public partnerships, no sign-in needed."""
    return _list_page(request, "partnerships/directory.html", public_only=True)


def partnership_index(request):
    return _list_page(request, "partnerships/partnership_list.html", public_only=False)


def _form_page(request, form, partnership):
    return render(request, "partnerships/partnership_form.html",
                  {"form": form, "partnership": partnership})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request):
    form = NewPartnershipForm(request.POST or None, user=request.user)

    def create(**_cleaned):
        data = form.service_data()
        lead = data.pop("lead_organisation")
        return services.create_partnership(request.user, lead_organisation=lead, **data)

    return handle_form(request, form, create,
                       message=_("Partnership created. Invite the partners next."),
                       success=lambda partnership: reverse("partnership", args=[partnership.pk]),
                       render_page=lambda form: _form_page(request, form, None))


def partnership_detail(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    members = overview.members(partnership.pk)
    items = overview.checklist(partnership.pk, partnership.phase)

    def power_summary(summary):
        balance = summary.power_result()
        return balance, power_chart(balance, compact=True, chart_id="power-summary")

    # The same for every reader, and the costliest section: kept until the summary is
    # recomputed (any change to the partnership).
    power, chart = from_summary(partnership, "power-summary",
                                getattr(settings, "POWER_DOMINANCE_THRESHOLD", None),
                                compute=power_summary)
    return render(request, "partnerships/partnership_detail.html", {
        "partnership": partnership, "access": partnership.access, "members": members,
        "progress": checklist_progress(items),
        "open_items": [item for item in items if item.status == "open"],
        **overview.sections(partnership.pk),
        "sectors": sorted({m.organisation.get_sector_display() for m in members}),
        "power": power,
        "power_chart": chart, "percent": percent,
        **partnership_open_data(request, partnership),
    })


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = PartnershipForm(request.POST or None,
                           initial=PartnershipForm.initial_for(partnership))

    def update(**_cleaned):
        return services.update_partnership(request.user, partnership, **form.service_data())

    return handle_form(request, form, update, message=_("Saved."),
                       success=reverse("partnership", args=[partnership.pk]),
                       render_page=lambda form: _form_page(request, form, partnership))
