"""/api/v1/grievances/{code}/files: a case's files, as on its page. Whoever may see the case
lists and downloads them; its handlers attach files (multipart, the evidence-file rules, five
at a time, twenty a case, a refused lot stores nothing: `services.attach_files`). The
complainant, with the case's secret, lists and downloads the files they gave (never the
handlers') and answers with files (`/{code}/replies/with-files`). Registered on the
grievances router (grievances/api.py); everyone else gets 404."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Status
from ninja.files import UploadedFile

from partnering.grievances import access, codes, services
from partnering.grievances.api import (
    LIMITED,
    SECRET_HEADER,
    _case,
    _complainant,
    _handled,
    router,
)
from partnering.grievances.models import Grievance
from partnering.grievances.schemas import GrievanceFileOut, GrievanceOut
from partnering.grievances.views.shared import file_response
from partnering.limits import MAX_TEXT
from partnering.monitoring.measurements.evidence import TYPES
from partnering.schemas import READ_ERRORS, WRITE_ERRORS

FILES = File(None, description="Up to five files at a time (repeat the field): PDF, image, "
                               "office document, CSV or text, at most EVIDENCE_MAX_MB each")
DOWNLOAD = {"responses": {200: {"description": "The file, as an attachment", "content": {
    media_type: {"schema": {"type": "string", "format": "binary"}}
    for media_type in sorted({*TYPES.values(), "application/octet-stream"})}}}}
READ = {**READ_ERRORS, **LIMITED}


def _only(request, *fields: str) -> None:
    """A multipart body is as strict as a JSON one: a field not documented, or a text
    field where files go (and the reverse), answers 422."""
    unknown = sorted({*(set(request.POST) - set(fields)), *(set(request.FILES) - {"files"})})
    if unknown:
        raise ValidationError({name: _("Not a field of this form; send only %(fields)s.")
                               % {"fields": ", ".join([*fields, "files"])}
                               for name in unknown})


def _seen(request, code: str, secret: str | None) -> tuple[Grievance, bool]:
    """The case and whether it is its handlers' view: the complainant's with the secret,
    else one the user may see (404 otherwise)."""
    if secret:
        return _complainant(request, code, secret), False
    grievance = access.visible_grievances(request.user).filter(
        code=codes.normalise_code(code)).first()
    if grievance is None:
        raise Http404
    return grievance, True


def _files(grievance: Grievance, handler: bool):
    files = grievance.attachments.all()
    return files if handler else files.filter(from_complainant=True)


def _row(stored, handler: bool) -> dict:
    row = {"id": stored.pk, "name": stored.name, "size": stored.size, "at": stored.at,
           "download": f"/api/v1/grievances/{stored.grievance.code}/files/{stored.pk}"}
    if handler:
        row.update(from_complainant=stored.from_complainant,
                   uploaded_by_id=stored.uploaded_by_id)
    return row


@router.get("/{code}/files", response={200: list[GrievanceFileOut], **READ},
            summary="A case's files: all of them for those who may see the case, the "
                    "complainant's own with the secret")
def grievance_files(request, code: str, secret: str | None = SECRET_HEADER):
    grievance, handler = _seen(request, code, secret)
    return [_row(stored, handler) for stored in _files(grievance, handler).select_related(
        "grievance")]


@router.post("/{code}/files", response={201: list[GrievanceFileOut], **WRITE_ERRORS},
             summary="Attach files to a case (its handlers; multipart `files`, `note`)",
             description="Up to five files at a time, twenty a case, each of a type the "
                         "evidence-file rules accept (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, "
                         "ODT, ODS, CSV, text; content of the type the extension names; at "
                         "most EVIDENCE_MAX_MB). One refused file refuses the lot: nothing "
                         "is stored. The timeline names the files; the complainant does not "
                         "see them. Answers the files attached.")
def attach_grievance_files(request, code: str, files: list[UploadedFile] = FILES,
                           note: str = Form("", max_length=300)):
    grievance = _handled(request, code)
    _only(request, "note")
    kept = services.attach_files(request.user, grievance, files=files or [], note=note)
    return Status(201, [_row(stored, True) for stored in kept])


@router.get("/{code}/files/{grievance_attachment_id}", response={200: None, **READ},
            openapi_extra=DOWNLOAD,
            summary="Download one of a case's files (the complainant: one they gave)")
def grievance_file(request, code: str, grievance_attachment_id: int,
                   secret: str | None = SECRET_HEADER):
    grievance, handler = _seen(request, code, secret)
    stored = _files(grievance, handler).filter(pk=grievance_attachment_id).first()
    if stored is None:
        raise Http404
    return file_response(stored)


@router.post("/{code}/replies/with-files", auth=None,
             response={200: GrievanceOut, **WRITE_ERRORS, **LIMITED},
             summary="The complainant answers with files (multipart `text`, `files`, "
                     "`secret`)",
             description="As `/{code}/replies`, with up to five files under the same rules "
                         "as the handlers' (a refused file keeps the answer out too).")
def reply_with_files(request, code: str, text: str = Form(..., min_length=1,
                                                          max_length=MAX_TEXT),
                     files: list[UploadedFile] = FILES,
                     secret_field: str = Form("", alias="secret", max_length=64,
                                              description="The case's secret, if not sent "
                                                          "in the X-Grievance-Secret header"),
                     secret: str | None = SECRET_HEADER):
    grievance = _complainant(request, code, secret_field or secret)
    _only(request, "text", "secret")
    services.complainant_reply(grievance, text=text, files=files or [])
    return _case(grievance, handler=False)
