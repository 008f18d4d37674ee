"""Work that must not run on a request: one worker thread per process, with its own
database connection, taking jobs in order from a queue.

A persistent queue would survive restarts; for what runs here (re-indexing a profile,
importing an uploaded file whose job row records its progress) a thread is enough, and the
work can always be redone (`partnering index-profiles`, re-uploading). One worker, not a
thread per job: a command that saves hundreds of organisations queues hundreds of small
jobs, which must neither load the embedding model hundreds of times at once nor contend
for SQLite's single writer. Before the process exits, the queue is drained, so a command
such as `partnering demo` finishes its indexing (and no thread is killed inside torch).
With BACKGROUND_INLINE on (tests), the work runs at once in the caller."""

import atexit
import logging
import queue
import threading

from django.conf import settings
from django.db import close_old_connections, connection

log = logging.getLogger(__name__)

_jobs: queue.Queue = queue.Queue()
_worker: dict = {"thread": None}
_lock = threading.Lock()


def run_in_background(name: str, function, *args) -> None:
    if settings.BACKGROUND_INLINE:
        function(*args)
        return
    _jobs.put((name, function, args))
    with _lock:
        if _worker["thread"] is None or not _worker["thread"].is_alive():
            _worker["thread"] = threading.Thread(target=_work, daemon=True,
                                                 name="partnering-background")
            _worker["thread"].start()


def _work() -> None:
    while True:
        name, function, args = _jobs.get()
        close_old_connections()
        try:
            function(*args)
        except Exception:
            log.exception("background work %s failed", name)
        finally:
            connection.close()
            _jobs.task_done()


@atexit.register
def drain() -> None:
    """Wait for the queued work (called at exit; tests and commands may call it too)."""
    if _worker["thread"] is not None and _worker["thread"].is_alive():
        _jobs.join()
