import os
import shutil
import tempfile

import pytest
from django.conf import settings
from django.core.cache import cache


def pytest_configure(config):
    # The interface's catalogues compiled (.po → .mo), as `make` does, for a bare `pytest`.
    from partnering.i18n.catalogues import compile_all

    compile_all()
    # The production hasher costs ~50 ms a password; personas are built often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background jobs (imports, profile indexing) run at once in the caller, inside the
    # test's transaction, on the tasks "immediate" backend; tests of the worker turn it off.
    settings.TASKS_IMMEDIATE = True
    # Uploads (the demo's evidence file among them) go to a directory removed afterwards,
    # not into the data directory of the checkout.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="partnering-test-media-")
    # The file cache (the default) in a folder of the run's own, not the checkout's data dir.
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES = {"default": {**default, "LOCATION": tempfile.mkdtemp(
            prefix="partnering-test-cache-")}}
    # The real embedding model is loaded only by the tests that ask for it.
    settings.DISCOVERY_EMBEDDINGS = False


def pytest_runtest_setup(item):
    if item.get_closest_marker("embeddings"):
        from partnering.discovery import embeddings

        if not embeddings.installed():
            pytest.skip("the [embeddings] extra is not installed "
                        "(make test EXTRAS=\"test embeddings\")")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # CI installs the [embeddings] extra: there a skipped embeddings test is a failure.
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") and item.get_closest_marker("embeddings"):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: skipped in CI, which installs the [embeddings] " \
                          f"extra: {report.longrepr}"


def pytest_unconfigure(config):
    if "partnering-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    location = settings.CACHES["default"].get("LOCATION", "")
    if "partnering-test-cache-" in location:
        shutil.rmtree(location, ignore_errors=True)


@pytest.fixture(autouse=True)
def _forget_cached_pages():
    # Public pages are cached under the latest audit id, which a rolled-back test may reuse;
    # so are the process's copies of remembered sections (partnering.fragments).
    from partnering import fragments

    cache.clear()
    fragments.forget()


@pytest.fixture(autouse=True)
def _forget_discovery_index():
    # Each process keeps discovery's index in memory, keyed by a revision counter that a
    # rolled-back test may reuse with other profiles; and its session on the exported query
    # model, which a test with the real model may have exported into its own folder.
    from partnering.discovery import onnxmodel, profiles

    profiles.forget()
    onnxmodel.forget()


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    # LocaleMiddleware activates the request's language and leaves it active in the thread:
    # a test after one that asked for French would otherwise render in French.
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
