"""Writes of the risk register: any member raises and reviews a risk, stewards delete one.
Every write is audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.monitoring.cleaning import blank_nones, member_organisation, to_date
from partnering.monitoring.models import Risk
from partnering.monitoring.permissions import require_contribute, require_manage

RISK_FIELDS = ["title", "description", "category", "likelihood", "impact",
               "owner_organisation", "mitigation", "status", "review_date"]


def _clean_risk(partnership, data: dict) -> dict:
    clean = dict(data)
    if "owner_organisation" in clean:
        clean["owner_organisation"] = member_organisation(
            partnership, clean["owner_organisation"], "owner_organisation")
    if "review_date" in clean:
        clean["review_date"] = to_date(clean["review_date"], "review_date")
    return blank_nones(clean, ("description", "mitigation"))


@transaction.atomic
def create_risk(user, partnership, **data) -> Risk:
    """Any member may raise a risk: naming it early is the point of the register."""
    require_contribute(user, partnership)
    return save_audited(user, Risk(partnership=partnership), _clean_risk(partnership, data),
                        fields=RISK_FIELDS, partnership_id=partnership.pk)


@transaction.atomic(durable=True)
def update_risk(user, risk: Risk, **data) -> Risk:
    require_contribute(user, risk.partnership)
    return save_audited(user, risk, _clean_risk(risk.partnership, data), fields=RISK_FIELDS,
                        partnership_id=risk.partnership_id)


@transaction.atomic(durable=True)
def delete_risk(user, risk: Risk) -> None:
    """Stewards only: members review a risk and close it, which keeps it in the register."""
    require_manage(user, risk.partnership, _(
        "Only the partnership's brokers, lead and admins can delete a risk; members can close "
        "it."))
    record(user, "delete", risk, partnership_id=risk.partnership_id,
           summary=f"Risk “{risk.title[:200]}” deleted")
    risk.delete()
