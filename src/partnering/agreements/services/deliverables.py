"""The partnership's deliverables: what it commits to deliver, who is responsible, by when
and how far it got. They belong to the partnership, not to one version, and outlive new
versions of the agreement; only the stewards record them."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.agreements.models import Deliverable
from partnering.agreements.services.common import lock, reject_unknown
from partnering.agreements.vocabulary import DeliverableStatus
from partnering.audit.services import record, save_audited
from partnering.guards import require, require_active
from partnering.partnerships.access import access_for
from partnering.partnerships.lifecycle import english
from partnering.partnerships.models import Partnership

DELIVERABLE_FIELDS = ["title", "description", "responsible_organisation", "due_date", "status",
                      "delivered_on"]
# A due date further ahead than this is a typo (2205 for 2025), not a plan.
MAX_DUE_YEARS = 30


def may_edit_deliverables(actor, partnership: Partnership, access=None) -> bool:
    access = access or access_for(actor, partnership)
    return access.can_manage and partnership.is_active


def _require_deliverable_steward(actor, partnership: Partnership) -> None:
    require(access_for(actor, partnership).can_manage,
            _("Only the partnership's stewards (the lead partner, the brokers, admins) record "
              "its deliverables."))
    require_active(partnership, _("This partnership is closed; its deliverables can no "
                                  "longer change."))


def _day(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        raise ValidationError({field: _("Give a date (YYYY-MM-DD), not a date and time.")})
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError({field: _("Enter a date as YYYY-MM-DD.")}) from error


def _responsible(partnership: Partnership, value):
    """A member organisation, given as object or id; None for nobody named."""
    if value in (None, ""):
        return None
    org_id = getattr(value, "pk", value)
    membership = partnership.memberships.select_related("organisation").filter(
        organisation_id=org_id).first() if isinstance(org_id, int) else None
    if membership is None:
        raise ValidationError({"responsible_organisation": _(
            "The responsible organisation must be a member of the partnership.")})
    return membership.organisation


def _cleaned(partnership: Partnership, data: dict, *, creating: bool) -> dict:
    """Each given field in the form it is stored: text trimmed, dates and the organisation
    read; the title is required when creating."""
    values = dict(data)
    if "title" in values or creating:
        values["title"] = (values.get("title") or "").strip()
        if not values["title"]:
            raise ValidationError({"title": _("Say what will be delivered.")})
    if "description" in values:
        values["description"] = (values["description"] or "").replace("\r\n", "\n").strip()
    if "responsible_organisation" in values:
        values["responsible_organisation"] = _responsible(
            partnership, values["responsible_organisation"])
    for name in ("due_date", "delivered_on"):
        if name in values:
            values[name] = _day(values[name], name)
    return values


def _check_due(partnership: Partnership, due: date | None, today: date) -> None:
    if due is None:
        return
    if due.year > today.year + MAX_DUE_YEARS:
        raise ValidationError({"due_date": _("A due date more than %(years)s years ahead is "
                                             "surely a typo.") % {"years": MAX_DUE_YEARS}})
    started = partnership.start_date
    if started and due < started:
        raise ValidationError({"due_date": _("The due date falls before the partnership "
                                             "started (%(day)s).")
                               % {"day": started.isoformat()}})


def _delivered_on(deliverable: Deliverable, values: dict, status: str, today: date):
    """The delivery date: given, kept or today for a delivered deliverable; None otherwise."""
    if status != DeliverableStatus.DELIVERED:
        if values.get("delivered_on") is not None:
            raise ValidationError({"delivered_on": _(
                "Only a delivered deliverable has a delivery date; set the status to "
                "delivered.")})
        return None
    kept = deliverable.delivered_on if deliverable.status == DeliverableStatus.DELIVERED \
        else None
    delivered = values.get("delivered_on") or kept or today
    if delivered > today:
        raise ValidationError({"delivered_on": _("A deliverable cannot be delivered in the "
                                                 "future.")})
    started = deliverable.partnership.start_date
    if started and delivered < started:
        raise ValidationError({"delivered_on": _("The delivery date falls before the "
                                                 "partnership started (%(day)s).")
                               % {"day": started.isoformat()}})
    return delivered


def _deliverable_values(deliverable: Deliverable, data: dict, *, creating: bool) -> dict:
    """The fields to write, checked together: nothing is written when any is wrong."""
    reject_unknown(data, DELIVERABLE_FIELDS)
    values = _cleaned(deliverable.partnership, data, creating=creating)
    status = values.get("status", deliverable.status)
    if status not in DeliverableStatus.values:
        raise ValidationError({"status": _("Use planned, in_progress, delivered or "
                                           "dropped.")})
    today = timezone.localdate()
    if "due_date" in values:
        _check_due(deliverable.partnership, values["due_date"], today)
    values["delivered_on"] = _delivered_on(deliverable, values, status, today)
    values["status"] = status
    return values


# Not durable: the demo loader records its deliverables inside its own transaction.
@transaction.atomic
def create_deliverable(actor, partnership: Partnership, **data) -> Deliverable:
    """Something the partnership commits to deliver: what, who is responsible, by when."""
    _require_deliverable_steward(actor, partnership)
    lock(partnership)
    last = partnership.deliverables.aggregate(n=Max("position"))["n"]
    deliverable = Deliverable(partnership=partnership,
                              position=0 if last is None else last + 1)
    values = _deliverable_values(deliverable, data, creating=True)
    return save_audited(actor, deliverable, values, fields=DELIVERABLE_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Deliverable “{values['title'][:200]}” added")


@transaction.atomic(durable=True)
def update_deliverable(actor, deliverable: Deliverable, **data) -> Deliverable:
    partnership = deliverable.partnership
    _require_deliverable_steward(actor, partnership)
    values = _deliverable_values(deliverable, data, creating=False)
    return save_audited(actor, deliverable, values, fields=DELIVERABLE_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Deliverable “{deliverable.title[:200]}” changed")


@transaction.atomic(durable=True)
def set_deliverable_status(actor, deliverable: Deliverable, *, status: str,
                           delivered_on=None) -> Deliverable:
    """Planned, in progress, delivered (on `delivered_on`, today if not given) or dropped."""
    data = {"status": status}
    if delivered_on not in (None, ""):
        data["delivered_on"] = delivered_on
    partnership = deliverable.partnership
    _require_deliverable_steward(actor, partnership)
    values = _deliverable_values(deliverable, data, creating=False)
    # In English: the audit trail is a record, kept in one language.
    label = english(dict(DeliverableStatus.choices).get(values["status"],
                                                        values["status"])).lower()
    when_delivered = (f" on {values['delivered_on'].isoformat()}"
                      if values["status"] == DeliverableStatus.DELIVERED else "")
    return save_audited(actor, deliverable, values, fields=DELIVERABLE_FIELDS,
                        partnership_id=partnership.pk,
                        summary=f"Deliverable “{deliverable.title[:200]}”: {label}"
                                f"{when_delivered}")


@transaction.atomic(durable=True)
def delete_deliverable(actor, deliverable: Deliverable) -> None:
    """Remove a deliverable; indicators linked to it stay, unlinked."""
    partnership = deliverable.partnership
    _require_deliverable_steward(actor, partnership)
    linked = deliverable.indicators.count()
    unlinked = f"; {linked} indicator(s) unlinked" if linked else ""
    record(actor, "delete", deliverable, partnership_id=partnership.pk,
           summary=f"Deliverable “{deliverable.title[:200]}” removed{unlinked}")
    deliverable.delete()
