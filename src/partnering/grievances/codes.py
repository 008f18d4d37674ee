"""Case codes and secrets: how a complainant follows a case without an account.

The code ("GR-7KQ4-M2XP": 8 characters of a 32-letter alphabet without 0/O and 1/I, 40
bits) names the case; the secret (20 characters, 100 bits) proves its holder filed it.
Both come from `secrets`. Only a salted SHA-256 of the secret is stored, compared in
constant time; a wrong code and a wrong secret cost the same work and get the same answer.
Look-ups are rate-limited per code and per address on the shared counter
(caching/ratelimits.py; settings GRIEVANCE_CODE_RATE_PER_MINUTE,
GRIEVANCE_ADDRESS_RATE_PER_MINUTE)."""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.utils.translation import gettext as _

from partnering.caching.ratelimits import hit

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
CODE = re.compile(r"^GR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")
SECRET_LENGTH = 20
# Compared against when the code is unknown, so a miss takes as long as a wrong secret.
_DUMMY = "sha256$" + "0" * 32 + "$" + "0" * 64


class RateLimited(Exception):
    pass


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_code() -> str:
    raw = _random(8)
    return f"GR-{raw[:4]}-{raw[4:]}"


def new_secret() -> str:
    raw = _random(SECRET_LENGTH)
    return "-".join(raw[i:i + 5] for i in range(0, SECRET_LENGTH, 5))


def normalise_code(code: str) -> str:
    """The code as typed (any case, with or without spaces and dashes) in its canonical
    form, or ''."""
    text = re.sub(r"[\s-]", "", (code or "").upper())[:20]
    text = text.removeprefix("GR")
    if len(text) != 8:
        return ""
    canonical = f"GR-{text[:4]}-{text[4:]}"
    return canonical if CODE.match(canonical) else ""


def _digest(salt: str, secret: str) -> str:
    cleaned = re.sub(r"[\s-]", "", (secret or "").upper())[:64]
    return hashlib.sha256(f"{salt}:{cleaned}".encode()).hexdigest()


def hash_secret(secret: str) -> str:
    salt = secrets.token_hex(16)
    return f"sha256${salt}${_digest(salt, secret)}"


def secret_matches(stored: str | None, secret: str) -> bool:
    """Whether `secret` is the one hashed in `stored` (constant time; None: a miss that
    costs as much as a hit)."""
    _algorithm, salt, expected = (stored or _DUMMY).split("$", 2)
    ok = hmac.compare_digest(_digest(salt, secret), expected)
    return ok and stored is not None


def check_rate(request, code: str) -> None:
    """Count one look-up for this code and this address; RateLimited past either limit."""
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256((code or "").encode()).hexdigest()[:32]
    ok_address = hit(f"grievance-addr:{address}", settings.GRIEVANCE_ADDRESS_RATE_PER_MINUTE)
    ok_code = hit(f"grievance-code:{digest}", settings.GRIEVANCE_CODE_RATE_PER_MINUTE)
    if not (ok_address and ok_code):
        raise RateLimited(_("Too many attempts; try again in a minute."))


def check_filing_rate(request) -> None:
    """Count one filing from this address (anonymous forms attract floods)."""
    address = request.META.get("REMOTE_ADDR", "")
    if not hit(f"grievance-file:{address}", settings.GRIEVANCE_FILINGS_PER_HOUR, 3600):
        raise RateLimited(_("Too many grievances from this address; try again later."))
