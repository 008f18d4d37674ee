"""Evidence files attached to measurements: which files are accepted, and how they are
served.

A file is accepted when its extension is one of TYPES and its first bytes are those of that
type (a .pdf must start like a PDF, a .docx must be a Word package, ...), so that a web page
or a program renamed to .pdf is refused. Files are served only by views that check the
partnership's visibility, as downloads (attachment, nosniff, a sandboxing policy), never
from a public media URL."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

TYPES = {
    ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".docx": WORD,
    ".xlsx": EXCEL, ".odt": ODT, ".ods": ODS, ".csv": "text/csv", ".txt": "text/plain",
}
HEAD = 8192
# Control characters other than tab, line feed, form feed and carriage return do not occur
# in text files; NUL in particular marks a binary file.
TEXT_CONTROLS = bytes(set(range(32)) - {9, 10, 12, 13}) + b"\x7f"
NAME_CONTROLS = {chr(c) for c in range(32)} | {"\x7f", "/", "\\"}


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


def allowed_list() -> str:
    return ", ".join(sorted({ext.lstrip(".") for ext in TYPES}))


def clean_name(name: str) -> str:
    """The uploader's file name, fit to be shown and sent back in Content-Disposition."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch not in NAME_CONTROLS).strip().strip(".")
    suffix = Path(base).suffix[:10]
    if len(base) > 200:
        base = base[:200 - len(suffix)] + suffix
    return base or "evidence"


def check_upload(upload) -> str:
    """Refuse a file that is empty, too large, of a type not in TYPES, or whose content is
    not of the type its extension names; return the original name, cleaned."""
    name = clean_name(getattr(upload, "name", "") or "")
    extension = Path(name).suffix.lower()
    if extension not in TYPES:
        raise ValidationError({"evidence_file": _(
            "Attach a file of one of these types: %(types)s.") % {"types": allowed_list()}})
    size = upload.size
    if not size:
        raise ValidationError({"evidence_file": _("The file is empty.")})
    if size > max_bytes():
        raise ValidationError({"evidence_file": _("The file is larger than %(size)s MB.") % {
            "size": settings.EVIDENCE_MAX_MB}})
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    if not _content_matches(extension, head, upload):
        raise ValidationError({"evidence_file": _(
            "The file's content is not %(type)s: check that it is the file you meant.") % {
            "type": extension.lstrip(".").upper()}})
    upload.seek(0)
    return name


def _content_matches(extension: str, head: bytes, upload) -> bool:
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if extension == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if extension in (".docx", ".xlsx", ".odt", ".ods"):
        return head.startswith(b"PK\x03\x04") and _is_office_package(extension, upload)
    return _is_plain_text(head)


def _is_office_package(extension: str, upload) -> bool:
    """Reads only the zip's directory (and the few bytes of an OpenDocument mimetype)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if extension == ".docx":
                return {"[Content_Types].xml", "word/document.xml"} <= names
            if extension == ".xlsx":
                return {"[Content_Types].xml", "xl/workbook.xml"} <= names
            info = package.getinfo("mimetype")
            if info.file_size > 100:
                return False
            expected = ODT if extension == ".odt" else ODS
            return package.read(info).strip() == expected.encode()
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return False


def _is_plain_text(head: bytes) -> bool:
    """Text without control characters that does not start like markup (a web page or an
    SVG renamed to .txt or .csv)."""
    if len(head.translate(None, TEXT_CONTROLS)) != len(head):
        return False
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return not start.startswith(b"<")


def evidence_response(measurement) -> FileResponse:
    """The measurement's evidence file as a download. The caller has checked access."""
    stored = measurement.evidence_file
    if not stored:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = Path(stored.name).suffix.lower()
    response = FileResponse(handle, as_attachment=True,
                            filename=measurement.evidence_name or f"evidence{extension}",
                            content_type=TYPES.get(extension, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_files_on_commit(names) -> None:
    """Remove files from storage once the transaction that stopped using them commits (a
    rolled-back deletion keeps its file)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def partnership_folder(partnership_id: int) -> str:
    """Where a partnership's evidence files are stored (models.evidence_path)."""
    return f"evidence/{partnership_id}"
