"""Settings for the HTTP benchmark: the project's own, plus a Django hello-world route."""

from partnering.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
ALLOWED_HOSTS = ["*"]
