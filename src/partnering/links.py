"""Absolute links, for what leaves the site (mails, links handed out by SMS): they start
with the SITE_URL setting, never with the address a request happened to come in on."""

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """SITE_URL followed by a path of this site ("/respond/abc/")."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"not a path of this site: {path!r}")
    return settings.SITE_URL + path


def absolute_url(name: str, *args, **kwargs) -> str:
    """The absolute address of a named URL."""
    return absolute(reverse(name, args=args or None, kwargs=kwargs or None))
