"""The risk register page (with its heat map) and the pages that register, review and
delete a risk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.monitoring import charts
from partnering.monitoring.forms import RiskForm
from partnering.monitoring.health.scoring import open_high_risks
from partnering.monitoring.models import RiskStatus
from partnering.monitoring.pages import confirm_page, form_page
from partnering.monitoring.risks import services
from partnering.partnerships.access import partnership_or_404
from partnering.sources import cite
from partnering.viewhelpers import handle_form


def risks(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    rows = list(partnership.risks.select_related("owner_organisation"))
    open_rows = [r for r in rows if r.status != RiskStatus.CLOSED]
    return render(request, "monitoring/risks.html", {
        "partnership": partnership, "access": partnership.access, "risks": rows,
        "high": open_high_risks(partnership.risks.all()).count(),
        "heat_map": charts.risk_heat_map(open_rows), "today": timezone.localdate()})


def _risks_url(partnership) -> str:
    return f"/partnerships/{partnership.pk}/risks/"


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    form = RiskForm(request.POST or None, partnership=partnership)
    return handle_form(
        request, form, services.create_risk, request.user, partnership,
        message=_("Risk registered."), success=_risks_url(partnership),
        render_page=form_page(
            request, partnership, title=_("Register a risk"), tab="risks",
            back=_risks_url(partnership),
            intro=_("Why partnerships fail (%(source)s): underinvestment, "
                    "over-appropriation and misalignment, and the markers of failure such as "
                    "competing agendas or a lack of trust.") % {
                        "source": cite("strategic-partnering")}))


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, partnership_id: int, risk_id: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    risk = get_object_or_404(partnership.risks, pk=risk_id)
    initial = {name: getattr(risk, name) for name in services.RISK_FIELDS}
    initial["owner_organisation"] = risk.owner_organisation_id
    form = RiskForm(request.POST or None, partnership=partnership, initial=initial)
    return handle_form(
        request, form, services.update_risk, request.user, risk,
        message=_("Risk updated."), success=_risks_url(partnership),
        render_page=form_page(request, partnership,
                              title=_("Review the risk: %(title)s") % {"title": risk.title},
                              back=_risks_url(partnership), tab="risks"))


@login_required
@require_http_methods(["GET", "POST"])
def risk_delete(request, partnership_id: int, risk_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    risk = get_object_or_404(partnership.risks, pk=risk_id)
    if request.method == "POST":
        services.delete_risk(request.user, risk)
        messages.success(request, _("Risk “%(title)s” deleted.") % {"title": risk.title})
        return redirect("risks", partnership.pk)
    return confirm_page(
        request, partnership, tab="risks",
        title=_("Delete the risk “%(title)s”?") % {"title": risk.title},
        back=_risks_url(partnership),
        consequences=[_("It leaves the register and the heat map. To keep a record of a "
                        "risk that no longer applies, close it instead.")])
