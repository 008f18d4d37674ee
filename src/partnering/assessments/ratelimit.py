"""A fixed-window limit on the anonymous token endpoints, per token and per address, in
Django's cache (settings ASSESSMENT_TOKEN_RATE_PER_MINUTE, ASSESSMENT_ADDRESS_RATE_PER_MINUTE)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


class RateLimited(Exception):
    pass


def _hit(key: str, limit: int) -> bool:
    window = int(time.time() // 60)
    name = f"assess-rate:{key}:{window}"
    cache.add(name, 0, timeout=120)
    try:
        count = cache.incr(name)
    except ValueError:
        cache.set(name, 1, timeout=120)
        count = 1
    return count <= limit


def check(request, token: str) -> None:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    ok_address = _hit(f"addr:{address}", settings.ASSESSMENT_ADDRESS_RATE_PER_MINUTE)
    ok_token = _hit(f"token:{digest}", settings.ASSESSMENT_TOKEN_RATE_PER_MINUTE)
    if not (ok_address and ok_token):
        raise RateLimited("Too many requests; try again in a minute.")
