"""The registry import's write: a confirmed upload, planned again and written through the
registry's services (each row with its audit event), BATCH rows to a transaction: the new
organisations of a batch in bulk, the others one by one."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from partnering.interop.registry.columns import CREATE, ORGANISATIONS, UPDATE
from partnering.interop.registry.parse import Table, read_table
from partnering.interop.registry.plan import Plan, Row, build_plan, reasons
from partnering.interop.registry.uploads import load_upload, stored_names, write_private
from partnering.registry import services as registry
from partnering.registry.bulk import few_collections

BATCH = 1000  # rows written per transaction


def run_import(actor, table: Table, progress=None) -> Plan:
    """Plan the file against the registry as it is now and write the valid rows, BATCH to a
    transaction: the new organisations of a batch together, as the plan validated them
    (registry.create_checked_organisations: one INSERT each for the organisations, their
    goals and their audit events; each row is validated once), the other
    rows one service call each; `progress(fraction)` after each batch. Rows the services
    refuse are rolled back alone and reported as rejected."""
    with few_collections():
        return _run_import(actor, table, progress)


def _run_import(actor, table: Table, progress) -> Plan:
    plan = build_plan(actor, table)
    rows = [row for row in plan.rows if row.action in (CREATE, UPDATE)]
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        new = [row for row in batch if table.kind == ORGANISATIONS and row.action == CREATE]
        others = [row for row in batch if not (table.kind == ORGANISATIONS
                                                and row.action == CREATE)]
        with transaction.atomic():
            if new:
                _create_organisations(actor, new)
            _write_each(actor, table.kind, others)
        if progress is not None:
            progress(min(start + BATCH, len(rows)) / len(rows))
    return plan


def _create_organisations(actor, rows: list[Row]) -> None:
    """New organisations at once; if the batch is refused (say, an identifier registered
    meanwhile), row by row, so that only the rows at fault are rejected."""
    try:
        with transaction.atomic():
            created = registry.create_checked_organisations(
                actor, [(row.checked, row.data.get("sdg_goals") or []) for row in rows])
    except (ValidationError, PermissionDenied, IntegrityError):
        _write_each(actor, ORGANISATIONS, rows)
        return
    for row, organisation in zip(rows, created, strict=True):
        row.object_id = organisation.pk


def _write_each(actor, kind: str, rows: list[Row]) -> None:
    for row in rows:
        try:
            with transaction.atomic():
                row.object_id = _write(actor, kind, row).pk
        except (ValidationError, PermissionDenied) as error:
            row.reject(reasons(error))


def _write(actor, kind: str, row: Row):
    if kind == ORGANISATIONS:
        if row.action == CREATE:
            return registry.create_organisation(actor, **row.data)
        return registry.update_organisation(actor, row.target, **row.data)
    if row.action == CREATE:
        return registry.create_person(actor, **row.data)
    return registry.update_person(actor, row.target, **row.data)


def confirm_upload(user, token: str, progress=None) -> Plan:
    """Import a previewed upload: the file is read and checked again, then written (the
    body of the registry import job, jobs.py)."""
    kind, file_name, data = load_upload(user, token)
    plan = run_import(user, read_table(kind, file_name, data), progress)
    upload, meta, result = stored_names(user, token)
    write_private(result, json.dumps(plan.as_dict()).encode())
    default_storage.delete(upload)
    default_storage.delete(meta)
    return plan
