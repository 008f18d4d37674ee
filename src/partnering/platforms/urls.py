"""Pages of platforms, forums and consultations, included by the root URLconf."""

from django.urls import path

from partnering.platforms.consultations import views as consultations
from partnering.platforms.forums import moves, records
from partnering.platforms.forums import views as forums

P = "platforms/<int:platform_id>"
F = "forums/<int:forum_id>"
C = "consultations/<int:consultation_id>"

urlpatterns = [
    path("platforms/", forums.platform_list, name="platforms"),
    path("platforms/new/", forums.platform_create, name="platform_create"),
    path(f"{P}/", forums.platform_detail, name="platform"),
    path(f"{P}/levels/new/", forums.level_create, name="level_create"),
    path(f"{P}/forums/new/", forums.forum_create, name="forum_create"),
    path(f"{P}/consultations/new/", consultations.consultation_create,
         name="consultation_create"),
    path(f"{F}/", forums.forum_detail, name="forum"),
    path(f"{F}/members/new/", forums.forum_member_add, name="forum_member_add"),
    path(f"{F}/members/<int:forum_membership_id>/", records.forum_membership,
         name="forum_membership"),
    path(f"{F}/members/<int:forum_membership_id>/remove/", records.forum_membership_remove,
         name="forum_membership_remove"),
    path(f"{F}/meetings/new/", records.forum_meeting_create, name="forum_meeting_create"),
    path(f"{F}/meetings/<int:forum_meeting_id>/", records.forum_meeting, name="forum_meeting"),
    path(f"{F}/partnerships/", records.forum_partnerships, name="forum_partnerships"),
    path(f"{F}/partnerships/unlink/", records.forum_partnership_unlink,
         name="forum_partnership_unlink"),
    path(f"{F}/invitations/", records.forum_invitations, name="forum_invitations"),
    path(f"{F}/invitations/<int:consultation_invitation_id>/revoke/",
         records.forum_invitation_revoke, name="forum_invitation_revoke"),
    path(f"{F}/forward/", moves.forum_forward, name="forum_forward"),
    path(f"{F}/merge/", moves.forum_merge, name="forum_merge"),
    path(f"{F}/synthesis/", moves.forum_synthesis, name="forum_synthesis"),
    path(f"{F}/invitations/new/", moves.forum_invitation, name="forum_invitation"),
    path(f"{C}/", consultations.consultation_detail, name="consultation"),
    path(f"{C}/submit/", consultations.consultation_submit, name="consultation_submit"),
    path("take-part/<str:token>/", consultations.take_part, name="take_part"),
]
