"""Calls for expressions of interest: publish, respond, shortlist, invite, accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.audit.models import AuditEvent
from partnering.discovery import services
from partnering.discovery.calls_access import call_or_404, responses_for
from partnering.discovery.forms import CallForm, InviteForm, ResponseForm
from partnering.discovery.models import Call, CallStatus, ResponseStatus
from partnering.partnerships.access import call_partnership_or_404
from partnering.partnerships.vocabulary import Visibility
from partnering.viewhelpers import act, apply_errors


def call_list(request, partnership_id: int):
    partnership = call_partnership_or_404(request.user, partnership_id)
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
    partnership = call_partnership_or_404(request.user, partnership_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            call = services.publish_call(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Call published."))
            return redirect("call", partnership.pk, call.pk)
    return render(request, "discovery/call_list.html", {
        "partnership": partnership, "access": partnership.access,
        "calls": partnership.calls.all(), "form": form,
    }, status=422)


@require_http_methods(["GET"])
def call_detail(request, partnership_id: int, call_id: int):
    partnership, call = call_or_404(request.user, partnership_id, call_id)
    respond_form = None
    if request.user.is_authenticated and call.is_open:
        # Both forms have an `organisation` field: distinct ids keep each label on its own.
        respond_form = ResponseForm(user=request.user, auto_id="respond_%s")
        if not respond_form.fields["organisation"].queryset.exists():
            respond_form = None
    return render(request, "discovery/call_detail.html", {
        "partnership": partnership, "access": partnership.access, "call": call,
        "responses": responses_for(request.user, partnership, call),
        "respond_form": respond_form,
        "invite_form": (InviteForm(auto_id="invite_%s")
                        if partnership.access.can_manage and call.is_open else None),
        "history": (AuditEvent.objects.filter(partnership_id=partnership.pk,
                                              object_type__startswith="discovery.call")[:30]
                    if partnership.access.can_contribute else []),
        "ResponseStatus": ResponseStatus,
    })


@login_required
@require_POST
def call_respond(request, partnership_id: int, call_id: int):
    partnership, call = call_or_404(request.user, partnership_id, call_id)
    form = ResponseForm(request.POST, user=request.user)
    back = reverse("call", args=[partnership.pk, call.pk])
    if not form.is_valid():
        messages.error(request, _("Choose your organisation and write a short statement."))
        return redirect(back)
    return act(request, services.respond, request.user, call, back=back,
               message=_("Thank you: your expression of interest is in."), **form.cleaned_data)


@login_required
@require_POST
def call_invite(request, partnership_id: int, call_id: int):
    partnership, call = call_or_404(request.user, partnership_id, call_id)
    form = InviteForm(request.POST)
    back = (reverse("recommendations", args=[partnership.pk])
            if request.POST.get("next") == "recommendations"
            else reverse("call", args=[partnership.pk, call.pk]))
    if not form.is_valid():
        messages.error(request, _("Choose an organisation to invite."))
        return redirect(back)
    organisation = form.cleaned_data["organisation"]
    return act(request, services.invite, request.user, call, organisation, back=back,
               message=_("%(organisation)s invited to respond.") % {"organisation": organisation})


@login_required
@require_POST
def call_decide(request, partnership_id: int, call_id: int, response_id: int):
    partnership, call = call_or_404(request.user, partnership_id, call_id)
    if not partnership.access.can_contribute:
        raise Http404
    response = get_object_or_404(call.responses, pk=response_id)
    return act(request, services.decide, request.user, response,
               request.POST.get("decision", ""), message=_("Decision recorded."),
               back=reverse("call", args=[partnership.pk, call.pk]))


@login_required
@require_POST
def call_close(request, partnership_id: int, call_id: int):
    partnership, call = call_or_404(request.user, partnership_id, call_id)
    return act(request, services.close_call, request.user, call, message=_("Call closed."),
               back=reverse("call", args=[partnership.pk, call.pk]))


def open_calls(request):
    """Open calls of public partnerships: the public face of 'solicit participants'."""
    calls = Call.objects.filter(
        Q(partnership__visibility=Visibility.PUBLIC), status=CallStatus.OPEN,
        deadline__gte=timezone.localdate()).select_related("partnership").order_by("deadline")
    return render(request, "discovery/open_calls.html", {"calls": calls[:200]})
