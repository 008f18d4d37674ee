"""Pages for decisions and actions, included by the root URLconf."""

from django.urls import path

from partnering.governance.decisions import views

P = "partnerships/<int:partnership_id>"

urlpatterns = [
    path(f"{P}/decisions/", views.decisions, name="decisions"),
    path(f"{P}/proposals/new/", views.proposal_create, name="proposal_create"),
    path(f"{P}/proposals/<int:proposal_id>/", views.proposal_detail, name="proposal"),
    path(f"{P}/proposals/<int:proposal_id>/position/", views.proposal_position,
         name="proposal_position"),
    path(f"{P}/proposals/<int:proposal_id>/comment/", views.proposal_comment,
         name="proposal_comment"),
    path(f"{P}/proposals/<int:proposal_id>/close/", views.proposal_close,
         name="proposal_close"),
    path(f"{P}/proposals/<int:proposal_id>/withdraw/", views.proposal_withdraw,
         name="proposal_withdraw"),
    path(f"{P}/actions/", views.actions, name="actions"),
    path(f"{P}/actions/new/", views.action_create, name="action_create"),
    path(f"{P}/actions/<int:action_id>/", views.action_detail, name="action"),
    path(f"{P}/actions/<int:action_id>/status/", views.action_status, name="action_status"),
    path(f"{P}/actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path(f"{P}/actions/<int:action_id>/delete/", views.action_delete, name="action_delete"),
]
