"""Assigning a broker to a partnership and ending the assignment. Only the partnership's
stewards (its brokers, its lead, platform admins: partnerships.access) do either. Assigning
gives the broker their seat in the partnership (partnerships.BrokerAssignment, whose
`broker.assigned` event tells the broker through the ledger); ending takes the seat away,
records `broker.assignment_ended` (the broker is told, see notices.py) and opens the
partners' "Broker fairness and support" round in the survey engine."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record, snapshot
from partnering.brokers.assignments.instrument import KEY
from partnering.brokers.assignments.models import Assignment
from partnering.brokers.roster.index import bump
from partnering.brokers.roster.models import BrokerProfile
from partnering.guards import require, require_active
from partnering.partnerships.access import access_for
from partnering.partnerships.models import BrokerAssignment

ASSIGNMENT_FIELDS = ["terms_of_reference", "start", "end", "days_per_month"]
RATING_DAYS = 21


def _require_steward(actor, partnership) -> None:
    require(actor.is_authenticated and access_for(actor, partnership).can_manage,
            _("Only the partnership's brokers, lead and admins assign brokers."))


def refresh_load(profile: BrokerProfile) -> None:
    """The days a month the broker's current assignments add up to."""
    total = profile.assignments.filter(ended_on__isnull=True).aggregate(
        days=Sum("days_per_month"))["days"] or Decimal("0")
    BrokerProfile.objects.filter(pk=profile.pk).update(committed_days=total)
    bump()  # the free days the ranking index holds
    profile.committed_days = total


def _seat(partnership, profile: BrokerProfile) -> BrokerAssignment:
    seat, _created = BrokerAssignment.objects.get_or_create(
        partnership=partnership, person=profile.person,
        defaults={"kind": profile.kind, "note": _("Assigned from the broker roster")[:300]})
    return seat


@transaction.atomic
def assign(actor, partnership, broker: BrokerProfile, *, terms_of_reference: str, start,
           days_per_month, end=None) -> Assignment:
    _require_steward(actor, partnership)
    require_active(partnership)
    assignment = Assignment(partnership=partnership, broker=broker, created_by=actor,
                            terms_of_reference=(terms_of_reference or "").strip(),
                            start=start, end=end, days_per_month=days_per_month)
    assignment.full_clean()
    assignment.seat = _seat(partnership, broker)
    assignment.save()
    refresh_load(broker)
    # Recorded on the seat: the ledger's `broker.assigned` rule tells the broker.
    record(actor, "broker.assigned", assignment.seat, partnership_id=partnership.pk,
           changes={name: [None, value] for name, value in
                    snapshot(assignment, ASSIGNMENT_FIELDS).items()},
           summary=f"{broker.person} brokers the partnership from {start}")
    return assignment


@transaction.atomic
def update_terms(actor, assignment: Assignment, **data) -> Assignment:
    from partnering.audit.services import save_audited

    _require_steward(actor, assignment.partnership)
    if not assignment.is_current:
        raise ValidationError(_("This assignment has ended; its terms stay as they were."))
    assignment = save_audited(actor, assignment, data, fields=ASSIGNMENT_FIELDS,
                              partnership_id=assignment.partnership_id)
    refresh_load(assignment.broker)
    return assignment


@transaction.atomic
def end(actor, assignment: Assignment, *, ended_on=None, note: str = "",
        rate: bool = True) -> Assignment:
    """End the assignment: the seat goes, the load drops, the partners are asked to rate
    the broker's fairness and support (unless `rate` is False)."""
    partnership = assignment.partnership
    _require_steward(actor, partnership)
    if not assignment.is_current:
        raise ValidationError(_("This assignment has already ended."))
    assignment.ended_on = ended_on or timezone.localdate()
    assignment.end_note = (note or "").strip()[:500]
    assignment.full_clean()
    if rate:
        assignment.rating_round = open_rating_round(actor, assignment)
    seat = assignment.seat
    assignment.seat = None
    assignment.save()
    if seat is not None:
        seat.delete()
    refresh_load(assignment.broker)
    record(actor, "broker.assignment_ended", assignment, partnership_id=partnership.pk,
           changes={"ended_on": [None, assignment.ended_on.isoformat()]},
           summary=f"{assignment.broker.person} no longer brokers the partnership")
    return assignment


def open_rating_round(actor, assignment: Assignment):
    """A round of "Broker fairness and support" for the partnership (one group per member,
    as every health check: the engine's anonymity rules apply), with an invitation to each
    representative with an e-mail address (the broker excepted)."""
    from partnering.assessments import services as assessments
    from partnering.assessments.models import Instrument

    now = timezone.now()
    round_ = assessments.create_round(
        actor, Instrument.objects.get(key=KEY), partnership=assignment.partnership,
        title=_("Broker fairness and support: %(broker)s")
        % {"broker": assignment.broker.person.name}, opens_at=now,
        closes_at=now + timedelta(days=RATING_DAYS))
    groups = {g.organisation_id: g for g in round_.groups.all()}
    for rep in _representatives(assignment):
        email = rep.person.email or (rep.person.user.email if rep.person.user else "")
        group = groups.get(rep.membership.organisation_id)
        if email and group is not None and rep.person_id != assignment.broker.person_id \
                and not round_.invitations.filter(email=email.lower()).exists():
            assessments.invite(actor, round_, group=group, email=email, name=rep.person.name)
    return round_


def _representatives(assignment: Assignment):
    from partnering.partnerships.models import Representative

    return Representative.objects.filter(
        membership__partnership=assignment.partnership).select_related(
        "person__user", "membership")
