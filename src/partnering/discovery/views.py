from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.audit.models import AuditEvent
from partnering.discovery import network, ranking, services
from partnering.discovery.chart import stakeholder_grid
from partnering.discovery.forms import (
    SIGNAL_LABELS,
    InviteForm,
    NeedsForm,
    NetworkFilterForm,
    ProblemForm,
    StakeholderForm,
    WeightsForm,
)
from partnering.discovery.models import PartnershipNeeds
from partnering.partnerships.access import (
    contributable_partnership,
    manageable_partnership,
    visible_partnership,
)
from partnering.registry.vocabulary import Sector
from partnering.viewhelpers import act, apply_errors, handle_form, show_errors


def stakeholder_map(request, partnership_id: int):
    # Stances ("opposed") and notes are the table's working knowledge: members only.
    partnership = contributable_partnership(request, partnership_id)
    stakeholders = list(partnership.stakeholders.select_related("organisation", "person"))
    history = AuditEvent.objects.filter(
        partnership_id=partnership.pk, object_type="discovery.stakeholder")[:30]
    return render(request, "discovery/stakeholder_map.html", {
        "partnership": partnership, "access": partnership.access,
        "stakeholders": stakeholders, "grid": stakeholder_grid(stakeholders),
        "history": history,
        "member_ids": set(partnership.memberships.values_list("organisation_id", flat=True)),
    })


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_create(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = StakeholderForm(request.POST or None)
    return handle_form(
        request, form, services.add_stakeholder, request.user, partnership,
        message=_("Stakeholder added to the map."),
        success=reverse("stakeholders", args=[partnership.pk]),
        render_page=lambda form: render(request, "discovery/stakeholder_form.html", {
            "partnership": partnership, "form": form, "stakeholder": None}))


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request, partnership_id: int, stakeholder_id: int):
    partnership = contributable_partnership(request, partnership_id)
    stakeholder = get_object_or_404(partnership.stakeholders, pk=stakeholder_id)
    form = StakeholderForm(request.POST or None, initial=StakeholderForm.initial_for(stakeholder))
    return handle_form(
        request, form, services.update_stakeholder, request.user, stakeholder,
        message=_("Saved."), success=reverse("stakeholders", args=[partnership.pk]),
        render_page=lambda form: render(request, "discovery/stakeholder_form.html", {
            "partnership": partnership, "form": form, "stakeholder": stakeholder,
            "history": AuditEvent.objects.for_object(stakeholder)[:20]}))


@login_required
@require_POST
def stakeholder_delete(request, partnership_id: int, stakeholder_id: int):
    partnership = contributable_partnership(request, partnership_id)
    stakeholder = get_object_or_404(partnership.stakeholders, pk=stakeholder_id)
    return act(request, services.remove_stakeholder, request.user, stakeholder,
               message=_("Removed from the map."),
               back=reverse("stakeholders", args=[partnership.pk]))


def _needs(partnership) -> PartnershipNeeds | None:
    return PartnershipNeeds.objects.filter(partnership=partnership).first()


def gaps(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    needs = _needs(partnership)
    members = [m.organisation for m in partnership.memberships.select_related("organisation")
               .prefetch_related("organisation__sdg_goals")]
    analysis = ranking.gap_analysis(ranking.needs_of(partnership), members)
    form = None
    if partnership.access.can_contribute:
        form = NeedsForm(initial=NeedsForm.initial_for(needs))
    return render(request, "discovery/gaps.html", {
        "partnership": partnership, "access": partnership.access, "needs": needs,
        "analysis": analysis, "form": form, "members": members,
        "sector_labels": dict(Sector.choices),
    })


@login_required
@require_POST
def needs_edit(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = NeedsForm(request.POST)
    if form.is_valid():
        try:
            services.set_needs(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Needs saved."))
            return redirect("gaps", partnership.pk)
    members = [m.organisation for m in partnership.memberships.select_related("organisation")]
    return render(request, "discovery/gaps.html", {
        "partnership": partnership, "access": partnership.access,
        "needs": _needs(partnership), "form": form, "members": members,
        "analysis": ranking.gap_analysis(ranking.needs_of(partnership), members),
        "sector_labels": dict(Sector.choices),
    }, status=422)


def recommendations(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    form = WeightsForm(request.GET or None)
    result, error = None, None
    if not request.GET or form.is_valid():
        weights = form.weights() if request.GET else dict(ranking.DEFAULT_WEIGHTS)
        try:
            result = ranking.for_partnership(partnership, weights=ranking.parse_weights(weights),
                                             limit=20)
        except ValidationError as problem:
            error = " ".join(problem.messages)
    invite = None
    if partnership.access.can_manage and partnership.is_active:
        call = services.open_call_of(partnership)
        invite = {"call": call, "invited_ids": set(
            call.responses.values_list("organisation_id", flat=True)) if call else set()}
    return render(request, "discovery/recommendations.html", {
        "partnership": partnership, "access": partnership.access, "form": form,
        "result": result, "error": error, "labels": SIGNAL_LABELS, "invite": invite,
        "invitation_days": services.INVITATION_CALL_DAYS,
    }, status=200 if result or not request.GET else 422)


@login_required
@require_POST
def recommendation_invite(request, partnership_id: int):
    """Invite a recommended organisation in one step, whether a call is open or not."""
    partnership = manageable_partnership(request, partnership_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation to invite."))
        return redirect("recommendations", partnership.pk)
    organisation = form.cleaned_data["organisation"]
    try:
        response = services.invite_recommended(request.user, partnership, organisation)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("%(organisation)s is invited to respond to the call "
                                    "“%(call)s”.") % {"organisation": organisation,
                                                      "call": response.call.title})
    return redirect("recommendations", partnership.pk)


@require_http_methods(["GET", "POST"])
def find_partners(request):
    """Recommendations for any problem statement typed in, outside a partnership."""
    form = ProblemForm(request.POST or None)
    weights_form = WeightsForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid() and weights_form.is_valid():
        data = form.cleaned_data
        try:
            result = ranking.recommend(
                data["problem_statement"],
                ranking.Needs(sectors=data["sectors"], competencies=data["competencies"],
                              resources=data["resources"],
                              countries=[c.upper() for c in data["countries"]],
                              sdg_goals=data["sdg_goals"]),
                weights=ranking.parse_weights(weights_form.weights()), limit=20)
        except ValidationError as error:
            apply_errors(form, error)
    status = 422 if request.method == "POST" and result is None else 200
    return render(request, "discovery/find_partners.html", {
        "form": form, "weights_form": weights_form, "result": result,
        "labels": SIGNAL_LABELS,
    }, status=status)


def partnership_network(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    data = network.build(request.user, partnership=partnership)
    return render(request, "discovery/network.html", {
        "partnership": partnership, "access": partnership.access, "network": data,
        "svg": network.network_svg(data, _("Who the members of %(title)s have worked with")
                                   % {"title": partnership.title}),
        "sector_labels": dict(Sector.choices), "form": None,
    })


def registry_network(request):
    form = NetworkFilterForm(request.GET or None)
    data, status = None, 200
    if not request.GET or form.is_valid():
        filters = form.cleaned_data if request.GET else {}
        data = network.build(request.user, sector=filters.get("sector", ""),
                             country=filters.get("country", ""), sdg=filters.get("sdg"))
    else:
        status = 422
    return render(request, "discovery/network.html", {
        "partnership": None, "network": data, "form": form,
        "svg": network.network_svg(data, _("Who has worked with whom")) if data else "",
        "sector_labels": dict(Sector.choices),
    }, status=status)
