from django.contrib.auth import views as auth_views
from django.urls import path

from partnering.accounts import views
from partnering.accounts.forms import LocalisedPasswordResetForm

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html", form_class=LocalisedPasswordResetForm,
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
    ), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html"),
        name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete"),
    path("tokens/", views.tokens, name="tokens"),
    path("settings/", views.account_settings, name="account_settings"),
    path("language/", views.choose_language, name="choose_language"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
]
