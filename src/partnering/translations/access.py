"""Reaching a translatable record, always through partnerships/access.py: whoever may not
see its partnership gets 404, as for the record itself."""

from django.http import Http404

from partnering.partnerships.access import access_for, partnership_or_404, scoped_or_404
from partnering.translations.registry import KINDS, Kind, partnership_id_of


def kind_or_404(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise Http404
    return kind


def record_or_404(request, kind: Kind, pk: int):
    """The record for a page or endpoint, with its partnership (whose `access` says what the
    user may do), or 404 for whoever may not see it."""
    if kind.via == "pk":
        record = partnership_or_404(request, pk)
        return record, record
    record = scoped_or_404(request.user, kind.model.objects.all(), pk, via=kind.via)
    partnership = partnership_or_404(request, partnership_id_of(kind, record))
    return record, partnership


def may_translate(user, kind: Kind, partnership) -> bool:
    """Whoever may edit the record may translate it."""
    access = getattr(partnership, "access", None) or access_for(user, partnership)
    return bool(getattr(access, f"can_{kind.need}"))
