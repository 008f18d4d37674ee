"""The CSRF token of a page's forms: Django's `get_token`, with its random characters drawn
from one read of the system's randomness. Django draws each of the 32 characters of a new
secret and of each token's mask with a read of its own, a tenth of a millisecond on every
signed-in page (its sign-out and language forms); the token is the same in every other
respect (the cookie's secret, its renewal, a fresh mask per token, the same alphabet), and
Django's middleware checks it."""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from markupsafe import Markup

_COUNT = len(CSRF_ALLOWED_CHARS)
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
# Bytes at or above this are skipped, so that each character is equally likely.
_UNBIASED = 256 - 256 % _COUNT


def random_string(length: int = CSRF_SECRET_LENGTH) -> str:
    """`length` characters of the CSRF alphabet, each drawn uniformly."""
    chars: list[str] = []
    while len(chars) < length:
        chars.extend(CSRF_ALLOWED_CHARS[byte % _COUNT]
                     for byte in secrets.token_bytes(length + 8) if byte < _UNBIASED)
    return "".join(chars[:length])


def get_token(request) -> str:
    """As `django.middleware.csrf.get_token`: a new secret for the cookie when the request
    has none, the cookie sent again (its expiry renewed), and the secret masked afresh."""
    meta = request.META
    if "CSRF_COOKIE" not in meta:
        meta["CSRF_COOKIE"] = random_string()
    secret = meta["CSRF_COOKIE"]
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_string()
    cipher = "".join(CSRF_ALLOWED_CHARS[(_INDEX[x] + _INDEX[y]) % _COUNT]
                     for x, y in zip(secret, mask, strict=True))
    return mask + cipher


def hidden_input(request) -> Markup:
    """The hidden field of a form, as Django's `csrf_input`."""
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(
        get_token(request))
