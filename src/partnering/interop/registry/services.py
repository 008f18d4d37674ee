"""The registry import's write: a confirmed upload, planned again and written through the
registry's services (each row with its audit event), WRITE_BATCH rows to a transaction."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from partnering.interop.registry.columns import CREATE, ORGANISATIONS, UPDATE
from partnering.interop.registry.parse import Table, read_table
from partnering.interop.registry.plan import Plan, Row, build_plan, reasons
from partnering.interop.registry.uploads import load_upload, stored_names, write_private
from partnering.registry import services as registry

WRITE_BATCH = 200  # rows written per transaction


def run_import(actor, table: Table, progress=None) -> Plan:
    """Plan the file against the registry as it is now and write the valid rows,
    WRITE_BATCH to a transaction; `progress(fraction)` after each. Rows the services refuse
    are rolled back alone and reported as rejected."""
    plan = build_plan(actor, table)
    rows = [row for row in plan.rows if row.action in (CREATE, UPDATE)]
    for start in range(0, len(rows), WRITE_BATCH):
        with transaction.atomic():
            for row in rows[start:start + WRITE_BATCH]:
                try:
                    with transaction.atomic():
                        row.object_id = _write(actor, table.kind, row).pk
                except (ValidationError, PermissionDenied) as error:
                    row.reject(reasons(error))
        if progress is not None:
            progress(min(start + WRITE_BATCH, len(rows)) / len(rows))
    return plan


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
