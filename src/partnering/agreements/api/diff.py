"""/api/v1/partnerships/{id}/agreement/diff: the difference between two versions."""

from typing import Literal

from django.http import Http404
from ninja import Field, Query

from partnering.agreements import diff as differ
from partnering.agreements.api.common import BASE, router
from partnering.agreements.queries import get_version
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, Filters, Row


class DiffQuery(Filters):
    from_version: int | None = Field(
        None, alias="from", ge=1, le=1_000_000,
        description="Default: the version `to` is based on (or the one before it)")
    to_version: int | None = Field(None, alias="to", ge=1, le=1_000_000,
                                   description="Default: the latest version")
    mode: Literal["word", "line"] = "word"


class OpOut(Row):
    op: Literal["equal", "delete", "insert"]
    text: str


class TextChangeOut(Row):
    field: str
    title: str
    changed: bool
    added: int
    removed: int
    ops: list[OpOut]


class SettingChangeOut(Row):
    field: str
    title: str
    old: str
    new: str


class WeightChangeOut(Row):
    old: str
    new: str
    changed: bool


class TermsChangeOut(Row):
    organisation_id: int
    organisation: str
    status: Literal["added", "removed", "kept"]
    changed: bool
    fields: list[TextChangeOut]
    vote_weight: WeightChangeOut


class CommitmentChangeOut(Row):
    organisation_id: int
    organisation: str
    changed: bool
    added: list[str]
    removed: list[str]
    kept: list[str]


class DiffSummaryOut(Row):
    identical: bool
    settings: int
    sections: list[str]
    terms: list[str]
    commitments: list[str]


class DiffOut(Row):
    from_version: int
    to_version: int
    mode: str
    summary: DiffSummaryOut
    settings: list[SettingChangeOut]
    sections: list[TextChangeOut]
    terms: list[TermsChangeOut]
    commitments: list[CommitmentChangeOut]


@router.get(BASE + "/diff", response={200: DiffOut, **READ_ERRORS},
            summary="The difference between two versions, section by section",
            description="`?from=1&to=2&mode=word|line`: per section the text operations "
                        "(equal, delete, insert), then member terms and commitments per "
                        "organisation.")
def diff(request, partnership_id: int, query: Query[DiffQuery]):
    partnership = partnership_or_404(request, partnership_id)
    to_number = query.to_version
    if to_number is None:
        latest = partnership.agreement_versions.order_by("-number").first()
        if latest is None:
            raise Http404
        to_number = latest.number
    new = get_version(partnership, to_number)
    from_number = query.from_version
    if from_number is None:
        from_number = new.based_on.number if new.based_on else max(to_number - 1, 1)
    old = get_version(partnership, from_number)
    return differ.compare(old, new, query.mode)
