"""Strict parsing of settings from environment variables (healthchecks' way)."""

import json
import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(TRUE | FALSE)}, not {raw!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_float(name: str, default: float | None, minimum: float, maximum: float,
              ) -> float | None:
    """A number from minimum to maximum (inclusive); empty or unset gives the default."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be from {minimum} to {maximum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


DOTTED = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$")


def storage_backend() -> dict:
    """STORAGES["default"] from FILE_STORAGE (a storage class, dotted) and
    FILE_STORAGE_OPTIONS (a JSON object of its options); unset: the uploads folder."""
    backend = os.environ.get("FILE_STORAGE", "").strip()
    raw = os.environ.get("FILE_STORAGE_OPTIONS", "").strip()
    if not backend:
        if raw:
            raise ImproperlyConfigured("FILE_STORAGE_OPTIONS needs FILE_STORAGE (the storage "
                                       "class, e.g. storages.backends.s3.S3Storage)")
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not DOTTED.match(backend):
        raise ImproperlyConfigured(f"FILE_STORAGE must be a dotted class path such as "
                                   f"storages.backends.s3.S3Storage, not {backend!r}")
    try:
        options = json.loads(raw) if raw else {}
    except ValueError as error:
        raise ImproperlyConfigured(f"FILE_STORAGE_OPTIONS is not JSON: {error}") from None
    if not isinstance(options, dict):
        raise ImproperlyConfigured("FILE_STORAGE_OPTIONS must be a JSON object of the "
                                   "storage's options")
    return {"BACKEND": backend, "OPTIONS": options}


def env_site_url(name: str, default: str) -> str:
    """An http(s) address without a path (a single trailing slash is dropped), e.g.
    https://partnering.example.org or http://127.0.0.1:8000."""
    from urllib.parse import urlsplit

    raw = os.environ.get(name)
    value = default if raw is None or raw.strip() == "" else raw.strip()
    problem = f"{name} must be an http(s) address without a path, e.g. " \
              f"https://partnering.example.org, not {value!r}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(problem) from None
    if (parts.scheme not in ("http", "https") or not parts.hostname
            or parts.username is not None or parts.path not in ("", "/")
            or parts.query or parts.fragment or value.endswith(("?", "#"))
            or any(c.isspace() for c in value)):
        raise ImproperlyConfigured(problem)
    return f"{parts.scheme}://{parts.netloc}"
