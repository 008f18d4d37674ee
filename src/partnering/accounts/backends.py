from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """Sign in with either the username or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        users = get_user_model()._default_manager
        field = "email__iexact" if "@" in username else "username__iexact"
        user = users.filter(**{field: username}).first()
        if user is None:
            # Spend the same time as a real check, so timing does not reveal accounts.
            users.model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
