from django.urls import path

from partnering.notifications import views

urlpatterns = [
    path("notifications/", views.inbox, name="notifications"),
    path("notifications/<int:notification_id>/read/", views.mark_read,
         name="notification_read"),
    path("notifications/read-all/", views.mark_all_read, name="notifications_read_all"),
    path("notifications/settings/", views.settings_page, name="notification_settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe,
         name="notifications_unsubscribe"),
]
