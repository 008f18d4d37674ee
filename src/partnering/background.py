"""Work that must not run on a request: a daemon thread with its own database connection.

A persistent queue would survive restarts; for what runs here (re-indexing a profile,
importing an uploaded file whose job row records its progress) a thread is enough, and the
work can always be redone (`partnering index-profiles`, re-uploading). With
BACKGROUND_INLINE on (tests), the work runs at once in the caller."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

log = logging.getLogger(__name__)


def run_in_background(name: str, function, *args) -> None:
    if settings.BACKGROUND_INLINE:
        function(*args)
        return
    threading.Thread(target=_run, args=(function, args), daemon=True, name=name).start()


def _run(function, args) -> None:
    close_old_connections()
    try:
        function(*args)
    except Exception:
        log.exception("background work %s failed", getattr(function, "__name__", function))
    finally:
        connection.close()
