import pytest


@pytest.fixture(autouse=True)
def _own_vector_file(settings, tmp_path):
    # The vector file is written for a revision of the profiles, which a rolled-back test
    # may reuse with other profiles: each test gets its own folder.
    from partnering.discovery import vectorfile

    settings.DISCOVERY_VECTORS_DIR = tmp_path / "discovery"
    vectorfile.forget()
    yield
    vectorfile.forget()
