"""Calls for expressions of interest: publish, respond, shortlist, invite, accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from partnering.audit.models import AuditEvent
from partnering.discovery import services
from partnering.discovery.forms import CallForm, InviteForm, ResponseForm
from partnering.discovery.models import Call, CallStatus, ResponseStatus
from partnering.partnerships.access import access_for
from partnering.partnerships.models import Partnership
from partnering.partnerships.vocabulary import Visibility
from partnering.viewhelpers import apply_errors


def partnership_for_call(user, partnership_id: int) -> Partnership:
    """Visible partnerships, and private ones whose call invited the user's organisation."""
    qs = Partnership.objects.visible_to(user)
    partnership = qs.filter(pk=partnership_id).first()
    if partnership is None and user.is_authenticated:
        partnership = Partnership.objects.filter(
            pk=partnership_id, calls__responses__organisation__people__user=user).first()
    if partnership is None:
        raise Http404
    partnership.access = access_for(user, partnership)
    return partnership


def _call(user, partnership_id: int, call_id: int):
    partnership = partnership_for_call(user, partnership_id)
    calls = partnership.calls.all()
    if not partnership.access.can_view:
        calls = calls.filter(responses__organisation__people__user=user)
    return partnership, get_object_or_404(calls.distinct(), pk=call_id)


def responses_for(user, partnership, call):
    """Members see every response; a respondent sees their own organisation's."""
    responses = call.responses.select_related("organisation")
    if partnership.access.can_contribute:
        return responses
    if not user.is_authenticated:
        return responses.none()
    return responses.filter(organisation__people__user=user).distinct()


def call_list(request, partnership_id: int):
    partnership = partnership_for_call(request.user, partnership_id)
    if not partnership.access.can_view:
        raise Http404
    form = CallForm() if partnership.access.can_manage and partnership.is_active else None
    return render(request, "discovery/call_list.html", {
        "partnership": partnership, "access": partnership.access,
        "calls": partnership.calls.all(), "form": form,
    })


@login_required
@require_POST
def call_create(request, partnership_id: int):
    partnership = partnership_for_call(request.user, partnership_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            call = services.publish_call(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Call published.")
            return redirect("call", partnership.pk, call.pk)
    return render(request, "discovery/call_list.html", {
        "partnership": partnership, "access": partnership.access,
        "calls": partnership.calls.all(), "form": form,
    }, status=422)


@require_http_methods(["GET"])
def call_detail(request, partnership_id: int, call_id: int):
    partnership, call = _call(request.user, partnership_id, call_id)
    respond_form = None
    if request.user.is_authenticated and call.is_open:
        respond_form = ResponseForm(user=request.user)
        if not respond_form.fields["organisation"].queryset.exists():
            respond_form = None
    return render(request, "discovery/call_detail.html", {
        "partnership": partnership, "access": partnership.access, "call": call,
        "responses": responses_for(request.user, partnership, call),
        "respond_form": respond_form,
        "invite_form": InviteForm() if partnership.access.can_manage and call.is_open else None,
        "history": (AuditEvent.objects.filter(partnership_id=partnership.pk,
                                              object_type__startswith="discovery.call")[:30]
                    if partnership.access.can_contribute else []),
        "ResponseStatus": ResponseStatus,
    })


@login_required
@require_POST
def call_respond(request, partnership_id: int, call_id: int):
    partnership, call = _call(request.user, partnership_id, call_id)
    form = ResponseForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.respond(request.user, call, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Thank you: your expression of interest is in.")
    else:
        messages.error(request, "Choose your organisation and write a short statement.")
    return redirect("call", partnership.pk, call.pk)


@login_required
@require_POST
def call_invite(request, partnership_id: int, call_id: int):
    partnership, call = _call(request.user, partnership_id, call_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an organisation to invite.")
    else:
        try:
            services.invite(request.user, call, form.cleaned_data["organisation"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{form.cleaned_data['organisation']} invited to respond.")
    if request.POST.get("next") == "recommendations":
        return redirect("recommendations", partnership.pk)
    return redirect("call", partnership.pk, call.pk)


@login_required
@require_POST
def call_decide(request, partnership_id: int, call_id: int, response_id: int):
    partnership, call = _call(request.user, partnership_id, call_id)
    if not partnership.access.can_contribute:
        raise Http404
    response = get_object_or_404(call.responses, pk=response_id)
    try:
        services.decide(request.user, response, request.POST.get("decision", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Decision recorded.")
    return redirect("call", partnership.pk, call.pk)


@login_required
@require_POST
def call_close(request, partnership_id: int, call_id: int):
    partnership, call = _call(request.user, partnership_id, call_id)
    services.close_call(request.user, call)
    messages.success(request, "Call closed.")
    return redirect("call", partnership.pk, call.pk)


def open_calls(request):
    """Open calls of public partnerships: the public face of 'solicit participants'."""
    calls = Call.objects.filter(
        Q(partnership__visibility=Visibility.PUBLIC), status=CallStatus.OPEN,
        deadline__gte=timezone.localdate()).select_related("partnership").order_by("deadline")
    return render(request, "discovery/open_calls.html", {"calls": calls[:200]})
