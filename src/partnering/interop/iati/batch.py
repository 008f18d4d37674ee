"""The rows an IATI import writes, gathered and inserted in bulk.

An activity is written in steps (ActivityWriter.steps, a generator): between two steps the
rows it made are inserted, so the next step has their ids (a partnership before its members,
a result before its indicators, an indicator before its targets). New activities are written
a batch at a time: every activity of the batch takes a step, then the rows of that step are
inserted with one INSERT per table for the whole batch (registry/bulk.py: a multi-row
INSERT … RETURNING id from prepared values where the ids are needed, an executemany where
they are not). The audit events go in at the end of the batch, the same way, each still
about one object (the partnership, a member, the rows).

`Rows.add(objects, then=...)` queues objects (model instances, or NewRows: plain values,
no instance); `then()` runs once they have their ids (audit events are made there).
`Rows.flush()` inserts what is queued.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connections, models, router

from partnering.audit.models import AuditEvent
from partnering.audit.services import announce, event_values
from partnering.monitoring.models import Indicator
from partnering.monitoring.summaries import refresh_indicators
from partnering.registry.bulk import NewRow, copy_rows, insert_with_ids, prepared, prepared_rows

INSERT_BATCH = 500
WITHOUT_IDS: set[type] = set()  # plain_models(), once the apps are loaded


def plain_models() -> set[type]:
    """Rows nobody needs the id of once inserted: inserted with one executemany, without
    the multi-row INSERT that bulk_create builds (most of its time at 20,000 rows)."""
    from partnering.finance.models import Budget, ResourceFlow
    from partnering.monitoring.models import IndicatorTarget, Measurement
    from partnering.partnerships.models import ChecklistItem, Partnership, PhaseTransition

    return {ChecklistItem, PhaseTransition, Budget, ResourceFlow, IndicatorTarget,
            Measurement, Partnership.sdg_goals.through, Partnership.sdg_targets.through}


def insert_plain(model: type[models.Model], objects: list) -> None:
    """Insert `objects` (model instances or NewRows) as bulk_create would (the same
    defaults, auto_now values and database conversions), with one executemany; their ids
    are not read back."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    connection = connections[router.db_for_write(model)]
    _executemany(connection, model, fields, prepared_rows(model, objects, connection))
    for obj in objects:
        if not isinstance(obj, NewRow):
            obj._state.adding, obj._state.db = False, connection.alias


def _executemany(connection, model, fields, params: list[list]) -> None:
    if connection.vendor == "postgresql":
        copy_rows(connection, model, fields, params)
        return
    quote = connection.ops.quote_name
    # Table and column names from the model, quoted; the values are parameters.
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
           f"({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def insert_copies(template: list[models.Model], owner_field: str, owners: list[int]) -> None:
    """The rows of `template` once for each owner id, made by the database: one
    INSERT … SELECT from the template's values joined with the owners' ids, in the order an
    INSERT per owner would give (36 checklist items for each of 500 partnerships are 18,000
    rows, each converted and sent from Python otherwise)."""
    model = type(template[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    # PostgreSQL types the values of a VALUES list from the parameters: each is cast to its
    # column's type. SQLite stores each value as its column's affinity says.
    cast = ((lambda field: f"CAST(%s AS {field.cast_db_type(connection)})")
            if connection.vendor == "postgresql" else (lambda field: "%s"))
    others = [f for f in fields if f.name != owner_field]
    number = "CAST(%s AS integer)" if connection.vendor == "postgresql" else "%s"
    values = ", ".join(f"({number}, {', '.join(cast(f) for f in others)})" for _ in template)
    params = [value for number, obj in enumerate(template)
              for value in [number, *prepared(others, obj, connection)]]
    columns = ", ".join(quote(f.column) for f in fields)
    chosen = ", ".join("o.column1" if f.name == owner_field
                       else f"t.column{others.index(f) + 2}" for f in fields)
    for start in range(0, len(owners), INSERT_BATCH):
        chunk = owners[start:start + INSERT_BATCH]
        owned = ", ".join([f"({cast(model._meta.get_field(owner_field))})"] * len(chunk))
        # Table and column names from the model, quoted; the values are parameters.
        sql = (f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
               f"SELECT {chosen} FROM (VALUES {owned}) AS o, (VALUES {values}) AS t "
               "ORDER BY o.column1, t.column1")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*chunk, *params])


class Rows:
    def __init__(self):
        if not WITHOUT_IDS:
            WITHOUT_IDS.update(plain_models())
        self.queued: dict[type, list] = defaultdict(list)
        self.copies: dict[int, tuple] = {}
        self.callbacks: list[Callable[[], None]] = []
        self.events: list[NewRow] = []  # audit events, inserted by finish()
        self.indicators_of: set[int] = set()  # partnerships whose indicator summaries change

    def add(self, objects: Iterable[models.Model | NewRow],
            then: Callable[[], None] | None = None):
        """Queue model instances or NewRows (plain values, no instance: cheaper by far); one
        table's rows go in together, NewRows apart from instances."""
        for obj in objects:
            key = (obj.model, True) if type(obj) is NewRow else (type(obj), False)
            self.queued[key].append(obj)
        if then is not None:
            self.callbacks.append(then)

    def flush(self) -> None:
        """Insert what is queued (one INSERT per table, split by INSERT_BATCH), then run the
        callbacks that needed the new ids."""
        queued, self.queued = self.queued, defaultdict(list)
        for (model, _), objects in queued.items():
            if model in WITHOUT_IDS:
                insert_plain(model, objects)
            else:
                insert_with_ids(model, objects, INSERT_BATCH)
        self._insert_copies()
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()

    def add_copies(self, template: list[models.Model], owner_field: str,
                   owner: models.Model) -> None:
        """Rows that differ only in their owner (a new partnership's checklist: the same
        items for every partnership on a path): `template` is prepared for the database
        once, then inserted for each owner with its id."""
        self.copies.setdefault(id(template), (template, owner_field, []))[2].append(owner)

    def _insert_copies(self) -> None:
        copies, self.copies = self.copies, {}
        for template, owner_field, owners in copies.values():
            if template and owners:
                insert_copies(template, owner_field, [owner.pk for owner in owners])

    def record(self, actor, action: str, obj: models.Model | NewRow, *,
               changes: dict | None = None, partnership_id: int | None = None,
               summary: str = "", text: str | None = None) -> None:
        """An audit event as audit.services.record writes it, inserted by `finish` from
        plain values (a NewRow, no AuditEvent instance). `text`: the object's str, for an
        object that is a NewRow."""
        model = obj.model if type(obj) is NewRow else type(obj)
        values = event_values(actor, action, model, obj.pk, str(obj) if text is None else text,
                              changes=changes, partnership_id=partnership_id, summary=summary)
        if not values["changes"]:  # the field's default, {}, prepared once per INSERT
            del values["changes"]
        self.events.append(NewRow(AuditEvent, **values))

    def finish(self) -> None:
        """The last inserts: what is queued, the indicator summaries, the audit events (and
        their signal, as `record` sends it)."""
        self.flush()
        if self.indicators_of:
            refresh_indicators(Indicator.objects.filter(partnership_id__in=self.indicators_of))
            self.indicators_of = set()
        events, self.events = self.events, []
        insert_with_ids(AuditEvent, events, INSERT_BATCH)
        announce(events)  # as audit.services.record_events does
