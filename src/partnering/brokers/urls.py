from django.urls import path

from partnering.brokers.assignments import views as assignments
from partnering.brokers.logbook import views as logbook
from partnering.brokers.roster import views as roster

BROKER = "brokers/<int:broker_profile_id>/"
P = "partnerships/<int:partnership_id>/"
BOOK = "logbooks/<int:logbook_id>/"
ENTRY = BOOK + "entries/<int:log_entry_id>/"

urlpatterns = [
    path("brokers/", roster.roster_page, name="broker_roster"),
    path("brokers/join/", roster.join, name="broker_join"),
    path(BROKER, roster.profile_page, name="broker_profile"),
    path(BROKER + "edit/", roster.edit, name="broker_profile_edit"),
    path(BROKER + "accreditations/", roster.accreditation_add, name="accreditation_add"),
    path(BROKER + "accreditations/<int:accreditation_id>/remove/",
         roster.accreditation_remove, name="accreditation_remove"),
    path(BROKER + "logbook/open/", logbook.logbook_open, name="logbook_open"),
    path(P + "broker-assignments/", assignments.assignments_page, name="broker_assignments"),
    path(P + "broker-assignments/find/", assignments.find_page, name="broker_find"),
    path(P + "broker-assignments/assign/<int:broker_profile_id>/", assignments.assign_page,
         name="broker_assign"),
    path(P + "broker-assignments/<int:assignment_id>/end/", assignments.end_assignment,
         name="broker_assignment_end"),
    path(BOOK, logbook.logbook_page, name="logbook"),
    path(BOOK + "logbook.pdf", logbook.logbook_download, name="logbook_pdf"),
    path(BOOK + "entries/", logbook.entry_create, name="logbook_entry_create"),
    path(BOOK + "marks/", logbook.logbook_mark, name="logbook_mark"),
    path(ENTRY, logbook.entry_page, name="logbook_entry"),
    path(ENTRY + "submit/", logbook.entry_submit, name="logbook_entry_submit"),
    path(ENTRY + "addenda/", logbook.entry_addendum, name="logbook_addendum"),
    path(ENTRY + "comments/", logbook.entry_comment, name="logbook_comment"),
    path(ENTRY + "citations/", logbook.entry_cite, name="logbook_cite"),
    path(ENTRY + "citations/<int:citation_id>/remove/", logbook.citation_remove,
         name="logbook_citation_remove"),
]
