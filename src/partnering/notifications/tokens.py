"""Signed unsubscribe tokens, one per person and category (no sign-in needed to use one)."""

from django.core import signing

SALT = "partnering.notifications.unsubscribe"
DIGEST = "digest"  # the digest e-mail's own token: its categories go off


def make(user_id: int, category: str) -> str:
    return signing.dumps({"u": user_id, "c": category}, salt=SALT, compress=True)


def read(token: str) -> tuple[int, str] | None:
    """(user id, category), or None for a token this site did not sign."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) \
            or not isinstance(data.get("c"), str):
        return None
    return data["u"], data["c"]
