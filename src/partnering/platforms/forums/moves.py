"""The facilitator's pages: forward an item to the forum above, merge duplicates, add the
forum's synthesis, and share an invitation link for people without an account."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.platforms import access
from partnering.platforms.consultations import items as escalation
from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums.forms import (
    InvitationForm,
    ItemChoiceForm,
    MergeForm,
    SynthesisForm,
)
from partnering.viewhelpers import act, handle_form, show_form_errors


def _forum_url(forum) -> str:
    return reverse("forum", args=[forum.pk])


@login_required
@require_POST
def forum_forward(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    form = ItemChoiceForm(request.POST, waiting=escalation.waiting_items(forum))
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(_forum_url(forum))
    return act(request, escalation.forward_item, request.user, form.cleaned_data["item"],
               message=_("Forwarded to the forum above."), back=_forum_url(forum))


@login_required
@require_http_methods(["GET", "POST"])
def forum_merge(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    form = MergeForm(request.POST or None, waiting=escalation.waiting_items(forum))
    return handle_form(
        request, form, escalation.merge_items, request.user, forum,
        message=_("Items merged; the merged item keeps every origin."),
        success=_forum_url(forum),
        render_page=lambda form: render(request, "platforms/merge_form.html",
                                        {"forum": forum, "form": form}))


@login_required
@require_http_methods(["GET", "POST"])
def forum_synthesis(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    form = SynthesisForm(request.POST or None, forum=forum,
                         waiting=escalation.waiting_items(forum))

    def add(*, consultation, **fields):
        return escalation.add_synthesis(request.user, forum, consultation, **fields)

    return handle_form(
        request, form, add, message=_("Synthesis added."), success=_forum_url(forum),
        render_page=lambda form: render(request, "platforms/synthesis_form.html",
                                        {"forum": forum, "form": form}))


@login_required
@require_http_methods(["GET", "POST"])
def forum_invitation(request, forum_id: int):
    """A new invitation link: its address is shown once, on this page."""
    forum = access.forum_or_404(request, forum_id, "facilitate")
    form = InvitationForm(request.POST or None, forum=forum)
    link = None
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            _invitation, token = consultations.create_invitation(
                request.user, form.cleaned_data["consultation"], forum,
                label=form.cleaned_data["label"])
            link, status = request.build_absolute_uri(reverse("take_part", args=[token])), 200
    return render(request, "platforms/invitation_form.html",
                  {"forum": forum, "form": form, "link": link}, status=status)
