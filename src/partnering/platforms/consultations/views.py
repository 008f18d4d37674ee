"""Pages of consultations: opening one (the secretariat), reading it with its sections and
items, submitting input (forum members), and the invitation link for people without an
account."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.platforms import access
from partnering.platforms.consultations import services
from partnering.platforms.consultations.forms import (
    ConsultationForm,
    InvitedSubmitForm,
    SubmitForm,
)
from partnering.platforms.consultations.items import path_labels
from partnering.platforms.models import Item
from partnering.viewhelpers import apply_errors, handle_form

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request, platform_id: int):
    platform = access.platform_or_404(request, platform_id, "manage")
    form = ConsultationForm(request.POST or None, platform=platform)
    return handle_form(
        request, form, services.open_consultation, request.user, platform,
        message=_("Consultation opened."),
        success=lambda consultation: reverse("consultation", args=[consultation.pk]),
        render_page=lambda form: render(request, "platforms/consultation_form.html",
                                        {"platform": platform, "form": form}))


def _today(consultation):
    return timezone.localtime(timezone.now(), consultation.platform.zone).date()


def consultation_detail(request, consultation_id: int):
    consultation = access.consultation_or_404(request, consultation_id)
    items = access.restrict_to_forums(
        Item.objects.filter(consultation=consultation, parent__isnull=True),
        request.user).select_related("forum", "level", "section").order_by("-id")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    forums = access.submitting_forums(request.user, consultation)
    return render(request, "platforms/consultation_detail.html", {
        "consultation": consultation, "platform": consultation.platform,
        "sections": consultation.sections.all(), "levels": consultation.levels.all(),
        "is_open": consultation.is_open_on(_today(consultation)),
        "may_submit": forums.exists(), "page": page,
        "paths": path_labels(page.object_list, request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_submit(request, consultation_id: int):
    consultation = access.consultation_or_404(request, consultation_id)
    forums = access.submitting_forums(request.user, consultation)
    form = SubmitForm(request.POST or None, consultation=consultation, forums=forums)

    def submit(*, forum, **fields):
        return services.submit(request.user, consultation, forum, **fields)

    return handle_form(
        request, form, submit, message=_("Thank you: your input was submitted."),
        success=reverse("consultation", args=[consultation.pk]),
        render_page=lambda form: render(request, "platforms/submit_form.html", {
            "consultation": consultation, "form": form, "forums": forums.exists()}))


@require_http_methods(["GET", "POST"])
def take_part(request, token: str):
    """The invitation link: anyone holding it may submit, with or without their name."""
    invitation = services.invitation_for(token)
    if invitation is None:
        raise Http404
    consultation = invitation.consultation
    form = InvitedSubmitForm(request.POST or None, consultation=consultation)
    context = {"consultation": consultation, "forum": invitation.forum, "form": form,
               "is_open": consultation.is_open_on(_today(consultation)), "receipt": None}
    if request.method == "POST" and form.is_valid():
        try:
            _submission, context["receipt"] = services.submit_by_invitation(
                token, **form.cleaned_data)
        except services.ValidationError as error:
            apply_errors(form, error)
    status = 422 if form.is_bound and context["receipt"] is None else 200
    return render(request, "platforms/take_part.html", context, status=status)
