"""What the platform endpoints share: the router and the lookups of what a payload names."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from ninja import Router

from partnering.registry.models import Organisation, Person

router = Router(tags=["platforms"])


def objects(queryset, ids, field: str, message: str) -> list:
    """The objects of `queryset` with these ids, or a 422 naming `field`."""
    ids = set(ids or [])
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({field: message})
    return found


def one(queryset, pk, field: str, message: str):
    if pk is None:
        return None
    return objects(queryset, [pk], field, message)[0]


def organisation(pk):
    return one(Organisation.objects.all(), pk, "organisation_id",
               gettext("Unknown organisation id."))


def person(request, pk):
    return one(Person.objects.visible_to(request.user), pk, "person_id",
               gettext("Unknown person id."))
