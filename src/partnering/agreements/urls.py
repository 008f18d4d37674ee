from django.urls import path

from partnering.agreements import views

AGREEMENT = "partnerships/<int:partnership_id>/agreement/"
VERSION = AGREEMENT + "versions/<int:version_number>/"
DELIVERABLE = AGREEMENT + "deliverables/<int:deliverable_id>/"

urlpatterns = [
    path(AGREEMENT, views.agreement, name="agreement"),
    path(AGREEMENT + "start/", views.start, name="agreement_start"),
    path(AGREEMENT + "diff/", views.diff_page, name="agreement_diff"),
    path(VERSION, views.version_page, name="agreement_version"),
    path(VERSION + "edit/", views.version_edit, name="agreement_version_edit"),
    path(VERSION + "print/", views.print_page, name="agreement_print"),
    path(VERSION + "propose/", views.propose, name="agreement_propose"),
    path(VERSION + "withdraw/", views.withdraw, name="agreement_withdraw"),
    path(VERSION + "sign/", views.sign, name="agreement_sign"),
    path(VERSION + "terms/add/", views.terms_add, name="agreement_terms_add"),
    path(VERSION + "terms/<int:terms_id>/edit/", views.terms_edit, name="agreement_terms_edit"),
    path(VERSION + "terms/<int:terms_id>/remove/", views.terms_delete,
         name="agreement_terms_delete"),
    path(VERSION + "commitments/add/", views.commitment_add, name="agreement_commitment_add"),
    path(VERSION + "commitments/<int:commitment_id>/edit/", views.commitment_edit,
         name="agreement_commitment_edit"),
    path(VERSION + "commitments/<int:commitment_id>/remove/", views.commitment_delete,
         name="agreement_commitment_delete"),
    path(AGREEMENT + "deliverables/add/", views.deliverable_add, name="deliverable_add"),
    path(DELIVERABLE + "edit/", views.deliverable_edit, name="deliverable_edit"),
    path(DELIVERABLE + "status/", views.deliverable_status, name="deliverable_status"),
    path(DELIVERABLE + "remove/", views.deliverable_delete, name="deliverable_delete"),
]
