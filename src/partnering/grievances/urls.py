"""Pages of the grievance mechanism, included by the root URLconf."""

from django.urls import path

from partnering.grievances.register import views as register
from partnering.grievances.views import cases, platforms, public, setup

P = "partnerships/<int:partnership_id>/grievances"
G = "grievances/<int:grievance_id>"
F = "platforms/<int:platform_id>/grievances"
S = f"{F}/setup"

urlpatterns = [
    path(f"{P}/", public.overview, name="grievances"),
    path(f"{P}/new/", public.file, name="grievance_file"),
    path(f"{P}/register/", register.page, name="grievance_register"),
    path(f"{P}/enter/", cases.enter, name="grievance_enter"),
    path(f"{P}/setup/", setup.page, name="grievance_setup"),
    path(f"{P}/setup/settings/", setup.save_settings, name="grievance_setup_settings"),
    path(f"{P}/setup/levels/", setup.save_level, name="grievance_setup_level"),
    path(f"{P}/setup/holidays/", setup.add_holiday, name="grievance_setup_holiday"),
    path(f"{P}/setup/holidays/<int:holiday_id>/remove/", setup.remove_holiday,
         name="grievance_setup_holiday_remove"),
    path(f"{P}/setup/handlers/", setup.name_handler, name="grievance_setup_handler"),
    path(f"{P}/setup/handlers/<int:grievance_handler_id>/remove/", setup.remove_handler,
         name="grievance_setup_handler_remove"),
    path(f"{F}/", platforms.overview, name="platform_grievances"),
    path(f"{F}/new/", platforms.file, name="platform_grievance_file"),
    path(f"{F}/register/", platforms.register_page, name="platform_grievance_register"),
    path(f"{F}/enter/", platforms.enter, name="platform_grievance_enter"),
    path(f"{S}/", setup.page, name="platform_grievance_setup"),
    path(f"{S}/settings/", setup.save_settings, name="platform_grievance_setup_settings"),
    path(f"{S}/levels/", setup.save_level, name="platform_grievance_setup_level"),
    path(f"{S}/holidays/", setup.add_holiday, name="platform_grievance_setup_holiday"),
    path(f"{S}/holidays/<int:holiday_id>/remove/", setup.remove_holiday,
         name="platform_grievance_setup_holiday_remove"),
    path(f"{S}/handlers/", setup.name_handler, name="platform_grievance_setup_handler"),
    path(f"{S}/handlers/<int:grievance_handler_id>/remove/", setup.remove_handler,
         name="platform_grievance_setup_handler_remove"),
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
