"""`get_FOO_display()` without rebuilding the field's choices on every call.

Django's `Model._get_FIELD_display` flattens the field's choices and makes each one hashable
again each time it is asked (about 0.1 ms for a field with a few dozen choices); a
partnership overview asks some forty times. A model field's choices are fixed when its
class is built, so their mapping is made once per field. The labels stay lazy translations,
turned into text in the reader's language on each call, as Django does; choices given as a
callable (re-read on each use) keep Django's way."""

from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_KEPT = "_partnering_choice_labels"


def _labels(field) -> dict:
    labels = field.__dict__.get(_KEPT)
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        if isinstance(field.choices, list | tuple):
            field.__dict__[_KEPT] = labels
    return labels


def display(instance, field) -> str:
    value = getattr(instance, field.attname)
    labels = _labels(field)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (a list in a JSON field with choices)
        label = labels.get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def install() -> None:
    Model._get_FIELD_display = display
