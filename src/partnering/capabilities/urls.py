"""Pages of partnering capabilities, included by the root URLconf."""

from django.urls import path

from partnering.capabilities.development import views as development
from partnering.capabilities.framework import views as framework
from partnering.capabilities.offices import manage
from partnering.capabilities.offices import views as offices

PERSON = "people/<int:person_id>/capabilities"
PLAN = "development-plans/<int:development_plan_id>"
GOAL = f"{PLAN}/goals/<int:development_goal_id>"
PROFILE = "offices/<int:office_id>/role-profiles/<int:role_profile_id>"
OFFICE = "offices/<int:office_id>"
COHORT = f"{OFFICE}/cohorts/<int:cohort_id>"

urlpatterns = [
    path("competencies/", framework.framework, name="competency_framework"),
    path("competencies/<int:competency_id>/edit/", framework.competency_edit,
         name="competency_edit"),
    path(f"{PERSON}/", framework.profile, name="capability_profile"),
    path(f"{PERSON}/self-assessment/", framework.self_assessment, name="self_assessment"),
    path(f"{PERSON}/ratings/", framework.ask_ratings, name="ask_ratings"),
    path(f"{PERSON}/ratings/<int:rating_campaign_id>/close/", framework.close_campaign,
         name="rating_campaign_close"),
    path(f"{PERSON}/plans/new/", development.plan_create, name="development_plan_create"),
    path("ratings/", framework.rating_requests, name="rating_requests"),
    path("ratings/<int:rating_request_id>/", framework.rating_answer, name="rating_answer"),
    path(f"{PLAN}/", development.plan_detail, name="development_plan"),
    path(f"{PLAN}/goals/", development.goal_add, name="development_goal_add"),
    path(f"{PLAN}/gaps/", development.goals_from_gaps, name="development_gaps"),
    path(f"{GOAL}/state/", development.goal_state, name="development_goal_state"),
    path(f"{GOAL}/actions/", development.goal_action, name="development_goal_action"),
    path(f"{GOAL}/evidence/", development.goal_evidence, name="development_goal_evidence"),
    path("mentoring/<int:mentoring_pair_id>/", development.pair_detail, name="mentoring_pair"),
    path("offices/", offices.office_list, name="offices"),
    path("offices/<int:office_id>/", offices.office_detail, name="office"),
    path("offices/new/", manage.office_create, name="office_create"),
    path("offices/courses/", manage.courses, name="courses"),
    path(f"{OFFICE}/manage/", manage.office_manage, name="office_manage"),
    path(f"{OFFICE}/members/", manage.member_add, name="office_member_add"),
    path(f"{OFFICE}/members/<int:office_member_id>/remove/", manage.member_remove,
         name="office_member_remove"),
    path(f"{OFFICE}/rounds/", manage.round_open, name="office_round_open"),
    path(f"{OFFICE}/cohorts/", manage.cohort_open, name="office_cohort_open"),
    path(f"{COHORT}/", manage.cohort_detail, name="office_cohort"),
    path(f"{COHORT}/enrolments/<int:enrolment_id>/complete/", manage.enrolment_complete,
         name="office_enrolment_complete"),
    path(f"{PROFILE}/", offices.role_profile, name="office_role_profile"),
    path(f"{PROFILE}/adapt/", offices.role_profile_adapt, name="office_role_profile_adapt"),
    path(f"{PROFILE}.docx", offices.role_profile_docx, name="office_role_profile_docx"),
    path(f"{PROFILE}.pdf", offices.role_profile_pdf, name="office_role_profile_pdf"),
]
