"""The partnership directory and list, starting a partnership, its page and editing it."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.interop.iati.display import ACTIVITY_OF_SUMMARY, localised_activity
from partnering.monitoring.rollup.read import fresh_summary, section_from_summary
from partnering.partnerships import services
from partnering.partnerships.access import manageable_partnership, visible_partnership
from partnering.partnerships.forms import NewPartnershipForm, PartnershipForm
from partnering.partnerships.queries import PAGE_COLUMNS, listed_partnerships
from partnering.partnerships.views import overview
from partnering.partnerships.views.common import PAGE_SIZE
from partnering.partnerships.vocabulary import Status
from partnering.viewhelpers import handle_form
from partnering.visitors import people_visible


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
    summary = fresh_summary(partnership, (ACTIVITY_OF_SUMMARY,))
    iati, language = localised_activity(request, partnership, summary)
    # Below the problem statement the page is the same for every reader who may see the
    # partnership: kept until its summary is recomputed (any change to it or to a member,
    # broker or owner named on it), per day, language and whether names may be shown.
    body = section_from_summary(
        partnership, "partnerships/_overview_body.html",
        lambda summary: overview.body_context(partnership, summary, iati, language),
        people_visible(), language, getattr(settings, "POWER_DOMINANCE_THRESHOLD", None),
        summary=summary)
    return render(request, "partnerships/partnership_detail.html", {
        "partnership": partnership, "access": partnership.access, "body": body})


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
