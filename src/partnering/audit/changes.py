"""What changed in an audit event, as a person reads it in their language: each field by
its label ("Decision rule", « Règle de décision »), each value by its display (a choice's
label, Yes or No, a date in the language's format), never the stored names and codes.

The event keeps the stored values (the API gives them as they are); only pages read them
through here. Labels are worked out once per process for each language, kind of object and
field; how to show a field's values once per kind of object and field."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from partnering.audit.field_labels import BORROWED, LABELS
from partnering.formats import local_date, local_datetime, number

NUMBERS = (models.DecimalField, models.FloatField, models.IntegerField)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def readable(event) -> list[Change]:
    """The event's changes, field by field, as the reader reads them ("" for no value)."""
    return [Change(field_label(event.object_type, name), shown(event.object_type, name, old),
                   shown(event.object_type, name, new))
            for name, (old, new) in map(_as_pair, (event.changes or {}).items())]


def _as_pair(item) -> tuple[str, tuple]:
    """(name, (before, after)); a change recorded as a single value (what a translation
    names: its record, field and language) is read as set from nothing."""
    name, value = item
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return name, tuple(value)
    return name, (None, value)


def field_label(object_type: str, name: str) -> str:
    """A field's label in the active language."""
    return _label(translation.get_language() or "", object_type, name)


@lru_cache(maxsize=4096)
def _label(language: str, object_type: str, name: str) -> str:
    named = LABELS.get((object_type, name)) or LABELS.get(name)
    if named is not None:
        return str(named)
    words = getattr(_field(object_type, name), "verbose_name", None) or name.replace("_", " ")
    return _(capfirst(str(words)))


def _field(object_type: str, name: str):
    for kind in (object_type, BORROWED.get(object_type, object_type)):
        try:
            return apps.get_model(kind)._meta.get_field(name)
        except (LookupError, ValueError, FieldDoesNotExist):
            continue
    return None


@dataclass(frozen=True)
class _Kind:
    """How a field's stored values are shown: by its choices, as dates, as numbers."""
    choices: dict
    dates: str = ""
    numeric: bool = False


@lru_cache(maxsize=4096)
def _kind(object_type: str, name: str) -> _Kind:
    field = _field(object_type, name)
    if field is None or not field.concrete:
        return _Kind({})
    choices = {str(key): label for key, label in field.flatchoices} if field.choices else {}
    if isinstance(field, models.DateTimeField):
        return _Kind(choices, dates="datetime")
    if isinstance(field, models.DateField):
        return _Kind(choices, dates="date")
    return _Kind(choices, numeric=isinstance(field, NUMBERS) and not field.is_relation)


def shown(object_type: str, name: str, value) -> str:
    """A stored value as the reader reads it: "" for none."""
    if value is None or value in ("", [], {}):
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if (object_type, name) == ("translations.contenttranslation", "field"):
        return field_label("", str(value))  # the translated field, by its label
    kind = _kind(object_type, name)
    if isinstance(value, list):
        return ", ".join(_one(kind, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_one(kind, item)}" for key, item in value.items())
    return _one(kind, value)


def _one(kind: _Kind, value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if str(value) in kind.choices:
        return str(kind.choices[str(value)])
    if kind.dates:
        return _moment(kind.dates, value)
    if kind.numeric and isinstance(value, int | float | str):
        return _number(value)
    return str(value)


def _moment(dates: str, value) -> str:
    try:
        if dates == "datetime":
            return local_datetime(datetime.fromisoformat(str(value)))
        return local_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _number(value) -> str:
    try:
        return number(Decimal(str(value)))
    except (ArithmeticError, ValueError, TypeError):
        return str(value)
