from django.urls import path

from partnering.agreements.views import deliverables, parties, signoff, versions

AGREEMENT = "partnerships/<int:partnership_id>/agreement/"
VERSION = AGREEMENT + "versions/<int:version_number>/"
DELIVERABLE = AGREEMENT + "deliverables/<int:deliverable_id>/"

urlpatterns = [
    path(AGREEMENT, versions.agreement, name="agreement"),
    path(AGREEMENT + "start/", versions.start, name="agreement_start"),
    path(AGREEMENT + "diff/", versions.diff_page, name="agreement_diff"),
    path(VERSION, versions.version_page, name="agreement_version"),
    path(VERSION + "edit/", versions.version_edit, name="agreement_version_edit"),
    path(VERSION + "print/", versions.print_page, name="agreement_print"),
    path(VERSION + "propose/", signoff.propose, name="agreement_propose"),
    path(VERSION + "withdraw/", signoff.withdraw, name="agreement_withdraw"),
    path(VERSION + "sign/", signoff.sign, name="agreement_sign"),
    path(VERSION + "terms/add/", parties.terms_add, name="agreement_terms_add"),
    path(VERSION + "terms/<int:terms_id>/edit/", parties.terms_edit,
         name="agreement_terms_edit"),
    path(VERSION + "terms/<int:terms_id>/remove/", parties.terms_delete,
         name="agreement_terms_delete"),
    path(VERSION + "commitments/add/", parties.commitment_add,
         name="agreement_commitment_add"),
    path(VERSION + "commitments/<int:commitment_id>/edit/", parties.commitment_edit,
         name="agreement_commitment_edit"),
    path(VERSION + "commitments/<int:commitment_id>/remove/", parties.commitment_delete,
         name="agreement_commitment_delete"),
    path(AGREEMENT + "deliverables/add/", deliverables.deliverable_add,
         name="deliverable_add"),
    path(DELIVERABLE + "edit/", deliverables.deliverable_edit, name="deliverable_edit"),
    path(DELIVERABLE + "status/", deliverables.deliverable_status, name="deliverable_status"),
    path(DELIVERABLE + "remove/", deliverables.deliverable_delete, name="deliverable_delete"),
]
