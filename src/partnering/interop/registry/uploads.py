"""Uploads kept between the preview and the confirmation, in the uploader's own folder of
the default storage, under an unguessable name; swept after a day."""

import json
import secrets
import time
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.interop.registry.columns import KEEP_UPLOADS, MAX_BYTES, TOKEN, FileRefused
from partnering.interop.registry.parse import read_table, too_large_message
from partnering.interop.registry.plan import Plan, build_plan

ROOT = "registry-imports"


def _folder(user) -> str:
    return f"{ROOT}/{user.pk}"


def stored_names(user, token: str) -> tuple[str, str, str]:
    """The names, in the default storage, of the upload, its details and its result."""
    if not TOKEN.match(token or ""):
        raise UploadGone
    folder = _folder(user)
    return f"{folder}/{token}.upload", f"{folder}/{token}.json", f"{folder}/{token}.result.json"


class UploadGone(ValidationError):
    def __init__(self):
        super().__init__(_("This upload has expired or was already imported; upload the "
                           "file again."), code="upload_gone")


def write_private(name: str, data: bytes) -> None:
    """Kept readable by the platform only (FILE_UPLOAD_PERMISSIONS, on a folder)."""
    default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def read_stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def store_upload(user, kind: str, file_name: str, data: bytes) -> str:
    sweep()
    token = secrets.token_urlsafe(24)
    upload, meta, _ = stored_names(user, token)
    write_private(upload, data)
    write_private(meta, json.dumps({"kind": kind, "file_name": file_name,
                                     "stored": time.time()}).encode())
    return token


def load_upload(user, token: str) -> tuple[str, str, bytes]:
    upload, meta, _ = stored_names(user, token)
    try:
        info = json.loads(read_stored(meta))
        return info["kind"], info["file_name"], read_stored(upload)
    except (OSError, ValueError, KeyError) as error:
        raise UploadGone from error


def load_result(user, token: str) -> dict:
    _, _, result = stored_names(user, token)
    try:
        return json.loads(read_stored(result))
    except (OSError, ValueError) as error:
        raise UploadGone from error


def sweep(max_age: int = KEEP_UPLOADS) -> None:
    """Forget uploads and results older than a day."""
    limit = timezone.now() - timedelta(seconds=max_age)
    try:
        folders, _ = default_storage.listdir(ROOT)
    except (OSError, NotImplementedError):
        return
    for folder in folders:
        try:
            _, names = default_storage.listdir(f"{ROOT}/{folder}")
        except OSError:
            continue
        for name in names:
            stored = f"{ROOT}/{folder}/{name}"
            try:
                if default_storage.get_modified_time(stored) < limit:
                    default_storage.delete(stored)
            except OSError:
                continue


def _read(uploaded) -> bytes:
    if uploaded is None:
        raise ValidationError({"file": _("Choose a CSV or XLSX file.")})
    if uploaded.size is not None and uploaded.size > MAX_BYTES:
        raise FileRefused(too_large_message())
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large_message())
    return data


def _file_name(uploaded) -> str:
    return Path(uploaded.name or "upload").name[:200]


def preview_upload(user, kind: str, uploaded) -> tuple[str, Plan]:
    """Read and plan an uploaded file without writing to the registry; keep the file for
    the confirmation. Returns the upload's token and the plan."""
    data = _read(uploaded)
    table = read_table(kind, _file_name(uploaded), data)
    plan = build_plan(user, table)
    return store_upload(user, kind, table.file_name, data), plan


def store_file(user, kind: str, uploaded) -> str:
    """Read and check a file and keep it, as a preview does, for a confirmation job (the API's
    one-step import). Returns its upload token."""
    data = _read(uploaded)
    table = read_table(kind, _file_name(uploaded), data)
    return store_upload(user, kind, table.file_name, data)
