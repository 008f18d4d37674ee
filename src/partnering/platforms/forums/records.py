"""A forum's records beyond its items: meetings (list, page, the form to record one), the
partnerships working under it (link, unlink), its invitation links (list, revoke) and its
members (change a role, remove). Access is read from platforms/access.py only."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.partnerships.access import visible_partnerships
from partnering.platforms import access
from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums import services
from partnering.platforms.forums.forms import MeetingForm, PartnershipLinkForm, RoleForm
from partnering.viewhelpers import act, handle_form


def _forum_url(forum, anchor: str = "") -> str:
    return reverse("forum", args=[forum.pk]) + anchor


# --- Meetings -------------------------------------------------------------------------------

def meeting_form(request, forum):
    return MeetingForm(request.POST or None, people=access.forum_people(forum),
                       organisations=access.forum_organisations(forum))


def forum_meeting(request, forum_id: int, forum_meeting_id: int):
    forum = access.forum_or_404(request, forum_id)
    meeting = get_object_or_404(forum.meetings.prefetch_related("attendees", "organisations"),
                                pk=forum_meeting_id)
    return render(request, "platforms/meeting_detail.html", {
        "forum": forum, "platform": forum.platform, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def forum_meeting_create(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    return handle_form(
        request, meeting_form(request, forum), services.record_forum_meeting, request.user,
        forum, message=_("Meeting recorded."),
        success=lambda meeting: reverse("forum_meeting", args=[forum.pk, meeting.pk]),
        render_page=lambda form: render(request, "platforms/meeting_form.html",
                                        {"forum": forum, "form": form}))


# --- Partnerships working under the forum ---------------------------------------------------

def _linkable(request, forum):
    return visible_partnerships(request.user).exclude(forums=forum).order_by("title", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def forum_partnerships(request, forum_id: int):
    """Link a partnership the actor may see; the linked ones (those the actor sees) with
    their unlink buttons."""
    forum = access.forum_or_404(request, forum_id, "manage")
    form = PartnershipLinkForm(request.POST or None, partnerships=_linkable(request, forum))
    linked = visible_partnerships(request.user).filter(forums=forum).order_by("title", "pk")
    return handle_form(
        request, form, services.link_partnership, request.user, forum,
        message=_("Partnership linked."), success=reverse("forum_partnerships",
                                                          args=[forum.pk]),
        render_page=lambda form: render(request, "platforms/partnerships_form.html",
                                        {"forum": forum, "form": form, "linked": linked}))


@login_required
@require_POST
def forum_partnership_unlink(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "manage")
    chosen = request.POST.get("partnership", "")
    partnership = visible_partnerships(request.user).filter(
        forums=forum, pk=int(chosen) if chosen.isdigit() else 0).first()
    if partnership is None:
        raise Http404
    return act(request, services.unlink_partnership, request.user, forum, partnership,
               message=_("Partnership unlinked."),
               back=reverse("forum_partnerships", args=[forum.pk]))


# --- Invitation links -----------------------------------------------------------------------

@login_required
def forum_invitations(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    return render(request, "platforms/invitation_list.html", {
        "forum": forum,
        "invitations": forum.invitations.select_related("consultation").order_by(
            "-created", "-pk")})


@login_required
@require_POST
def forum_invitation_revoke(request, forum_id: int, consultation_invitation_id: int):
    forum = access.forum_or_404(request, forum_id, "facilitate")
    invitation = get_object_or_404(forum.invitations, pk=consultation_invitation_id)
    return act(request, consultations.revoke_invitation, request.user, invitation,
               message=_("Invitation link revoked: it no longer works."),
               back=reverse("forum_invitations", args=[forum.pk]))


# --- Members --------------------------------------------------------------------------------

def _membership(request, forum_id, forum_membership_id):
    forum = access.forum_or_404(request, forum_id)
    membership = get_object_or_404(forum.memberships.select_related("organisation", "person"),
                                   pk=forum_membership_id)
    if not forum.access.can_manage:
        raise PermissionDenied
    return forum, membership


@login_required
@require_http_methods(["GET", "POST"])
def forum_membership(request, forum_id: int, forum_membership_id: int):
    """Change a member's role; the button to remove them."""
    forum, membership = _membership(request, forum_id, forum_membership_id)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    return handle_form(
        request, form, services.change_forum_role, request.user, membership,
        message=_("Role changed."), success=_forum_url(forum, "#members-heading"),
        render_page=lambda form: render(request, "platforms/membership_form.html",
                                        {"forum": forum, "form": form,
                                         "membership": membership}))


@login_required
@require_POST
def forum_membership_remove(request, forum_id: int, forum_membership_id: int):
    forum, membership = _membership(request, forum_id, forum_membership_id)
    return act(request, services.remove_forum_member, request.user, membership,
               message=_("Member removed."), back=_forum_url(forum, "#members-heading"))
