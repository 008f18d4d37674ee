"""The loop metrics' counts and percentiles, kept between two changes of their inputs
(issue #16): computing them scans every loop fact of the consultation (about 200 ms on
PostgreSQL at 100,000 submissions), and the page, the API, the open-data zip and the
command line all ask for the same.

They depend only on the consultation's loop facts, its answer deadline (the end of its day
in the platform's time zone) and whether that moment has passed: nothing about the reader.
Each write of the facts moves the consultation's `loop_version` (loops/facts.py, in the
same transaction), so the key below is never behind the data. What each reader may see (the
forums they may read, the feel-heard suppression) is applied afterwards to fresh rows built
from the kept plain values, never to the kept values themselves."""

from django.core.cache import cache

from partnering.fragments import Memo
from partnering.platforms.models import Consultation

# A key is never reused for other data (it holds the version), so this only bounds how long
# a consultation nobody reads stays in the cache.
KEEP_SECONDS = 7 * 24 * 3600
_LOCAL = Memo(32)  # the process's copy: no unpickling on the next read


def version(consultation_id: int) -> int:
    """The version in the database now (the caller's object may be older)."""
    found = Consultation.objects.filter(pk=consultation_id).values_list(
        "loop_version", flat=True)
    return next(iter(found), 0)


def kept(consultation_id: int, end, passed: bool, compute):
    """`compute()` (plain, picklable values, read-only to callers), kept until the
    consultation's loop facts, its deadline or whether it has passed change."""
    key = (f"loops:metrics:{consultation_id}:{version(consultation_id)}:"
           f"{end.isoformat()}:{int(passed)}")
    value = _LOCAL.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, KEEP_SECONDS)
        _LOCAL.set(key, value)
    return value
