"""/api/v1/reference: the SDG framework, IATI codelists and countries."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from partnering.reference import codelists
from partnering.reference.countries import country_choices
from partnering.reference.models import SdgGoal, SdgIndicator, SdgTarget
from partnering.schemas import READ_ERRORS, Filters, LimitOffsetPagination

router = Router(tags=["reference"])


class SdgGoalOut(Schema):
    number: int
    code: str
    short_title: str
    title: str


class SdgTargetOut(Schema):
    code: str
    goal: int
    title: str

    @staticmethod
    def resolve_goal(obj) -> int:
        return obj.goal.number


class SdgIndicatorOut(Schema):
    code: str
    target: str
    title: str

    @staticmethod
    def resolve_target(obj) -> str:
        return obj.target.code


class TargetFilters(Filters):
    goal: int | None = Field(None, ge=1, le=17)


class IndicatorFilters(Filters):
    goal: int | None = Field(None, ge=1, le=17)
    target: str = Field("", max_length=10)


@router.get("/sdg/goals", response=list[SdgGoalOut], summary="The 17 SDG goals")
@paginate(LimitOffsetPagination)
def list_goals(request):
    return SdgGoal.objects.all()


@router.get("/sdg/goals/{number}", response={200: SdgGoalOut, **READ_ERRORS})
def get_goal(request, number: int):
    return get_object_or_404(SdgGoal, number=number)


@router.get("/sdg/targets", response=list[SdgTargetOut], summary="The 169 SDG targets")
@paginate(LimitOffsetPagination)
def list_targets(request, filters: Query[TargetFilters]):
    targets = SdgTarget.objects.select_related("goal")
    if filters.goal:
        targets = targets.filter(goal__number=filters.goal)
    return targets


def _code(code: str) -> str:
    # PostgreSQL cannot compare text holding a NUL character (a 500); no code has one.
    if "\x00" in code:
        raise Http404
    return code


@router.get("/sdg/targets/{code}", response={200: SdgTargetOut, **READ_ERRORS})
def get_target(request, code: str):
    return get_object_or_404(SdgTarget.objects.select_related("goal"), code=_code(code))


@router.get("/sdg/indicators", response=list[SdgIndicatorOut], summary="SDG indicators")
@paginate(LimitOffsetPagination)
def list_indicators(request, filters: Query[IndicatorFilters]):
    indicators = SdgIndicator.objects.select_related("target")
    if filters.goal:
        indicators = indicators.filter(target__goal__number=filters.goal)
    if filters.target:
        indicators = indicators.filter(target__code=filters.target)
    return indicators


@router.get("/sdg/indicators/{code}", response={200: SdgIndicatorOut, **READ_ERRORS})
def get_indicator(request, code: str):
    return get_object_or_404(SdgIndicator.objects.select_related("target"), code=_code(code))


class CodelistItemOut(Schema):
    code: str
    name: str
    description: str
    category: str


class CountryOut(Schema):
    code: str
    name: str


@router.get("/codelists", response=list[str], summary="Names of the IATI codelists shipped")
@paginate(LimitOffsetPagination)
def list_codelists(request):
    return codelists.available()


@router.get("/codelists/{name}", response={200: list[CodelistItemOut], **READ_ERRORS})
@paginate(LimitOffsetPagination)
def get_codelist(request, name: str):
    if name not in codelists.available():
        raise HttpError(404, gettext("No such codelist."))
    return list(codelists.codelist(name))


@router.get("/countries", response=list[CountryOut], summary="ISO 3166-1 countries")
@paginate(LimitOffsetPagination)
def list_countries(request):
    return [CountryOut(code=code, name=name) for code, name in country_choices()]
