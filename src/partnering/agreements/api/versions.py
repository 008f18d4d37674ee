"""/api/v1/partnerships/{id}/agreement: the agreement at a glance, the templates a draft
starts from, and its versions: start one, read one, edit a draft."""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.pagination import paginate

from partnering.agreements import services
from partnering.agreements.api.common import BASE, VERSION, answer, router
from partnering.agreements.api.rows import party_row, version_out
from partnering.agreements.api.schemas import (
    AgreementOut,
    TemplateOut,
    VersionIn,
    VersionOut,
    VersionPatch,
    VersionRowOut,
)
from partnering.agreements.queries import get_version, party_status, version_rows
from partnering.agreements.templates import TEMPLATES
from partnering.agreements.vocabulary import VersionStatus
from partnering.partnerships.access import partnership_or_404
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, LimitOffsetPagination, require_user


@router.get(BASE, response={200: AgreementOut, **READ_ERRORS},
            summary="The agreement at a glance: the agreed version, the one in progress, "
                    "who still has to sign, and the agreed decision rule")
def get_agreement(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    agreed = services.latest_agreed(partnership)
    current = services.in_progress(partnership)
    waiting = []
    if current and current.status == VersionStatus.PROPOSED:
        waiting = [party_row(p) for p in party_status(get_version(partnership, current.number))
                   if not p.signed]
    rule = services.agreed_rule(partnership)
    return {"agreed_version": agreed.number if agreed else None,
            "agreed_at": agreed.agreed_at if agreed else None,
            "in_progress_version": current.number if current else None,
            "in_progress_status": current.status if current else None,
            "waiting_for": waiting, "rule": rule._asdict() if rule else None,
            "committed_value_by_member": services.committed_value_by_member(partnership)}


@router.get(BASE + "/templates", response={200: list[TemplateOut], **READ_ERRORS},
            summary="Agreement templates a draft can start from")
@paginate(LimitOffsetPagination)
def list_templates(request, partnership_id: int):
    partnership_or_404(request, partnership_id)
    return [{"key": t.key, "name": str(t.name), "description": str(t.description),
             "source": t.source,
             "decision_rule": t.decision_rule, "quorum_percent": t.quorum_percent,
             "majority_percent": t.majority_percent} for t in TEMPLATES.values()]


@router.get(BASE + "/versions", response={200: list[VersionRowOut], **READ_ERRORS},
            summary="Versions of the agreement, newest first")
@paginate(LimitOffsetPagination)
def list_versions(request, partnership_id: int):
    return version_rows(partnership_or_404(request, partnership_id))


@router.post(BASE + "/versions", response={201: VersionOut, **WRITE_ERRORS},
             summary="Start a draft from a template or from the latest version",
             description="`source: template` pre-fills every section with the template's "
                         "guidance and gives every member organisation its terms; `source: "
                         "latest` copies the latest version as version n+1. One version can "
                         "be in progress (draft or proposed) at a time.")
def createversion_of(request, partnership_id: int, payload: VersionIn):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    if payload.source == "latest":
        version = services.start_from_latest(request.user, partnership)
    else:
        version = services.start_from_template(
            request.user, partnership, template=payload.template, title=payload.title,
            valuation_currency=payload.valuation_currency)
    return Status(201, version_out(partnership, version.number))


@router.get(VERSION, response={200: VersionOut, **READ_ERRORS})
def get_version_detail(request, partnership_id: int, version_number: int):
    partnership = partnership_or_404(request, partnership_id)
    return version_out(partnership, get_version(partnership, version_number).number)


@router.patch(VERSION, response={200: VersionOut, 201: VersionOut, **WRITE_ERRORS},
              summary="Edit a draft's sections, decision rule or valuation currency",
              description="A draft changes in place (200). Editing the agreed version makes "
                          "a new draft n+1 with the change (201); the agreed version stays in "
                          "force. Proposed and superseded versions answer 422.")
def updateversion_of(request, partnership_id: int, version_number: int, payload: VersionPatch):
    require_user(request)
    partnership = partnership_or_404(request, partnership_id)
    version = get_version(partnership, version_number)
    data = payload.dict(exclude_unset=True)
    for name, value in list(data.items()):
        if value is None:
            if name in ("decision_rule", "quorum_percent", "majority_percent", "notice_days",
                        "valuation_currency", "title"):
                raise ValidationError({name: "This field cannot be empty."})
            data[name] = ""
        elif hasattr(value, "value"):
            data[name] = value.value
    changed = services.update_version(request.user, version, **data)
    return answer(version_number, changed.number, version_out(partnership, changed.number))
