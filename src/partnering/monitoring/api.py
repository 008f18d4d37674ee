"""/api/v1/ endpoints of the monitoring app: indicators and their milestones, the results
chain, measurements and their validation, progress reports, risks, the health index."""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from partnering.monitoring import evidence, services
from partnering.monitoring.exports import open_data_zip
from partnering.monitoring.health import partnership_health
from partnering.monitoring.models import (
    Direction,
    Frequency,
    Indicator,
    Measure,
    Measurement,
    MeasurementStatus,
    ResultLevel,
    RiskCategory,
    RiskStatus,
)
from partnering.monitoring.portfolio import portfolio
from partnering.monitoring.queries import (
    indicator_views,
    partnership_reporting_status,
    results_chain,
    smart_check,
)
from partnering.partnerships.models import Partnership
from partnering.schemas import (
    MAX_OFFSET,
    READ_ERRORS,
    WRITE_ERRORS,
    LimitOffsetPagination,
    Payload,
    also,
    download,
    require_user,
)

router = Router(tags=["monitoring"])


def _partnership(request, partnership_id: int) -> Partnership:
    return get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_id)


def _indicator(request, indicator_id: int) -> Indicator:
    """An indicator found through the partnerships the user may see: outsiders get 404."""
    return get_object_or_404(
        Indicator.objects.select_related("partnership", "responsible_organisation")
        .filter(partnership__in=Partnership.objects.visible_to(request.user)),
        pk=indicator_id)


def _num(value) -> str | None:
    return None if value is None else f"{Decimal(value).normalize():f}"


# --- Schemas ----------------------------------------------------------------------------

class TargetIn(Payload):
    value: Decimal
    date: date
    comment: str = Field("", max_length=500)


class TargetOut(Schema):
    id: int
    value: str
    date: date
    comment: str


class IndicatorIn(Payload):
    name: str = Field(..., min_length=1, max_length=500)
    definition: str = Field("", max_length=20000)
    unit: str = Field("", max_length=100)
    measure: Measure = Measure.UNIT
    direction: Direction = Direction.UP
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    baseline_comment: str = Field("", max_length=500)
    disaggregation: list[str] = Field(default_factory=list, max_length=10)
    frequency: Frequency = Frequency.ANNUAL
    responsible_organisation: int | None = Field(
        None, validation_alias=also("responsible_organisation_id", "responsible_organisation"),
        description="A member organisation's id (also accepted as responsible_organisation)")
    data_source: str = Field("", max_length=300)
    sdg_code: str = Field("", max_length=12, validation_alias=also("sdg_indicator", "sdg_code"),
                          description="Official SDG indicator, e.g. 4.1.1 (also accepted as "
                                      "sdg_code)")
    result: int | None = Field(None, validation_alias=also("result_id", "result"),
                               description="The result it measures (also accepted as result)")
    deliverable_id: int | None = Field(None, description="A deliverable of the partnership's "
                                                         "agreement")
    targets: list[TargetIn] = Field(default_factory=list, max_length=50,
                                    description="Milestones: value to reach by a date")


class IndicatorOut(Schema):
    id: int
    partnership_id: int
    name: str
    definition: str
    unit: str
    measure: str
    direction: str
    baseline_value: str | None
    baseline_date: date | None
    baseline_comment: str
    disaggregation: list[str]
    frequency: str
    responsible_organisation_id: int | None
    responsible_organisation: str | None
    data_source: str
    sdg_indicator: str | None
    result_id: int | None
    deliverable_id: int | None
    deliverable_title: str | None
    targets: list[TargetOut]
    latest_value: str | None = Field(description="The latest value that counts: queried "
                                                 "values do not, until corrected or confirmed")
    latest_date: date | None
    queried_values: int = Field(description="Values queried by a member and not yet "
                                            "corrected or confirmed")
    who_reports: str
    progress: float | None = Field(description="0..1 towards the final target; null: unknown")
    off_track: bool | None
    smart_missing: dict[str, list[str]]


def _indicator_row(view) -> dict:
    i = view.indicator
    return {
        "id": i.pk, "partnership_id": i.partnership_id, "name": i.name,
        "definition": i.definition, "unit": i.unit, "measure": i.measure,
        "direction": i.direction, "baseline_value": _num(i.baseline_value),
        "baseline_date": i.baseline_date, "baseline_comment": i.baseline_comment,
        "disaggregation": i.disaggregation,
        "frequency": i.frequency, "responsible_organisation_id": i.responsible_organisation_id,
        "responsible_organisation": str(i.responsible_organisation)
        if i.responsible_organisation else None,
        "data_source": i.data_source,
        "sdg_indicator": i.sdg_indicator.code if i.sdg_indicator else None,
        "result_id": i.result_id, "deliverable_id": i.deliverable_id,
        "deliverable_title": i.deliverable.title if i.deliverable_id else None,
        "targets": [{"id": t.pk, "value": _num(t.value), "date": t.date, "comment": t.comment}
                    for t in view.targets],
        "latest_value": _num(view.latest), "latest_date": view.latest_date,
        "queried_values": i.queried_values, "who_reports": services.who_reports(i),
        "progress": None if view.progress is None else float(view.progress),
        "off_track": view.off_track,
        "smart_missing": {k: v for k, v in smart_check(view).items() if v},
    }


class ResultIn(Payload):
    title: str = Field(..., min_length=1, max_length=500)
    level: ResultLevel = ResultLevel.OUTPUT
    parent: int | None = Field(None, validation_alias=also("parent_id", "parent"),
                               description="The result it contributes to (also accepted as "
                                           "parent)")
    weight: Decimal = Field(Decimal(1), ge=0, le=1000)
    description: str = Field("", max_length=20000)


class ResultPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=500)
    level: ResultLevel | None = None
    parent: int | None = Field(None, validation_alias=also("parent_id", "parent"),
                               description="The result it contributes to; null: top (also "
                                           "accepted as parent)")
    weight: Decimal | None = Field(None, ge=0, le=1000)
    description: str | None = Field(None, max_length=20000)


MaybeDate = date | None  # a field named "date" hides the type inside its class


class TargetPatch(Payload):
    value: Decimal | None = None
    date: MaybeDate = None
    comment: str | None = Field(None, max_length=500)


class ResultOut(Schema):
    id: int
    title: str
    level: str
    parent_id: int | None
    weight: str
    description: str
    progress: float | None
    indicator_ids: list[int]


class MeasurementIn(Payload):
    period_start: date
    period_end: date
    value: Decimal
    disaggregated: dict[str, dict[str, Decimal]] = Field(
        default_factory=dict, description="{dimension: {category: value}}, adding up to value")
    evidence_url: str = Field("", max_length=500)
    comment: str = Field("", max_length=20000)


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    period_start: date
    period_end: date
    value: str
    disaggregated: dict
    reported_by_organisation_id: int | None
    evidence_url: str
    evidence_name: str = Field(description="The evidence file's name as uploaded; empty: none")
    evidence_download: str | None = Field(
        description="Where to download the evidence file (with your session or token)")
    comment: str
    status: str
    counts: bool = Field(description="Whether the value counts (latest value, progress, IATI "
                                     "actuals): false while it is queried")
    validated_by_organisation_id: int | None
    validation_comment: str


class MeasurementEditOut(MeasurementOut):
    validation_cleared: bool = Field(
        description="The value had been confirmed or queried; the change sent it back to "
                    "\"reported\" for another member to check")


def _measurement_row(m: Measurement) -> dict:
    return {"id": m.pk, "indicator_id": m.indicator_id, "period_start": m.period_start,
            "period_end": m.period_end, "value": _num(m.value),
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


class MeasurementPatch(Payload):
    period_start: date | None = None
    period_end: date | None = None
    value: Decimal | None = None
    disaggregated: dict[str, dict[str, Decimal]] | None = Field(
        None, description="{dimension: {category: value}}, adding up to value; {}: none")
    evidence_url: str | None = Field(None, max_length=500)
    comment: str | None = Field(None, max_length=20000)


class ValidationIn(Payload):
    status: str = Field(..., description="confirmed or queried")
    comment: str = Field("", max_length=20000)


class ReportIn(Payload):
    period_start: date
    period_end: date
    narrative: str = Field(..., min_length=1, max_length=20000)
    lessons_learned: str = Field("", max_length=20000)
    successes: str = Field("", max_length=20000)


class Page(Schema):
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


class RiskIn(Payload):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=20000)
    category: RiskCategory
    likelihood: int = Field(..., ge=1, le=5)
    impact: int = Field(..., ge=1, le=5)
    owner_organisation: int | None = Field(
        None, validation_alias=also("owner_organisation_id", "owner_organisation"),
        description="A member organisation's id (also accepted as owner_organisation)")
    mitigation: str = Field("", max_length=20000)
    status: RiskStatus = RiskStatus.OPEN
    review_date: date | None = None


class RiskPatch(Payload):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=20000)
    category: RiskCategory | None = None
    likelihood: int | None = Field(None, ge=1, le=5)
    impact: int | None = Field(None, ge=1, le=5)
    owner_organisation: int | None = Field(
        None, validation_alias=also("owner_organisation_id", "owner_organisation"))
    mitigation: str | None = Field(None, max_length=20000)
    status: RiskStatus | None = None
    review_date: date | None = None


class RiskOut(Schema):
    id: int
    title: str
    description: str
    category: str
    likelihood: int
    impact: int
    score: int
    high: bool
    owner_organisation_id: int | None
    mitigation: str
    status: str
    review_date: date | None


def _risk_row(r) -> dict:
    return {"id": r.pk, "title": r.title, "description": r.description,
            "category": r.category, "likelihood": r.likelihood, "impact": r.impact,
            "score": r.score, "high": r.is_high,
            "owner_organisation_id": r.owner_organisation_id, "mitigation": r.mitigation,
            "status": r.status, "review_date": r.review_date}


class HealthPartOut(Schema):
    key: str
    label: str
    weight: int
    reads: str = Field(description="What the part is computed from")
    score: float | None = Field(description="0..100; null: not measured (left out of the "
                                            "index, never zero or full marks)")
    status: str = Field(description="ok, concern or missing")
    detail: str
    advice: str


class HealthOut(Schema):
    partnership_id: int
    index: float | None = Field(description="0..100; null when the measured parts hold less "
                                            "than half of the weight")
    coverage: float = Field(description="Share of the weight measured, 0..1")
    measured_parts: int
    total_parts: int
    not_enough_data: str = Field(description="Why there is no index; empty when there is")
    method: str = Field(description="How the index is computed")
    weights: dict[str, int]
    parts: list[HealthPartOut]
    causes: list[str] = Field(description="For an index below 90: the parts that cost it "
                                          "points, the costliest first")
    explanations: list[str]


# --- Indicators and the results chain ---------------------------------------------------

@router.get("/partnerships/{partnership_id}/indicators",
            response={200: list[IndicatorOut], **READ_ERRORS},
            summary="The partnership's indicators with their latest value and progress")
@paginate(LimitOffsetPagination)
def list_indicators(request, partnership_id: int):
    partnership = _partnership(request, partnership_id)
    return [_indicator_row(view) for view in indicator_views(partnership)]


@router.post("/partnerships/{partnership_id}/indicators",
             response={201: IndicatorOut, **WRITE_ERRORS},
             summary="Add an indicator (stewards); unknown SDG codes and milestones before "
                     "the baseline answer 422")
def create_indicator(request, partnership_id: int, payload: IndicatorIn):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    data = payload.dict()
    targets = data.pop("targets")
    data["deliverable"] = data.pop("deliverable_id")
    indicator = services.create_indicator(request.user, partnership, targets=targets, **data)
    return Status(201, _one_indicator(indicator))


def _one_indicator(indicator) -> dict:
    view = next(v for v in indicator_views(indicator.partnership)
                if v.indicator.pk == indicator.pk)
    return _indicator_row(view)


@router.get("/partnerships/{partnership_id}/indicators/{indicator_id}",
            response={200: IndicatorOut, **READ_ERRORS}, summary="One indicator")
def get_indicator(request, partnership_id: int, indicator_id: int):
    partnership = _partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    return _one_indicator(indicator)


class IndicatorPatch(Payload):
    name: str | None = Field(None, min_length=1, max_length=500)
    definition: str | None = Field(None, max_length=20000)
    unit: str | None = Field(None, max_length=100)
    measure: Measure | None = None
    direction: Direction | None = None
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    baseline_comment: str | None = Field(None, max_length=500)
    disaggregation: list[str] | None = Field(None, max_length=10)
    frequency: Frequency | None = None
    responsible_organisation: int | None = Field(
        None, validation_alias=also("responsible_organisation_id", "responsible_organisation"))
    data_source: str | None = Field(None, max_length=300)
    sdg_code: str | None = Field(None, max_length=12,
                                 validation_alias=also("sdg_indicator", "sdg_code"))
    result: int | None = Field(None, validation_alias=also("result_id", "result"))
    deliverable_id: int | None = Field(None, description="null: no deliverable")


@router.patch("/partnerships/{partnership_id}/indicators/{indicator_id}",
              response={200: IndicatorOut, **WRITE_ERRORS},
              summary="Change an indicator (stewards); give only the fields to change")
def update_indicator(request, partnership_id: int, indicator_id: int,
                     payload: IndicatorPatch):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    data = payload.dict(exclude_unset=True)
    for name in ("name", "measure", "direction", "frequency"):
        if name in data and data[name] is None:
            data.pop(name)
    if "deliverable_id" in data:
        data["deliverable"] = data.pop("deliverable_id")
    services.update_indicator(request.user, indicator, **data)
    return _one_indicator(indicator)


@router.post("/partnerships/{partnership_id}/indicators/{indicator_id}/targets",
             response={201: TargetOut, **WRITE_ERRORS}, summary="Add a milestone")
def add_target(request, partnership_id: int, indicator_id: int, payload: TargetIn):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    target = services.add_target(request.user, indicator, **payload.dict())
    return Status(201, _target_row(target))


def _target_row(target) -> dict:
    return {"id": target.pk, "value": _num(target.value), "date": target.date,
            "comment": target.comment}


@router.delete("/partnerships/{partnership_id}/indicators/{indicator_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete an indicator with its milestones and reported values "
                       "(stewards)")
def delete_indicator(request, partnership_id: int, indicator_id: int):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    services.delete_indicator(request.user,
                              get_object_or_404(partnership.indicators, pk=indicator_id))
    return Status(204, None)


def _target(request, partnership_id: int, indicator_id: int, target_id: int):
    partnership = _partnership(request, partnership_id)
    indicator = get_object_or_404(partnership.indicators, pk=indicator_id)
    target = get_object_or_404(indicator.targets, pk=target_id)
    target.indicator = indicator
    return target


@router.patch("/partnerships/{partnership_id}/indicators/{indicator_id}/targets/{target_id}",
              response={200: TargetOut, **WRITE_ERRORS},
              summary="Change a milestone (stewards); a date before the baseline answers 422")
def update_target(request, partnership_id: int, indicator_id: int, target_id: int,
                  payload: TargetPatch):
    require_user(request)
    target = _target(request, partnership_id, indicator_id, target_id)
    services.update_target(request.user, target, **payload.dict(exclude_unset=True))
    return _target_row(target)


@router.delete("/partnerships/{partnership_id}/indicators/{indicator_id}/targets/{target_id}",
               response={204: None, **WRITE_ERRORS}, summary="Delete a milestone (stewards)")
def delete_target(request, partnership_id: int, indicator_id: int, target_id: int):
    require_user(request)
    services.delete_target(request.user,
                           _target(request, partnership_id, indicator_id, target_id))
    return Status(204, None)


@router.get("/partnerships/{partnership_id}/results",
            response={200: list[ResultOut], **READ_ERRORS},
            summary="The results chain with weighted, rolled-up progress")
def list_results(request, partnership_id: int):
    partnership = _partnership(request, partnership_id)
    chain = results_chain(partnership, indicator_views(partnership))
    return [{"id": n.result.pk, "title": n.result.title, "level": n.result.level,
             "parent_id": n.result.parent_id, "weight": _num(n.result.weight),
             "description": n.result.description,
             "progress": None if n.progress is None else float(n.progress),
             "indicator_ids": [v.indicator.pk for v in n.indicators]} for n in chain.flat()]


@router.post("/partnerships/{partnership_id}/results",
             response={201: ResultOut, **WRITE_ERRORS}, summary="Add a result to the chain")
def create_result(request, partnership_id: int, payload: ResultIn):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    result = services.create_result(request.user, partnership, **payload.dict())
    return Status(201, {"id": result.pk, "title": result.title, "level": result.level,
                        "parent_id": result.parent_id, "weight": _num(result.weight),
                        "description": result.description, "progress": None,
                        "indicator_ids": []})


@router.patch("/partnerships/{partnership_id}/results/{result_id}",
              response={200: ResultOut, **WRITE_ERRORS},
              summary="Change a result (stewards); a result cannot contribute to itself or "
                      "to a result below it")
def update_result(request, partnership_id: int, result_id: int, payload: ResultPatch):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    result = get_object_or_404(partnership.results, pk=result_id)
    data = payload.dict(exclude_unset=True)
    for name in ("title", "level", "weight"):
        if name in data and data[name] is None:
            data.pop(name)
    services.update_result(request.user, result, **data)
    chain = results_chain(partnership, indicator_views(partnership))
    node = next(n for n in chain.flat() if n.result.pk == result.pk)
    return {"id": result.pk, "title": result.title, "level": result.level,
            "parent_id": result.parent_id, "weight": _num(result.weight),
            "description": result.description,
            "progress": None if node.progress is None else float(node.progress),
            "indicator_ids": [v.indicator.pk for v in node.indicators]}


@router.delete("/partnerships/{partnership_id}/results/{result_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete a result (stewards): the results below it move up to its "
                       "parent, its indicators stay, no longer attached to a result")
def delete_result(request, partnership_id: int, result_id: int):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    services.delete_result(request.user, get_object_or_404(partnership.results, pk=result_id))
    return Status(204, None)


# --- Measurements -----------------------------------------------------------------------

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


@router.post("/indicators/{indicator_id}/measurements/{measurement_id}/validation",
             response={200: MeasurementOut, **WRITE_ERRORS},
             summary="Confirm or query a value (a member other than the reporter's)")
def validate_measurement(request, indicator_id: int, measurement_id: int,
                         payload: ValidationIn):
    require_user(request)
    indicator = _indicator(request, indicator_id)
    measurement = get_object_or_404(indicator.measurements, pk=measurement_id)
    measurement.indicator = indicator
    services.validate_measurement(request.user, measurement, **payload.dict())
    return _measurement_row(measurement)


def _measurement(request, indicator_id: int, measurement_id: int) -> Measurement:
    indicator = _indicator(request, indicator_id)
    measurement = get_object_or_404(indicator.measurements, pk=measurement_id)
    measurement.indicator = indicator
    return measurement


def _edited(measurement: Measurement, status_before: str) -> dict:
    return {**_measurement_row(measurement),
            "validation_cleared": status_before != MeasurementStatus.REPORTED
            and measurement.status == MeasurementStatus.REPORTED}


@router.get("/indicators/{indicator_id}/measurements/{measurement_id}",
            response={200: MeasurementOut, **READ_ERRORS}, summary="One reported value")
def get_measurement(request, indicator_id: int, measurement_id: int):
    return _measurement_row(_measurement(request, indicator_id, measurement_id))


@router.patch("/indicators/{indicator_id}/measurements/{measurement_id}",
              response={200: MeasurementEditOut, **WRITE_ERRORS},
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


@router.delete("/indicators/{indicator_id}/measurements/{measurement_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete a reported value and its evidence file (its reporter or "
                       "stewards)")
def delete_measurement(request, indicator_id: int, measurement_id: int):
    require_user(request)
    services.delete_measurement(request.user,
                                _measurement(request, indicator_id, measurement_id))
    return Status(204, None)


@router.post("/indicators/{indicator_id}/measurements/{measurement_id}/evidence",
             response={200: MeasurementEditOut, **WRITE_ERRORS},
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


@router.get("/indicators/{indicator_id}/measurements/{measurement_id}/evidence",
            response={200: None, **READ_ERRORS}, summary="Download the evidence file",
            openapi_extra={"responses": {200: {"description": "The file, as an attachment",
                                               "content": {"application/octet-stream": {}}}}})
def download_evidence(request, indicator_id: int, measurement_id: int):
    return evidence.evidence_response(_measurement(request, indicator_id, measurement_id))


@router.delete("/indicators/{indicator_id}/measurements/{measurement_id}/evidence",
               response={200: MeasurementEditOut, **WRITE_ERRORS},
               summary="Remove the evidence file of a reported value")
def delete_evidence(request, indicator_id: int, measurement_id: int):
    require_user(request)
    measurement = _measurement(request, indicator_id, measurement_id)
    before = measurement.status
    services.remove_evidence(request.user, measurement)
    return _edited(measurement, before)


# --- Progress reports -------------------------------------------------------------------

def _report_row(r) -> dict:
    return {"id": r.pk, "period_start": r.period_start, "period_end": r.period_end,
            "narrative": r.narrative, "lessons_learned": r.lessons_learned,
            "successes": r.successes, "submitted_on": r.submitted_on}


@router.get("/partnerships/{partnership_id}/reports",
            response={200: ReportListOut, **READ_ERRORS},
            summary="Progress reports and the reporting status (up to date, late, inactive)")
def list_reports(request, partnership_id: int, page: Query[Page]):
    partnership = _partnership(request, partnership_id)
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
    partnership = _partnership(request, partnership_id)
    report = services.submit_report(request.user, partnership, **payload.dict())
    return Status(201, _report_row(report))


@router.get("/partnerships/{partnership_id}/reports/{report_id}",
            response={200: ReportOut, **READ_ERRORS}, summary="One progress report")
def get_report(request, partnership_id: int, report_id: int):
    partnership = _partnership(request, partnership_id)
    return _report_row(get_object_or_404(partnership.progress_reports, pk=report_id))


@router.patch("/partnerships/{partnership_id}/reports/{report_id}",
              response={200: ReportOut, **WRITE_ERRORS},
              summary="Change a progress report (its submitter or stewards)")
def update_report(request, partnership_id: int, report_id: int, payload: ReportPatch):
    require_user(request)
    partnership = _partnership(request, partnership_id)
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
    partnership = _partnership(request, partnership_id)
    services.delete_report(request.user,
                           get_object_or_404(partnership.progress_reports, pk=report_id))
    return Status(204, None)


# --- Risks ------------------------------------------------------------------------------

@router.get("/partnerships/{partnership_id}/risks",
            response={200: list[RiskOut], **READ_ERRORS}, summary="The risk register")
@paginate(LimitOffsetPagination)
def list_risks(request, partnership_id: int):
    partnership = _partnership(request, partnership_id)
    return [_risk_row(r) for r in partnership.risks.all()]


@router.post("/partnerships/{partnership_id}/risks",
             response={201: RiskOut, **WRITE_ERRORS}, summary="Register a risk (members)")
def create_risk(request, partnership_id: int, payload: RiskIn):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    return Status(201, _risk_row(services.create_risk(request.user, partnership, **payload.dict())))


@router.patch("/partnerships/{partnership_id}/risks/{risk_id}",
              response={200: RiskOut, **WRITE_ERRORS}, summary="Review a risk (members)")
def update_risk(request, partnership_id: int, risk_id: int, payload: RiskPatch):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    risk = get_object_or_404(partnership.risks, pk=risk_id)
    data = payload.dict(exclude_unset=True)
    return _risk_row(services.update_risk(request.user, risk, **data))


@router.delete("/partnerships/{partnership_id}/risks/{risk_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete a risk (stewards; members close it instead)")
def delete_risk(request, partnership_id: int, risk_id: int):
    require_user(request)
    partnership = _partnership(request, partnership_id)
    services.delete_risk(request.user, get_object_or_404(partnership.risks, pk=risk_id))
    return Status(204, None)


# --- Health -----------------------------------------------------------------------------

@router.get("/partnerships/{partnership_id}/health",
            response={200: HealthOut, **READ_ERRORS},
            summary="The early-warning health index, its parts and what pulls it down")
def get_health(request, partnership_id: int):
    partnership = _partnership(request, partnership_id)
    return {"partnership_id": partnership.pk, **partnership_health(partnership).as_dict()}


# --- Portfolio and open data ------------------------------------------------------------

class PortfolioFilters(Schema):
    organisation: int | None = Field(None, ge=1, le=2**62,
                                     description="Only partnerships this organisation is in")
    sdg: int | None = Field(None, ge=1, le=17, description="SDG goal number")
    phase: str | None = Field(None, max_length=20, description="Lifecycle phase code")


class CountOut(Schema):
    label: str
    count: int


class PortfolioOut(Schema):
    partnerships: int
    by_phase: list[CountOut]
    by_sdg: list[CountOut]
    by_country: list[CountOut]
    by_sector: list[CountOut]
    reporting: list[CountOut]
    health: list[CountOut]
    health_average: float | None = Field(description="Mean over the partnerships with an "
                                                     "index (enough data)")
    health_not_covered: int = Field(description="Partnerships left out of the mean: not "
                                                "enough data for an index")
    kpi: dict


@router.get("/portfolio", response={200: PortfolioOut, **READ_ERRORS},
            summary="Portfolio of the partnerships you can see: by phase, SDG, country, "
                    "sector, reporting status, health, KPI progress")
def get_portfolio(request, filters: Query[PortfolioFilters]):
    data = portfolio(request.user, **filters.dict(exclude_none=True))

    def counts(name):
        return [{"label": str(label), "count": count} for label, count in data.tables[name][2]]
    return {"partnerships": data.partnerships, "by_phase": counts("phase"),
            "by_sdg": counts("sdg"), "by_country": counts("country"),
            "by_sector": counts("sector"), "reporting": counts("reporting"),
            "health": counts("health"), "health_average": data.health_average,
            "health_not_covered": data.health_not_covered,
            "kpi": data.kpi}


@router.get("/open-data.zip", response={200: None, **READ_ERRORS}, auth=None,
            openapi_extra=download("application/zip", "A zip of CSV files"),
            summary="All public data (public partnerships, partners, SDGs, results, "
                    "indicators, targets, measurements, progress reports) as a zip of CSVs")
def get_open_data(request):
    return open_data_zip()


def _mount_notes() -> None:
    from partnering.monitoring.notes_api import router as notes_router

    router.add_router("/", notes_router)


_mount_notes()
