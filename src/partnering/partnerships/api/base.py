"""What the partnership endpoints share: the router, and the lookups of the organisations
and people a payload names."""

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from partnering.limits import MAX_TEXT
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation, Person

router = Router(tags=["partnerships"])

Text = Field("", max_length=MAX_TEXT)


def organisation_or_404(organisation_id: int) -> Organisation:
    return get_object_or_404(Organisation, pk=organisation_id)


def person_or_404(request, person_id: int) -> Person:
    return get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)


def values(payload: Schema, partial: bool, partnership: Partnership | None = None) -> dict:
    data = payload.dict(exclude_unset=partial)
    if partial:
        nullable = {"start_date", "end_date"}
        data = {k: v for k, v in data.items() if v is not None or k in nullable}
    _sdg_codes(data, partnership)
    return {k: (v.value if hasattr(v, "value") else v) for k, v in data.items()}


def _sdg_codes(data: dict, partnership: Partnership | None) -> None:
    """`sdg_goals` and `sdg_targets`, the names the answer uses, into the services'
    `sdg_codes`; a PATCH of one of them keeps the other."""
    goals, targets = data.pop("sdg_goals", None), data.pop("sdg_targets", None)
    if goals is None and targets is None:
        return
    if partnership is not None and goals is None:
        goals = list(partnership.sdg_goals.values_list("number", flat=True))
    if partnership is not None and targets is None:
        targets = list(partnership.sdg_targets.values_list("code", flat=True))
    data["sdg_codes"] = ([str(goal) for goal in goals or []] + list(targets or [])
                         + list(data.get("sdg_codes") or []))
