"""/api/v1/partnerships/{id}/agreement/versions/{n}.docx and .pdf: a version as a document
with its signatures table."""

from django.http import HttpResponse

from partnering.agreements import exports
from partnering.agreements.api.common import VERSION, router, version_of
from partnering.schemas import READ_ERRORS
from partnering.translations.exports import export_language, export_translation, in_language


def _export(request, partnership_id: int, version_number: int, kind: str,
            lang: str = "") -> HttpResponse:
    version = version_of(request, partnership_id, version_number)
    language = export_language(lang)
    # ?lang=bs: the sections translated into that language (translations/exports.py).
    with export_translation(language):
        doc = in_language(exports.document(version), version, language)
        if kind == "docx":
            body, content_type = exports.to_docx(doc), exports.DOCX_TYPE
        else:
            body, content_type = exports.to_pdf(doc), exports.PDF_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(version, kind)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file(content_type: str, what: str) -> dict:
    return {"responses": {200: {"description": what, "content": {
        content_type: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get(VERSION + ".docx", response=READ_ERRORS, summary="The version as a Word document",
            openapi_extra=_file(exports.DOCX_TYPE, "DOCX with the signatures table"))
def export_docx(request, partnership_id: int, version_number: int, lang: str = ""):
    return _export(request, partnership_id, version_number, "docx", lang)


@router.get(VERSION + ".pdf", response=READ_ERRORS, summary="The version as a PDF",
            openapi_extra=_file(exports.PDF_TYPE, "PDF with the signatures table"))
def export_pdf(request, partnership_id: int, version_number: int, lang: str = ""):
    return _export(request, partnership_id, version_number, "pdf", lang)
