"""Pages of answers back down and loop metrics (added to platforms/urls.py)."""

from django.urls import path

from partnering.platforms.loops import pages, views

C = "consultations/<int:consultation_id>"

urlpatterns = [
    path(f"{C}/answers/", views.consultation_answers, name="consultation_answers"),
    path(f"{C}/loop-metrics/", pages.consultation_loop_metrics,
         name="consultation_loop_metrics"),
    path(f"{C}/export/<str:fmt>/", pages.consultation_export, name="consultation_export"),
    path("items/<int:platform_item_id>/answer/", views.item_answer, name="item_answer"),
    path("answers/<int:platform_answer_id>/", views.answer_detail, name="answer"),
    path("answers/<int:platform_answer_id>/heard/", views.answer_heard, name="answer_heard"),
    path("forums/<int:forum_id>/answers/", views.forum_answers, name="forum_answers"),
    path("take-part/<str:token>/answers/", views.invitation_answers,
         name="invitation_answers"),
    path("receipts/<str:token>/", views.receipt, name="receipt"),
]
