"""What may be translated: each kind of record registers its model, its translatable fields,
the path to its partnership and who may translate it (`register`). Issue 19's consultation
texts register the same way (see kinds.py for the built-in kinds)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

# The moments this app adds to the audit trail (audit.actions.NAMED).
AUDIT_ACTIONS = {
    "translation.added": _("added a translation"),
    "translation.revised": _("revised a translation"),
}


@dataclass(frozen=True)
class Kind:
    """A kind of translatable record.

    `name` appears in URLs (`/translations/<name>/<param>/`); `param` is the URL parameter
    naming one record (`<thing>_id`, as the access walker reads it); `via` the chain of
    foreign keys to its partnership ("pk" for a partnership itself); `need` what the
    translator must be allowed to do in that partnership ("contribute" or "manage", as for
    editing the record); `page` the record's own page."""

    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    via: str
    need: str
    param: str
    page: Callable[[models.Model], str]
    field_labels: dict = field(default_factory=dict)

    def field_label(self, name: str) -> str:
        label = self.field_labels.get(name)
        if label is not None:
            return str(label)
        return str(self.model._meta.get_field(name).verbose_name).capitalize()

    def max_length(self, name: str) -> int | None:
        return self.model._meta.get_field(name).max_length


KINDS: dict[str, Kind] = {}
_BY_MODEL: dict[type, Kind] = {}


def register(kind: Kind) -> Kind:
    """Make a kind of record translatable (its model needs a `language` field)."""
    if not any(f.name == "language" for f in kind.model._meta.fields):
        raise ValueError(f"{kind.model.__name__} needs a `language` field to be translatable")
    KINDS[kind.name] = kind
    _BY_MODEL[kind.model] = kind
    _connect_cleanup(kind.model)
    return kind


def kind_of(obj_or_model) -> Kind | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _BY_MODEL.get(getattr(model._meta, "concrete_model", model))


def partnership_id_of(kind: Kind, obj) -> int:
    """The id of the partnership a record belongs to, by following `via`."""
    if kind.via == "pk":
        return obj.pk
    *path, last = kind.via.split("__")
    for step in path:
        obj = getattr(obj, step)
    return getattr(obj, f"{last}_id")


def register_audit_actions() -> None:
    from partnering.audit import actions

    actions.NAMED.update(AUDIT_ACTIONS)


def _connect_cleanup(model) -> None:
    from django.db.models.signals import post_delete

    post_delete.connect(_forget_translations, sender=model,
                        dispatch_uid=f"translations-cleanup-{model._meta.label_lower}")


def _forget_translations(sender, instance, **kwargs) -> None:
    from django.contrib.contenttypes.models import ContentType

    from partnering.translations.models import ContentTranslation

    ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk,
    ).delete()
