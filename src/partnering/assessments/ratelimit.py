"""A fixed-window limit on the anonymous token endpoints, per token and per address, counted
across every process and machine (caching/ratelimits.py; settings
ASSESSMENT_TOKEN_RATE_PER_MINUTE, ASSESSMENT_ADDRESS_RATE_PER_MINUTE)."""

import hashlib

from django.conf import settings
from django.utils.translation import gettext as _

from partnering.caching.ratelimits import hit


class RateLimited(Exception):
    pass


def check(request, token: str) -> None:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    ok_address = hit(f"assess-addr:{address}", settings.ASSESSMENT_ADDRESS_RATE_PER_MINUTE)
    ok_token = hit(f"assess-token:{digest}", settings.ASSESSMENT_TOKEN_RATE_PER_MINUTE)
    if not (ok_address and ok_token):
        raise RateLimited(_("Too many requests; try again in a minute."))
