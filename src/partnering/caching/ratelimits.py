"""Fixed-window rate limits that hold across processes and machines.

`hit(key, limit)` counts one request for `key` in the current window and says whether it is
within the limit. The count is atomic wherever it is kept:

- with CACHE_URL=redis://… in Redis: `cache.add(name, 0)` then `cache.incr(name)`, one
  INCR on the server, the key expiring a window after its own ends;
- otherwise in the database (the file cache's incr is a read then a write, so two workers
  would both read 5 and both write 6): one row per key and window, counted by
  `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`, a single statement
  on SQLite (3.35+) and PostgreSQL. Rows of ended windows are deleted when a key opens a
  new window.
"""

import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection

from partnering.caching.models import RateCounter


def hit(key: str, limit: int, window: int = 60) -> bool:
    """Count a request for `key` in this `window` (seconds); False once past `limit`."""
    start = int(time.time()) // window * window
    name = f"rate:{key}:{window}:{start}"
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        count = _count_in_cache(cache, name, window)
    else:
        count = _count_in_database(name, start + window)
    return count <= limit


def _count_in_cache(cache: RedisCache, name: str, window: int) -> int:
    for _ in range(3):
        cache.add(name, 0, timeout=2 * window)
        try:
            return cache.incr(name)
        except ValueError:  # evicted between the two calls: add it again
            continue
    raise RuntimeError(f"the cache keeps losing the rate counter {name}")


def _count_in_database(name: str, expires: int) -> int:
    table, key, count, end = (connection.ops.quote_name(n) for n in (
        RateCounter._meta.db_table, "name", "count", "expires"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {count}, {end}) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 "
            f"RETURNING {count}", [name, expires])
        count = cursor.fetchone()[0]
    if count == 1:
        RateCounter.objects.filter(expires__lt=time.time()).delete()
    return count
