"""Pages of the grievance mechanism, included by the root URLconf."""

from django.urls import path

from partnering.grievances.register import views as register
from partnering.grievances.views import cases, platforms, public, setup

P = "partnerships/<int:partnership_id>/grievances"
G = "grievances/<int:grievance_id>"
F = "platforms/<int:platform_id>/grievances"


def setup_urls(base: str, prefix: str) -> list:
    """The setup pages of a partnership's (`prefix` "") or a platform's ("platform_")
    mechanism: one set of views (`views.setup`), the owner told by the URL's id."""
    name = f"{prefix}grievance_setup"
    return [
        path(f"{base}/setup/", setup.page, name=name),
        path(f"{base}/setup/settings/", setup.save_settings, name=f"{name}_settings"),
        path(f"{base}/setup/levels/", setup.save_level, name=f"{name}_level"),
        path(f"{base}/setup/holidays/", setup.add_holiday, name=f"{name}_holiday"),
        path(f"{base}/setup/holidays/<int:holiday_id>/remove/", setup.remove_holiday,
             name=f"{name}_holiday_remove"),
        path(f"{base}/setup/handlers/", setup.name_handler, name=f"{name}_handler"),
        path(f"{base}/setup/handlers/<int:grievance_handler_id>/remove/",
             setup.remove_handler, name=f"{name}_handler_remove"),
    ]


urlpatterns = [
    path(f"{P}/", public.overview, name="grievances"),
    path(f"{P}/new/", public.file, name="grievance_file"),
    path(f"{P}/register/", register.page, name="grievance_register"),
    path(f"{P}/enter/", cases.enter, name="grievance_enter"),
    *setup_urls(P, ""),
    path(f"{F}/", platforms.overview, name="platform_grievances"),
    path(f"{F}/new/", platforms.file, name="platform_grievance_file"),
    path(f"{F}/register/", platforms.register_page, name="platform_grievance_register"),
    path(f"{F}/enter/", platforms.enter, name="platform_grievance_enter"),
    *setup_urls(F, "platform_"),
    path("grievances/file/<str:intake_key>/", public.file_by_link, name="grievance_file_link"),
    path("grievances/filed/", public.filed, name="grievance_filed"),
    path("grievances/follow/", public.follow, name="grievance_follow"),
    path("grievances/follow/case/", public.my_case, name="grievance_my_case"),
    path("grievances/follow/case/files/<int:grievance_attachment_id>/", public.my_file,
         name="grievance_my_file"),
    path("grievances/follow/case/reply/", public.my_reply, name="grievance_my_reply"),
    path("grievances/follow/case/confirm/", public.my_confirm, name="grievance_my_confirm"),
    path("grievances/follow/case/appeal/", public.my_appeal, name="grievance_my_appeal"),
    path("grievances/follow/case/leave/", public.my_leave, name="grievance_my_leave"),
    path(f"{G}/", cases.case, name="grievance"),
    path(f"{G}/files/<int:grievance_attachment_id>/", cases.attachment,
         name="grievance_attachment"),
    path(f"{G}/files/", cases.attach, name="grievance_attach"),
    path(f"{G}/acknowledge/", cases.acknowledge, name="grievance_acknowledge"),
    path(f"{G}/message/", cases.message, name="grievance_message"),
    path(f"{G}/resolve/", cases.resolve, name="grievance_resolve"),
    path(f"{G}/attempt/", cases.attempt, name="grievance_attempt"),
    path(f"{G}/close/", cases.close, name="grievance_close"),
    path(f"{G}/escalate/", cases.escalate, name="grievance_escalate"),
    path(f"{G}/assign/", cases.assign, name="grievance_assign"),
]
