"""/api/v1/indicators/{id}/measurements/{id}/notes: members' comments on a reported value,
and their queries (a queried value stops counting until it is corrected or confirmed).
Mounted under the monitoring router."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from partnering.monitoring import services
from partnering.monitoring.models import Indicator, Measurement
from partnering.partnerships.models import Partnership
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, require_user

router = Router(tags=["monitoring"])


class NoteOut(Schema):
    id: int
    measurement_id: int
    author_name: str
    organisation_id: int | None
    organisation_name: str
    text: str
    is_query: bool = Field(description="A query: the value stopped counting until it is "
                                       "corrected or confirmed")
    created: dt.datetime


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=20000)
    query: bool = Field(False, description="Query the value (a member other than the "
                                           "reporter's): it stops counting until corrected "
                                           "or confirmed")


def _measurement(request, indicator_id: int, measurement_id: int) -> Measurement:
    indicator = get_object_or_404(
        Indicator.objects.select_related("partnership", "responsible_organisation")
        .filter(partnership__in=Partnership.objects.visible_to(request.user)),
        pk=indicator_id)
    measurement = get_object_or_404(indicator.measurements, pk=measurement_id)
    measurement.indicator = indicator
    return measurement


def note_rows(notes) -> list[dict]:
    return [{"id": n.pk, "measurement_id": n.measurement_id, "author_name": n.author_name,
             "organisation_id": n.organisation_id,
             "organisation_name": n.organisation.name if n.organisation_id else "",
             "text": n.text, "is_query": n.is_query, "created": n.created} for n in notes]


@router.get("/indicators/{indicator_id}/measurements/{measurement_id}/notes",
            response={200: list[NoteOut], **READ_ERRORS},
            summary="Comments and queries on a reported value, oldest first")
def list_notes(request, indicator_id: int, measurement_id: int):
    measurement = _measurement(request, indicator_id, measurement_id)
    return note_rows(measurement.notes.select_related("organisation"))


@router.post("/indicators/{indicator_id}/measurements/{measurement_id}/notes",
             response={201: NoteOut, **WRITE_ERRORS},
             summary="Comment on a reported value, or query it (any member; querying is for "
                     "a member other than the reporter's)")
def add_note(request, indicator_id: int, measurement_id: int, payload: NoteIn):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    note = services.comment_on_measurement(request.user, measurement, text=payload.text,
                                           query=payload.query)
    return Status(201, note_rows([note])[0])
