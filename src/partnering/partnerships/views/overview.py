"""What the partnership overview reads about one partnership, each list in one query whose
SQL is written once per process (partnering.prepared): the page is the one every broker
and member opens most, and building these queries cost more than running them."""

import datetime

from django.utils import timezone

from partnering.agreements.models import Deliverable
from partnering.governance.models import Action
from partnering.governance.power.arithmetic import percent
from partnering.governance.power.chart import power_chart
from partnering.interop.iati.display import open_data
from partnering.monitoring.models import Indicator
from partnering.partnerships.models import (
    BrokerAssignment,
    ChecklistItem,
    Meeting,
    Membership,
    Representative,
)
from partnering.partnerships.queries import ROLE_ORDER, checklist_progress
from partnering.prepared import Prepared
from partnering.reference.models import SdgGoal, SdgTarget

_MEMBERS = Prepared(lambda _key, pid: Membership.objects.filter(partnership_id=pid)
                    .select_related("organisation")
                    .order_by(ROLE_ORDER, "organisation__name"), int)
_REPRESENTATIVES = Prepared(lambda _key, pid: Representative.objects.filter(
    membership__partnership_id=pid).select_related("person"), int)
_CHECKLIST = Prepared(lambda _key, pid, phase: ChecklistItem.objects.filter(
    partnership_id=pid, phase=phase), int, str)
_BROKERS = Prepared(lambda _key, pid: BrokerAssignment.objects.filter(partnership_id=pid)
                    .select_related("person__organisation"), int)
_MEETINGS = Prepared(lambda _key, pid: Meeting.objects.filter(partnership_id=pid)[:3], int)
_GOALS = Prepared(lambda _key, pid: SdgGoal.objects.filter(partnerships__id=pid), int)
_TARGETS = Prepared(lambda _key, pid: SdgTarget.objects.filter(partnerships__id=pid), int)
_OVERDUE_ACTIONS = Prepared(
    lambda _key, pid, today: Action.objects.filter(partnership_id=pid).overdue(today)
    .select_related("owner_organisation", "owner_person")
    .order_by("owner_organisation__name", "due_date", "id"), int, datetime.date)
_OVERDUE_DELIVERABLES = Prepared(
    lambda _key, pid, today: Deliverable.objects.filter(partnership_id=pid).overdue(today)
    .select_related("responsible_organisation").order_by("due_date", "id")[:50],
    int, datetime.date)
_QUERIED = Prepared(lambda _key, pid: Indicator.objects.filter(
    partnership_id=pid, queried_values__gt=0).order_by("position", "id")[:50], int)


def members(partnership_id: int) -> list[Membership]:
    """Members, lead partner first (as `members_of`), each with `named`: its
    representatives, by name."""
    memberships = _MEMBERS("members", partnership_id)
    named = {}
    for representative in _REPRESENTATIVES("representatives", partnership_id):
        named.setdefault(representative.membership_id, []).append(representative)
    for membership in memberships:
        membership.named = named.get(membership.pk, [])
    return memberships


def checklist(partnership_id: int, phase: str) -> list[ChecklistItem]:
    return _CHECKLIST("checklist", partnership_id, phase)


def sections(partnership_id: int) -> dict:
    """The lists of the overview other than members and checklist."""
    today = timezone.localdate()
    return {
        "brokers": _BROKERS("brokers", partnership_id),
        "meetings": _MEETINGS("meetings", partnership_id),
        "sdg_goals": _GOALS("goals", partnership_id),
        "sdg_targets": _TARGETS("targets", partnership_id),
        "overdue_actions": _OVERDUE_ACTIONS("overdue actions", partnership_id, today),
        "overdue_deliverables": _OVERDUE_DELIVERABLES("overdue deliverables",
                                                      partnership_id, today),
        "queried_indicators": _QUERIED("queried", partnership_id),
    }


def body_context(partnership, summary, iati, language: str) -> dict:
    """What the page shows below the problem statement (_overview_body.html), read when
    its kept copy is out of date: the same for every reader who may see the partnership."""
    members_ = members(partnership.pk)
    items = checklist(partnership.pk, partnership.phase)
    power = summary.power_result()
    return {
        "partnership": partnership, "members": members_,
        "progress": checklist_progress(items),
        "open_items": [item for item in items if item.status == "open"],
        **sections(partnership.pk),
        "sectors": sorted({m.organisation.get_sector_display() for m in members_}),
        "power": power, "percent": percent,
        "power_chart": power_chart(power, compact=True, chart_id="power-summary"),
        **open_data(partnership, iati, language),
    }
