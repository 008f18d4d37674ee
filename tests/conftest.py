from django.conf import settings


def pytest_configure(config):
    # The production hasher costs ~50 ms a password; personas are built often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background work (profile indexing) runs in the caller, inside the test's transaction.
    settings.BACKGROUND_INLINE = True
