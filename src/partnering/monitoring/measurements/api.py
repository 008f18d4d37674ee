"""/api/v1/indicators/{id}/measurements: reported values, their validation by another
member, their evidence files, and members' comments and queries on them."""

from django.shortcuts import get_object_or_404
from ninja import File, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from partnering.monitoring.cleaning import number_text
from partnering.monitoring.measurements import evidence, services, validation
from partnering.monitoring.measurements.schemas import (
    MeasurementEditOut,
    MeasurementIn,
    MeasurementOut,
    MeasurementPatch,
    NoteIn,
    NoteOut,
    ValidationIn,
)
from partnering.monitoring.models import Indicator, Measurement, MeasurementStatus
from partnering.partnerships.access import scoped_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

router = Router(tags=["monitoring"])
ONE = "/indicators/{indicator_id}/measurements/{measurement_id}"


def _indicator(request, indicator_id: int) -> Indicator:
    """An indicator found through the partnerships the user may see: outsiders get 404."""
    return scoped_or_404(request.user, Indicator.objects.select_related(
        "partnership", "responsible_organisation"), indicator_id)


def _measurement(request, indicator_id: int, measurement_id: int) -> Measurement:
    indicator = _indicator(request, indicator_id)
    measurement = get_object_or_404(indicator.measurements, pk=measurement_id)
    measurement.indicator = indicator
    return measurement


def _measurement_row(m: Measurement) -> dict:
    return {"id": m.pk, "indicator_id": m.indicator_id, "period_start": m.period_start,
            "period_end": m.period_end, "value": number_text(m.value),
            "disaggregated": m.disaggregated,
            "reported_by_organisation_id": m.reported_by_organisation_id,
            "evidence_url": m.evidence_url,
            "evidence_name": m.evidence_name if m.evidence_file else "",
            "evidence_download": f"/api/v1/indicators/{m.indicator_id}/measurements/{m.pk}"
                                 "/evidence" if m.evidence_file else None,
            "comment": m.comment, "status": m.status,
            "counts": m.status != MeasurementStatus.QUERIED,
            "validated_by_organisation_id": m.validated_by_organisation_id,
            "validation_comment": m.validation_comment}


def _edited(measurement: Measurement, status_before: str) -> dict:
    return {**_measurement_row(measurement),
            "validation_cleared": status_before != MeasurementStatus.REPORTED
            and measurement.status == MeasurementStatus.REPORTED}


def note_rows(notes) -> list[dict]:
    return [{"id": n.pk, "measurement_id": n.measurement_id, "author_name": n.author_name,
             "organisation_id": n.organisation_id,
             "organisation_name": n.organisation.name if n.organisation_id else "",
             "text": n.text, "is_query": n.is_query, "created": n.created} for n in notes]


@router.get("/indicators/{indicator_id}/measurements",
            response={200: list[MeasurementOut], **READ_ERRORS},
            summary="The values reported for an indicator, oldest first")
@paginate(LimitOffsetPagination)
def list_measurements(request, indicator_id: int):
    indicator = _indicator(request, indicator_id)
    return [_measurement_row(m) for m in indicator.measurements.all()]


@router.post("/indicators/{indicator_id}/measurements",
             response={201: MeasurementOut, **WRITE_ERRORS},
             summary="Report a value (the responsible member or stewards); disaggregated "
                     "values must add up, the period must lie in the indicator's span")
def report_measurement(request, indicator_id: int, payload: MeasurementIn):
    require_user(request)
    indicator = _indicator(request, indicator_id)
    measurement = services.report_measurement(request.user, indicator, **payload.dict())
    return Status(201, _measurement_row(measurement))


@router.get(ONE, response={200: MeasurementOut, **READ_ERRORS}, summary="One reported value")
def get_measurement(request, indicator_id: int, measurement_id: int):
    return _measurement_row(_measurement(request, indicator_id, measurement_id))


@router.patch(ONE, response={200: MeasurementEditOut, **WRITE_ERRORS},
              summary="Change a reported value (its reporter or stewards); a confirmed or "
                      "queried value goes back to \"reported\"")
def update_measurement(request, indicator_id: int, measurement_id: int,
                       payload: MeasurementPatch):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    before = measurement.status
    services.update_measurement(request.user, measurement,
                                **payload.dict(exclude_unset=True))
    return _edited(measurement, before)


@router.delete(ONE, response={204: None, **WRITE_ERRORS},
               summary="Delete a reported value and its evidence file (its reporter or "
                       "stewards)")
def delete_measurement(request, indicator_id: int, measurement_id: int):
    require_user(request)
    services.delete_measurement(request.user,
                                _measurement(request, indicator_id, measurement_id))
    return Status(204, None)


# --- Validation, comments and queries ---------------------------------------------------

@router.post(ONE + "/validation", response={200: MeasurementOut, **WRITE_ERRORS},
             summary="Confirm or query a value (a member other than the reporter's)")
def validate_measurement(request, indicator_id: int, measurement_id: int,
                         payload: ValidationIn):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    validation.validate_measurement(request.user, measurement, **payload.dict())
    return _measurement_row(measurement)


@router.get(ONE + "/notes", response={200: list[NoteOut], **READ_ERRORS},
            summary="Comments and queries on a reported value, oldest first")
def list_notes(request, indicator_id: int, measurement_id: int):
    measurement = _measurement(request, indicator_id, measurement_id)
    return note_rows(measurement.notes.select_related("organisation"))


@router.post(ONE + "/notes", response={201: NoteOut, **WRITE_ERRORS},
             summary="Comment on a reported value, or query it (any member; querying is for "
                     "a member other than the reporter's)")
def add_note(request, indicator_id: int, measurement_id: int, payload: NoteIn):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    note = validation.comment_on_measurement(request.user, measurement, text=payload.text,
                                             query=payload.query)
    return Status(201, note_rows([note])[0])


# --- Evidence files ---------------------------------------------------------------------

@router.post(ONE + "/evidence", response={200: MeasurementEditOut, **WRITE_ERRORS},
             summary="Attach an evidence file to a reported value (multipart `file`), "
                     "replacing any earlier one",
             description="PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, ODT, ODS, CSV or plain text, "
                         "at most EVIDENCE_MAX_MB (10 MB unless configured). The content must "
                         "be of the type the extension names. The reporter of the value or "
                         "the stewards; a confirmed or queried value goes back to "
                         "\"reported\".")
def upload_evidence(request, indicator_id: int, measurement_id: int,
                    file: File[UploadedFile] = None):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    before = measurement.status
    services.attach_evidence(request.user, measurement, file)
    return _edited(measurement, before)


@router.get(ONE + "/evidence", response={200: None, **READ_ERRORS},
            summary="Download the evidence file",
            openapi_extra={"responses": {200: {"description": "The file, as an attachment",
                                               "content": {"application/octet-stream": {}}}}})
def download_evidence(request, indicator_id: int, measurement_id: int):
    return evidence.evidence_response(_measurement(request, indicator_id, measurement_id))


@router.delete(ONE + "/evidence", response={200: MeasurementEditOut, **WRITE_ERRORS},
               summary="Remove the evidence file of a reported value")
def delete_evidence(request, indicator_id: int, measurement_id: int):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    before = measurement.status
    services.remove_evidence(request.user, measurement)
    return _edited(measurement, before)
