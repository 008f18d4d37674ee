"""/api/v1/partnerships/{id}/reports: progress reports and the reporting status."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from partnering.monitoring.queries import partnership_reporting_status
from partnering.monitoring.reports import services
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import MAX_OFFSET, READ_ERRORS, WRITE_ERRORS, Filters, Payload, require_user

router = Router(tags=["monitoring"])


class ReportIn(Payload):
    period_start: date
    period_end: date
    narrative: str = Field(..., min_length=1, max_length=20000)
    lessons_learned: str = Field("", max_length=20000)
    successes: str = Field("", max_length=20000)


class Page(Filters):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ReportPatch(Payload):
    period_start: date | None = None
    period_end: date | None = None
    narrative: str | None = Field(None, min_length=1, max_length=20000)
    lessons_learned: str | None = Field(None, max_length=20000)
    successes: str | None = Field(None, max_length=20000)


class ReportOut(Schema):
    id: int
    period_start: date
    period_end: date
    narrative: str
    lessons_learned: str
    successes: str
    submitted_on: date


class ReportListOut(Schema):
    status: str
    status_label: str
    last_report: date | None
    next_due: date
    reminder: str | None
    items: list[ReportOut]
    count: int


def _report_row(r) -> dict:
    return {"id": r.pk, "period_start": r.period_start, "period_end": r.period_end,
            "narrative": r.narrative, "lessons_learned": r.lessons_learned,
            "successes": r.successes, "submitted_on": r.submitted_on}


@router.get("/partnerships/{partnership_id}/reports",
            response={200: ReportListOut, **READ_ERRORS},
            summary="Progress reports and the reporting status (up to date, late, inactive)")
def list_reports(request, partnership_id: int, page: Query[Page]):
    partnership = partnership_or_404(request, partnership_id)
    status = partnership_reporting_status(partnership)
    reports = partnership.progress_reports.all()
    return {"status": status.code, "status_label": status.label,
            "last_report": status.last_report, "next_due": status.next_due,
            "reminder": status.reminder,
            "items": [_report_row(r) for r in reports[page.offset:page.offset + page.limit]],
            "count": reports.count()}


@router.post("/partnerships/{partnership_id}/reports",
             response={201: ReportOut, **WRITE_ERRORS}, summary="Submit a progress report")
def create_report(request, partnership_id: int, payload: ReportIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    report = services.submit_report(request.user, partnership, **payload.dict())
    return Status(201, _report_row(report))


@router.get("/partnerships/{partnership_id}/reports/{report_id}",
            response={200: ReportOut, **READ_ERRORS}, summary="One progress report")
def get_report(request, partnership_id: int, report_id: int):
    partnership = partnership_or_404(request, partnership_id)
    return _report_row(get_object_or_404(partnership.progress_reports, pk=report_id))


@router.patch("/partnerships/{partnership_id}/reports/{report_id}",
              response={200: ReportOut, **WRITE_ERRORS},
              summary="Change a progress report (its submitter or stewards)")
def update_report(request, partnership_id: int, report_id: int, payload: ReportPatch):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    report = get_object_or_404(partnership.progress_reports, pk=report_id)
    data = payload.dict(exclude_unset=True)
    if "narrative" in data and data["narrative"] is None:
        data.pop("narrative")
    return _report_row(services.update_report(request.user, report, **data))


@router.delete("/partnerships/{partnership_id}/reports/{report_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete a progress report (its submitter or stewards)")
def delete_report(request, partnership_id: int, report_id: int):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    services.delete_report(request.user,
                           get_object_or_404(partnership.progress_reports, pk=report_id))
    return Status(204, None)
