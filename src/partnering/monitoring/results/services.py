"""Writes of the results chain: outputs contribute to outcomes, outcomes to impact, each
with a weight in the result above. Every write is audited."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.monitoring.cleaning import blank_nones, count, to_decimal
from partnering.monitoring.models import Result
from partnering.monitoring.permissions import require_manage

RESULT_FIELDS = ["title", "level", "parent", "weight", "description"]


def result_of(partnership, result, field: str = "result"):
    """A result of this partnership, given as object or id (None for none)."""
    if result in (None, ""):
        return None
    result_id = getattr(result, "pk", result)
    found = Result.objects.filter(partnership=partnership, pk=result_id).first()
    if found is None:
        raise ValidationError({field: _("No such result in this partnership.")})
    return found


@transaction.atomic
def create_result(user, partnership, *, title: str, level: str = "1", parent=None,
                  weight=1, description: str = "") -> Result:
    require_manage(user, partnership)
    parent = result_of(partnership, parent, "parent")
    result = Result(partnership=partnership,
                    position=Result.objects.filter(partnership=partnership).count())
    return save_audited(user, result, {
        "title": title, "level": level, "parent": parent,
        "weight": to_decimal(weight, "weight") if weight not in (None, "") else Decimal(1),
        "description": description or ""}, fields=RESULT_FIELDS, partnership_id=partnership.pk)


def _parent_for(result: Result, parent):
    """The new parent of `result`, refusing a loop in the chain."""
    partnership = result.partnership
    parent = result_of(partnership, parent, "parent")
    parents = dict(Result.objects.filter(partnership=partnership)
                   .values_list("pk", "parent_id"))
    above = parent.pk if parent else None
    while above is not None:
        if above == result.pk:
            raise ValidationError({"parent": _("A result cannot contribute to itself or to "
                                               "a result that contributes to it.")})
        above = parents.get(above)
    return parent


@transaction.atomic(durable=True)
def update_result(user, result: Result, **data) -> Result:
    """Change a result; a result cannot contribute to itself or to a result below it."""
    partnership = result.partnership
    require_manage(user, partnership)
    clean = blank_nones(dict(data), ["description"])
    if "parent" in clean:
        clean["parent"] = _parent_for(result, clean["parent"])
    if "weight" in clean:
        clean["weight"] = to_decimal(clean["weight"], "weight")
        if clean["weight"] is None:
            raise ValidationError({"weight": _("Give the result's weight.")})
    return save_audited(user, result, clean, fields=RESULT_FIELDS,
                        partnership_id=partnership.pk)


@transaction.atomic(durable=True)
def delete_result(user, result: Result) -> None:
    """Delete a result: the results that contributed to it move up to its parent, its
    indicators stay, no longer attached to a result."""
    require_manage(user, result.partnership)
    parent = result.parent
    children = list(result.children.all())
    for child in children:
        record(user, "update", child, partnership_id=result.partnership_id,
               changes={"parent": [str(result), str(parent) if parent else None]},
               summary=f"Moved up: “{result.title[:200]}” was deleted")
    Result.objects.filter(pk__in=[c.pk for c in children]).update(parent=parent)
    loose = result.indicators.count()
    record(user, "delete", result, partnership_id=result.partnership_id,
           summary=f"Result “{result.title[:200]}” deleted; moved up: "
                   f"{count(len(children), 'result')}; no longer attached to a result: "
                   f"{count(loose, 'indicator')}")
    result.delete()
