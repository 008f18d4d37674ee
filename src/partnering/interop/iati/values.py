"""What the IATI import remembers of what it wrote, and the small conversions it shares with
the export and the partnership page: fingerprints of tracked values, shortened texts,
indicator values."""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from partnering.audit.services import _plain
from partnering.interop.iati.data import parse_number
from partnering.reference.codelists import codes

# Partnership fields the import writes and remembers, for the three-way merge of a re-import.
TRACKED = ["title", "problem_statement", "scope", "countries", "geography", "start_date",
           "end_date", "formality", "funding", "duration", "stakeholder_mix", "level",
           "visibility"]
HASHED = {"problem_statement", "scope"}
CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")


def status_name(code: str) -> str:
    item = codes("ActivityStatus").get(code)
    return item.name if item else "unknown"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# json.dumps(..., sort_keys=True, default=str), its encoder made once
_FINGERPRINT_TEXT = json.JSONEncoder(sort_keys=True, default=str).encode


def fingerprint(values: dict) -> str:
    text = _FINGERPRINT_TEXT({k: _plain_value(v) for k, v in values.items()})
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


AS_IS = {str, int, float, bool, type(None)}


def _plain_value(value):
    """audit.services._plain, the types of an imported row's values first (a fingerprint
    is made of every row of a file, and must not change: re-imports compare them)."""
    kind = type(value)
    if kind in AS_IS:
        return value
    if kind is Decimal:
        return str(value)
    if kind is date or kind is datetime:
        return value.isoformat()
    return _plain(value)


def tracked(name: str, value):
    """What the import remembers of a partnership field: long texts only as a fingerprint."""
    if name in HASHED:
        return "sha1:" + hashlib.sha1((value or "").encode(), usedforsecurity=False).hexdigest()
    return _plain(value)


def measure_value(raw: str | None) -> Decimal | None:
    value = parse_number(raw)
    if value is None or abs(value) >= Decimal("1e16"):
        return None
    return value.quantize(TEN_THOUSANDTH)
