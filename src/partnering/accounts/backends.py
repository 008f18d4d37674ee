import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from partnering.accounts.lookups import PreparedRows


def find_account(name: str):
    """The account a sign-in name means: by e-mail when it holds "@", else by username; any case."""
    users = get_user_model()._default_manager
    field = "email__iexact" if "@" in name else "username__iexact"
    return users.filter(**{field: name}).order_by("pk").first()


class UsernameOrEmailBackend(ModelBackend):
    """Sign in with either the username or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_account(username)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The user of a signed-in session, read with SQL written once (every signed-in
        page reads it; building the ORM query cost more than running it)."""
        if type(user_id) is not int:
            return super().get_user(user_id)
        user = _users_by_id().get(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@functools.cache
def _users_by_id() -> PreparedRows:
    model = get_user_model()
    return PreparedRows(model, model._meta.pk.column)
