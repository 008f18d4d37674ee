"""/api/v1/partnerships/{id}/indicators: indicators with their latest value and progress,
and their milestones."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from partnering.monitoring.cleaning import number_text
from partnering.monitoring.indicators import services
from partnering.monitoring.indicators.schemas import (
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    TargetIn,
    TargetOut,
    TargetPatch,
)
from partnering.monitoring.measurements.checks import who_reports
from partnering.monitoring.queries import indicator_views, smart_check
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user

router = Router(tags=["monitoring"])


def _target_row(target) -> dict:
    return {"id": target.pk, "value": number_text(target.value), "date": target.date,
            "comment": target.comment}


def _definition(i) -> dict:
    """What an indicator is, as set upfront."""
    return {
        "id": i.pk, "partnership_id": i.partnership_id, "name": i.name,
        "definition": i.definition, "language": i.language, "unit": i.unit, "measure": i.measure,
        "direction": i.direction, "baseline_value": number_text(i.baseline_value),
        "baseline_date": i.baseline_date, "baseline_comment": i.baseline_comment,
        "disaggregation": i.disaggregation,
        "frequency": i.frequency, "responsible_organisation_id": i.responsible_organisation_id,
        "responsible_organisation": str(i.responsible_organisation)
        if i.responsible_organisation else None,
        "data_source": i.data_source,
        "sdg_indicator": i.sdg_indicator.code if i.sdg_indicator else None,
        "result_id": i.result_id, "deliverable_id": i.deliverable_id,
        "deliverable_title": i.deliverable.title if i.deliverable_id else None,
    }


def _indicator_row(view) -> dict:
    """An indicator with its milestones, latest value and progress."""
    i = view.indicator
    return {
        **_definition(i),
        "targets": [_target_row(t) for t in view.targets],
        "latest_value": number_text(view.latest), "latest_date": view.latest_date,
        "queried_values": i.queried_values, "who_reports": who_reports(i),
        "progress": None if view.progress is None else float(view.progress),
        "off_track": view.off_track,
        "smart_missing": {k: v for k, v in smart_check(view).items() if v},
    }


def _one_indicator(indicator) -> dict:
    view = next(v for v in indicator_views(indicator.partnership)
                if v.indicator.pk == indicator.pk)
    return _indicator_row(view)


def _indicator_in(request, partnership_id: int, indicator_id: int):
    partnership = partnership_or_404(request, partnership_id)
    return get_object_or_404(partnership.indicators, pk=indicator_id)


def _target(request, partnership_id: int, indicator_id: int, target_id: int):
    indicator = _indicator_in(request, partnership_id, indicator_id)
    target = get_object_or_404(indicator.targets, pk=target_id)
    target.indicator = indicator
    return target


@router.get("/partnerships/{partnership_id}/indicators",
            response={200: list[IndicatorOut], **READ_ERRORS},
            summary="The partnership's indicators with their latest value and progress")
@paginate(LimitOffsetPagination)
def list_indicators(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    return [_indicator_row(view) for view in indicator_views(partnership)]


@router.post("/partnerships/{partnership_id}/indicators",
             response={201: IndicatorOut, **WRITE_ERRORS},
             summary="Add an indicator (stewards); unknown SDG codes and milestones before "
                     "the baseline answer 422")
def create_indicator(request, partnership_id: int, payload: IndicatorIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    data = payload.dict()
    targets = data.pop("targets")
    data["deliverable"] = data.pop("deliverable_id")
    indicator = services.create_indicator(request.user, partnership, targets=targets, **data)
    return Status(201, _one_indicator(indicator))


@router.get("/partnerships/{partnership_id}/indicators/{indicator_id}",
            response={200: IndicatorOut, **READ_ERRORS}, summary="One indicator")
def get_indicator(request, partnership_id: int, indicator_id: int):
    return _one_indicator(_indicator_in(request, partnership_id, indicator_id))


@router.patch("/partnerships/{partnership_id}/indicators/{indicator_id}",
              response={200: IndicatorOut, **WRITE_ERRORS},
              summary="Change an indicator (stewards); give only the fields to change")
def update_indicator(request, partnership_id: int, indicator_id: int,
                     payload: IndicatorPatch):
    require_user(request)
    indicator = _indicator_in(request, partnership_id, indicator_id)
    data = payload.dict(exclude_unset=True)
    for name in ("name", "measure", "direction", "frequency"):
        if name in data and data[name] is None:
            data.pop(name)
    if "deliverable_id" in data:
        data["deliverable"] = data.pop("deliverable_id")
    services.update_indicator(request.user, indicator, **data)
    return _one_indicator(indicator)


@router.delete("/partnerships/{partnership_id}/indicators/{indicator_id}",
               response={204: None, **WRITE_ERRORS},
               summary="Delete an indicator with its milestones and reported values "
                       "(stewards)")
def delete_indicator(request, partnership_id: int, indicator_id: int):
    require_user(request)
    services.delete_indicator(request.user,
                              _indicator_in(request, partnership_id, indicator_id))
    return Status(204, None)


# --- Milestones -------------------------------------------------------------------------

@router.post("/partnerships/{partnership_id}/indicators/{indicator_id}/targets",
             response={201: TargetOut, **WRITE_ERRORS}, summary="Add a milestone")
def add_target(request, partnership_id: int, indicator_id: int, payload: TargetIn):
    require_user(request)
    indicator = _indicator_in(request, partnership_id, indicator_id)
    target = services.add_target(request.user, indicator, **payload.dict())
    return Status(201, _target_row(target))


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
