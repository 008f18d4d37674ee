"""The cache every process of an install shares (settings CACHES), from CACHE_URL.

The public page cache (pagecache.py) keeps pages there; rate limits (caching/ratelimits.py)
count there when it is Redis. Parsed strictly: a URL this does not know stops start-up with a
message naming the variable.

- unset: Django's file cache in `$PARTNERING_DATA_DIR/cache`, shared by every process of the
  install on this machine (bench/cache_backends.py measured it against the database cache on
  the page cache's hit path; see README);
- `redis://[:password@]host[:port][/db]` or `rediss://…` (TLS): Django's Redis cache, for
  several machines;
- `file:///absolute/path`: the file cache in that folder (a volume every process sees);
- `database://`: Django's database cache, in the table `partnering_cache` of the
  database (`partnering migrate` creates it);
- `locmem://`: each process's own memory; one process only (development, benchmarks).
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

VARIABLE = "CACHE_URL"
DATABASE_TABLE = "partnering_cache"
KEY_PREFIX = "partnering"
REDIS = "django.core.cache.backends.redis.RedisCache"
SCHEMES = ("redis", "rediss", "file", "database", "locmem")


def _refuse(reason: str):
    raise ImproperlyConfigured(f"{VARIABLE} {reason}")


def file_cache(folder: Path) -> dict:
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder), "KEY_PREFIX": KEY_PREFIX,
            # Culling scans the folder: a few thousand pages stay cheap to scan.
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4}}


def _redis(url: str, parts) -> dict:
    try:
        parts.port  # noqa: B018 (parsed to refuse a port that is not a number)
    except ValueError:
        _refuse(f"has a port that is not a number: {url!r}")
    if not parts.hostname:
        _refuse(f"names no host: {url!r} (redis://host:6379/0)")
    database = parts.path.lstrip("/")
    if database and not database.isdigit():
        _refuse(f"must end with a database number (/0), not {parts.path!r}")
    if parts.query or parts.fragment:
        _refuse("takes no query or fragment: redis://[:password@]host[:port][/db]")
    return {"BACKEND": REDIS, "LOCATION": url, "KEY_PREFIX": KEY_PREFIX}


def caches(url: str, data_dir: Path) -> dict:
    """settings.CACHES for CACHE_URL's value (empty: the embedded default)."""
    url = url.strip()
    if not url:
        return {"default": file_cache(data_dir / "cache")}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        _refuse(f"must start with one of {', '.join(s + '://' for s in SCHEMES)}; "
                f"not {url.split(':', 1)[0]!r}")
    if scheme in ("redis", "rediss"):
        return {"default": _redis(url, parts)}
    rest = url.split("://", 1)[1] if "://" in url else ""
    if scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            _refuse(f"needs an absolute folder, file:///srv/partnering/cache, not {url!r}")
        return {"default": file_cache(Path(parts.path))}
    if rest:
        _refuse(f"{scheme}:// takes nothing after it, not {url!r}")
    if scheme == "database":
        return {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                            "LOCATION": DATABASE_TABLE, "KEY_PREFIX": KEY_PREFIX}}
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "KEY_PREFIX": KEY_PREFIX}}
