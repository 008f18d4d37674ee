"""/api/v1/instruments: the built-in and imported questionnaires, as forms and XLSForms."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Query, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from partnering.assessments.api.base import LANG_PATTERN, XLSX, router
from partnering.assessments.models import (
    Instrument,
    label,
)
from partnering.assessments.xlsform import export_xlsform, import_xlsform
from partnering.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Row,
    download,
)


class InstrumentOut(Row):
    id: int
    key: str
    kind: str
    title: str
    description: str
    languages: list[str]
    built_in: bool
    questions: int


def _instrument_row(i: Instrument, lang: str) -> dict:
    return {"id": i.pk, "key": i.key, "kind": i.kind, "title": label(i.title, lang),
            "description": label(i.description, lang) if i.description else "",
            "languages": i.languages, "built_in": i.built_in,
            "questions": getattr(i, "n_questions", 0)}


@router.get("/instruments", response={200: list[InstrumentOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def list_instruments(request, lang: str = Query("en", pattern=LANG_PATTERN)):
    qs = Instrument.objects.annotate(n_questions=Count("questions"))
    return [_instrument_row(i, lang) for i in qs]


def form_of(instrument: Instrument, lang: str) -> dict:
    """The instrument as a form: sections, questions, choices, skip logic, in one language."""
    from partnering.assessments.models import DONT_KNOW, LIKERT_LABELS

    questions = list(instrument.questions.select_related("dimension"))
    return {
        **_instrument_row(instrument, lang), "questions": len(questions),
        "dimensions": [{"code": d.code, "label": label(d.label, lang)}
                       for d in instrument.dimensions.all()],
        "likert": [{"value": v, "label": label(t, lang)} for v, t in LIKERT_LABELS.items()]
        + [{"value": "dont_know", "label": label(DONT_KNOW, lang)}],
        "sections": [{
            "code": s.code, "title": label(s.title, lang),
            "questions": [{
                "code": q.code, "kind": q.kind, "label": label(q.label, lang),
                "dimension": q.dimension.code if q.dimension_id else None,
                "required": q.required, "show_if": q.show_if or None,
                "min": q.min_value, "max": q.max_value,
                "choices": [{"value": c["value"], "label": label(c.get("label", {}), lang)}
                            for c in q.choices],
            } for q in questions if q.section_id == s.pk],
        } for s in instrument.sections.all()],
    }


@router.post("/instruments/xlsform", response={201: InstrumentOut, **WRITE_ERRORS})
def import_instrument(request, file: File[UploadedFile],
                      key: str = Query(..., pattern=r"^[a-z0-9-]{2,60}$")):
    if not request.user.is_superuser:
        raise PermissionDenied("Only platform admins add instruments.")
    if file.size > 5 * 1024 * 1024:
        raise HttpError(413, "The workbook is larger than 5 MB.")
    instrument = import_xlsform(request.user, file.read(), key=key)
    instrument.n_questions = instrument.questions.count()
    return Status(201, _instrument_row(instrument, "en"))


@router.get("/instruments/{instrument_id}", response={200: dict[str, Any], **READ_ERRORS})
def get_instrument(request, instrument_id: int, lang: str = Query("en", pattern=LANG_PATTERN)):
    return form_of(get_object_or_404(Instrument, pk=instrument_id), lang)


@router.get("/instruments/{instrument_id}/xlsform", response={200: None, **READ_ERRORS},
            openapi_extra=download(XLSX, "The instrument as an XLSForm"))
def instrument_xlsform(request, instrument_id: int):
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    response = HttpResponse(
        export_xlsform(instrument),
        content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{instrument.key}.xlsx"'
    return response
