"""What an import wrote, as plain values that do not depend on the database's ids or the
clock: every row of every table that gained rows, ids replaced by the row's rank among the
rows the import added to its table (a row there before by its rank among those, as
"old:<rank>": PostgreSQL's ids do not restart with each test),
moments of the import itself replaced by "now". The fingerprints the activity keeps of rows
that name other rows (flows, indicators, targets, measurements) are checked against the rows
written, then made again with those ids as ranks."""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.db import models
from django.utils import timezone

from partnering.interop.iati.rows import FIELDS, MODELS, import_key, target_key
from partnering.interop.iati.values import fingerprint

NOW_WITHIN = datetime.timedelta(hours=6)
# The imported rows whose fingerprints hold ids of other rows.
NAMING = [label for label, names in FIELDS.items() if any(n.endswith("_id") for n in names)]
ORGANISATION_KEYS = {"organisation", "reporting_organisation_id"}


def marks() -> dict[type, int]:
    """The highest id of every table with an integer id, before an import."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
            found[model] = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return found


class Written:
    def __init__(self, before: dict[type, int]):
        self.before = before
        self.ranks: dict[str, dict[int, int]] = {}
        self.old: dict[tuple[str, int], int] = {}
        self.added: dict[type, list[dict]] = {}
        for model, mark in before.items():
            rows = list(model.objects.filter(pk__gt=mark).order_by("pk").values())
            if rows:
                self.added[model] = rows
                self.ranks[model._meta.label_lower] = {row["id"]: n for n, row
                                                       in enumerate(rows, 1)}

    def ref(self, label: str, pk):
        if pk is None:
            return None
        rank = self.ranks.get(label, {}).get(int(pk))
        return f"{label}:{rank}" if rank else f"{label}:old:{self.old_rank(label, int(pk))}"

    def old_rank(self, label: str, pk: int) -> int:
        """A row that was there before the import: its rank among those."""
        if (label, pk) not in self.old:
            self.old[label, pk] = apps.get_model(label).objects.filter(pk__lte=pk).count()
        return self.old[label, pk]

    def plain(self) -> dict[str, list[dict]]:
        return {model._meta.label_lower: [self.row(model, row) for row in rows]
                for model, rows in sorted(self.added.items(),
                                          key=lambda item: item[0]._meta.label_lower)}

    def row(self, model, row: dict) -> dict:
        out = {}
        for field in model._meta.concrete_fields:
            value = row[field.attname]
            if field.primary_key:
                value = self.ref(model._meta.label_lower, value)
            elif field.is_relation:
                value = self.ref(field.related_model._meta.label_lower, value)
            elif isinstance(value, datetime.datetime) and \
                    abs(timezone.now() - value) < NOW_WITHIN:
                value = "now"
            out[field.name] = self.value(value)
        if model._meta.label_lower == "audit.auditevent":
            out["object_id"] = self.ref(out["object_type"], out["object_id"])
            out["partnership_id"] = self.ref("partnerships.partnership", out["partnership_id"])
        if model._meta.label_lower == "interop.iatiactivity":
            out = self.organisations(out)
            out["imported"]["members"] = {
                self.ref("registry.organisation", key): value
                for key, value in out["imported"].get("members", {}).items()}
            self.fingerprints(row["partnership_id"], out["imported"].get("rows", {}))
        return out

    def fingerprints(self, partnership_id: int, rows: dict) -> None:
        """The kept fingerprint of each row that names other rows is that row's as written;
        in the record it is made with the ids it names as ranks."""
        for label in NAMING:
            model = MODELS[label]
            query = (model.objects.filter(partnership_id=partnership_id)
                     if hasattr(model, "partnership_id")
                     else model.objects.filter(indicator__partnership_id=partnership_id))
            key_of = target_key if label == "targets" else import_key
            if label == "targets":
                query = query.select_related("indicator")
            written = {key_of(item): item for item in query}
            for key, kept in rows.get(label, {}).items():
                item = written[key]
                values = {name: getattr(item, name) for name in FIELDS[label]}
                assert kept == fingerprint(values), f"{label} {key}: not the row as written"
                rows[label][key] = fingerprint({name: self.named(model, name, value)
                                                for name, value in values.items()})

    def named(self, model, name: str, value):
        if not name.endswith("_id") or value is None:
            return value
        field = model._meta.get_field(name.removesuffix("_id"))
        return self.ref(field.related_model._meta.label_lower, value)

    def organisations(self, value):
        if isinstance(value, dict):
            return {key: (self.ref("registry.organisation", item)
                          if key in ORGANISATION_KEYS and isinstance(item, int)
                          else self.organisations(item)) for key, item in value.items()}
        if isinstance(value, list):
            return [self.organisations(item) for item in value]
        return value

    @staticmethod
    def value(value):
        return json.loads(json.dumps(value, default=str, sort_keys=True))


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def save(path: Path, written: dict) -> None:
    """One row a line, so that a change shows as the rows it changes."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("{\n")
        for number, (table, rows) in enumerate(sorted(written.items())):
            handle.write(f"{json.dumps(table)}: [\n")
            handle.write(",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True)
                                     for row in rows))
            handle.write("\n]" + (",\n" if number < len(written) - 1 else "\n"))
        handle.write("}\n")
