"""Recording audit events. Every service function that writes calls `record`."""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.db import models

from partnering.audit.actions import typed
from partnering.audit.models import AuditEvent
from partnering.audit.signals import event_recorded, events_recorded


def record(actor, action: str, obj: models.Model, *, changes: dict | None = None,
           partnership_id: int | None = None, summary: str = "") -> AuditEvent:
    """Write one audit event. `action` is a typed action (`agreement.signed`, see
    audit.actions) or a generic verb (create, update, delete) named for the model."""
    event = AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=_actor_name(actor),
        action=typed(action, obj),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        partnership_id=partnership_id,
        summary=summary[:500],
        changes=changes or {},
    )
    event_recorded.send(sender=AuditEvent, event=event)
    return event


def build_event(actor, action: str, obj: models.Model, *, changes: dict | None = None,
                partnership_id: int | None = None, summary: str = "") -> AuditEvent:
    """The event `record` would write, unsaved: for `record_events`, which writes the
    events of a bulk write (an import) with one INSERT."""
    return AuditEvent(**event_values(actor, action, type(obj), obj.pk, str(obj),
                                     changes=changes, partnership_id=partnership_id,
                                     summary=summary))


def event_values(actor, action: str, model: type[models.Model], pk, text: str, *,
                 changes: dict | None = None, partnership_id: int | None = None,
                 summary: str = "") -> dict:
    """The values of the event `record` would write about the object of `model` with this
    `pk` and this `text` (its str), as plain values: what an import writes by the thousand
    without an instance of each event (registry.bulk.NewRow)."""
    return {"actor_id": actor.pk if actor is not None and actor.is_authenticated else None,
            "actor_name": _actor_name(actor), "action": typed(action, model),
            "object_type": model._meta.label_lower, "object_id": str(pk),
            "object_repr": text[:300], "partnership_id": partnership_id,
            "summary": summary[:500], "changes": changes or {}}


def record_events(events: list[AuditEvent]) -> None:
    """Write events made by `build_event` at once, and announce each as `record` does."""
    AuditEvent.objects.bulk_create(events, batch_size=500)
    announce(events)


def announce(events: list) -> None:
    """Announce events written together (by `record_events` or an import's own bulk
    insert): all of them with one signal (audit.signals.events_recorded), which the
    receivers of each event's signal receive too (an import writes thousands)."""
    if events:
        events_recorded.send(sender=AuditEvent, events=events)


def _actor_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return "system"
    return actor.get_full_name() or actor.get_username()


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The values of `fields` as JSON-friendly text, for comparing before and after."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(item) for item in getattr(obj, name).all())
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict, after: dict) -> dict:
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def save_audited(actor, obj: models.Model, data: dict, *, fields: list[str],
                 m2m: dict | None = None,
                 partnership_id: int | Callable[[models.Model], int] | None = None,
                 summary: str = "", action: str = "") -> models.Model:
    """Apply `data` to `obj`, validate it, save it, and record what changed.

    `partnership_id` may be a function of the saved object, for a partnership's own creation.
    Call inside a transaction: a validation error leaves nothing written.
    """
    creating = obj.pk is None
    before = {} if creating else snapshot(obj, fields)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    changes = diff(before, snapshot(obj, fields))
    if callable(partnership_id):
        partnership_id = partnership_id(obj)
    if creating or changes:
        record(actor, action or ("create" if creating else "update"), obj, changes=changes,
               partnership_id=partnership_id, summary=summary)
    return obj
