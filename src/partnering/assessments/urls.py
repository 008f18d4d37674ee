from django.urls import path

from partnering.assessments import views

urlpatterns = [
    path("assessments/instruments/", views.instrument_list, name="assessment_instruments"),
    path("assessments/instruments/import/", views.instrument_import,
         name="assessment_instrument_import"),
    path("assessments/instruments/<int:instrument_id>/", views.instrument_detail,
         name="assessment_instrument"),
    path("assessments/instruments/<int:instrument_id>/xlsform/", views.instrument_xlsform,
         name="assessment_instrument_xlsform"),
    path("partnerships/<int:partnership_id>/health-checks/", views.partnership_rounds,
         name="health_checks"),
    path("organisations/<int:organisation_id>/assessments/", views.organisation_assessments,
         name="organisation_assessments"),
    path("assessments/rounds/<int:round_id>/", views.round_detail, name="assessment_round"),
    path("assessments/rounds/<int:round_id>/invitations/", views.round_invitations,
         name="assessment_invitations"),
    path("assessments/rounds/<int:round_id>/invitations/<int:invitation_id>/link/",
         views.round_invitation_link, name="assessment_invitation_link"),
    path("assessments/rounds/<int:round_id>/reminders/", views.round_reminders,
         name="assessment_reminders"),
    path("assessments/rounds/<int:round_id>/close/", views.round_close,
         name="assessment_round_close"),
    path("assessments/rounds/<int:round_id>/responses.csv", views.round_csv,
         name="assessment_csv"),
    path("assessments/rounds/<int:round_id>/summit/", views.round_summit,
         name="assessment_summit"),
    path("assessments/rounds/<int:round_id>/summit/status/", views.plan_item_status,
         name="assessment_plan_status"),
    path("respond/<str:token>/", views.respond, name="assessment_respond"),
]
