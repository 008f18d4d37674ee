"""The results page (the results chain with its indicators and their SMART check) and the
pages that add, change and delete a result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from partnering.monitoring import charts
from partnering.monitoring.cleaning import number_text
from partnering.monitoring.forms import ResultForm
from partnering.monitoring.pages import confirm_page, form_page
from partnering.monitoring.progress import percent
from partnering.monitoring.queries import (
    SMART_LABELS,
    indicator_views,
    is_smart,
    partnership_reporting_status,
    results_chain,
    smart_check,
)
from partnering.monitoring.results import services
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import handle_form


def _resources_by_organisation(partnership) -> set | None:
    """Member organisations with resources committed in the latest agreement version, or
    None when the partnership has no agreement (agreements app, imported lazily)."""
    try:
        from partnering.agreements.models import AgreementVersion, ResourceCommitment
    except ImportError:  # pragma: no cover - the app is optional
        return None
    if not AgreementVersion.objects.filter(partnership=partnership).exists():
        return None
    return set(ResourceCommitment.objects.filter(version__partnership=partnership)
               .values_list("organisation_id", flat=True))


def _smart_checks(partnership, views) -> dict:
    """indicator id → its SMART check (Achievable: its responsible member has resources)."""
    resourced = _resources_by_organisation(partnership)
    checks = {}
    for view in views:
        org = view.indicator.responsible_organisation_id
        checks[view.indicator.pk] = smart_check(
            view, has_resources=None if resourced is None or org is None else org in resourced)
    return checks


def results(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    views = indicator_views(partnership)
    return render(request, "monitoring/results.html", {
        "partnership": partnership, "access": partnership.access, "views": views,
        "chain": results_chain(partnership, views),
        "checks": _smart_checks(partnership, views), "is_smart": is_smart,
        "smart_labels": SMART_LABELS,
        "status": partnership_reporting_status(partnership), "percent": percent,
        "bar": charts.progress_bar})


def _results_url(partnership) -> str:
    return f"/partnerships/{partnership.pk}/results/"


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    form = ResultForm(request.POST or None, partnership=partnership)
    return handle_form(
        request, form, services.create_result, request.user, partnership,
        message=_("Result added to the chain."), success=_results_url(partnership),
        render_page=form_page(
            request, partnership, title=_("Add a result"), back=_results_url(partnership),
            intro=_("Outputs contribute to outcomes, outcomes to impact; the weight says "
                    "how much this result counts in the one above.")))


def _managed_result(request, partnership_id: int, result_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    result = get_object_or_404(partnership.results.select_related("parent"), pk=result_id)
    return partnership, result


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request, partnership_id: int, result_id: int):
    partnership, result = _managed_result(request, partnership_id, result_id)
    initial = {name: getattr(result, name) for name in ("title", "level", "description")}
    initial.update(parent=result.parent_id, weight=number_text(result.weight))
    form = ResultForm(request.POST or None, partnership=partnership, editing=result,
                      initial=initial)
    return handle_form(
        request, form, services.update_result, request.user, result,
        message=_("Result saved."), success=_results_url(partnership),
        render_page=form_page(
            request, partnership, back=_results_url(partnership),
            title=_("Edit the result: %(title)s") % {"title": result.title}))


@login_required
@require_http_methods(["GET", "POST"])
def result_delete(request, partnership_id: int, result_id: int):
    partnership, result = _managed_result(request, partnership_id, result_id)
    if request.method == "POST":
        services.delete_result(request.user, result)
        messages.success(request, _("Result “%(title)s” deleted.") % {"title": result.title})
        return redirect("results", partnership.pk)
    children, indicators = result.children.count(), result.indicators.count()
    above = f"“{result.parent.title}”" if result.parent else _("the top of the chain")
    return confirm_page(
        request, partnership, back=_results_url(partnership),
        title=_("Delete the result “%(title)s”?") % {"title": result.title}, consequences=[
            ngettext("%(count)s result contributing to it moves up to %(above)s.",
                     "%(count)s results contributing to it move up to %(above)s.",
                     children) % {"count": children, "above": above},
            ngettext("%(count)s indicator measuring it stays, no longer attached to a "
                     "result; reported values are kept.",
                     "%(count)s indicators measuring it stay, no longer attached to a "
                     "result; reported values are kept.", indicators) % {"count": indicators}])
