"""Fan-out rules: for each typed audit action that matters, who is told, under which
category, with which words and link. Each rule reads a fixed number of rows whatever the
number of recipients. The actor is never told about their own act."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from partnering.partnerships.models import BrokerAssignment, Membership, Representative
from partnering.partnerships.vocabulary import MemberRole
from partnering.registry.models import Person


@dataclass
class News:
    """What to tell whom: `title()` and `summary()` are called under each recipient's
    language, so they must use gettext."""

    category: str
    recipients: set
    title: object
    url: str = ""
    summary: object = field(default=lambda: "")
    invitees: bool = False  # the invited-respondent rule applies (news about a call)


def _users(queryset, path: str = "person__user_id") -> set[int]:
    return {pk for pk in queryset.values_list(path, flat=True) if pk}


def representatives(partnership_id, organisation_ids=None, *, mandate=False) -> set[int]:
    reps = Representative.objects.filter(membership__partnership_id=partnership_id)
    if organisation_ids is not None:
        reps = reps.filter(membership__organisation_id__in=organisation_ids)
    if mandate:
        reps = reps.filter(has_mandate=True)
    return _users(reps)


def brokers(partnership_id) -> set[int]:
    return _users(BrokerAssignment.objects.filter(partnership_id=partnership_id))


def everyone(partnership_id) -> set[int]:
    """Every member's representatives and the brokers."""
    return representatives(partnership_id) | brokers(partnership_id)


def stewards(partnership_id) -> set[int]:
    """The brokers and the lead organisation's representatives."""
    lead = Membership.objects.filter(partnership_id=partnership_id,
                                     role=MemberRole.LEAD).values("organisation_id")
    return brokers(partnership_id) | representatives(partnership_id, lead)


def people_of(organisation_ids) -> set[int]:
    return _users(Person.objects.filter(organisation_id__in=organisation_ids), "user_id")


def _get(model, event):
    return model.objects.filter(pk=event.object_id).first()


# --- governance -----------------------------------------------------------------------


def proposal_opened(event):
    from partnering.governance.models import Proposal

    proposal = _get(Proposal, event)
    if proposal is None:
        return None
    voting = Membership.objects.filter(partnership_id=proposal.partnership_id).exclude(
        role=MemberRole.OBSERVER).values("organisation_id")
    return News("position_needed", representatives(proposal.partnership_id, voting,
                                                   mandate=True),
                lambda: _("Your organisation's position is needed: %(title)s")
                % {"title": proposal.title},
                reverse("proposal", args=[proposal.partnership_id, proposal.pk]),
                lambda: _("Positions close on %(date)s.")
                % {"date": proposal.closes_at.date().isoformat()})


def proposal_decided(event):
    from partnering.governance.models import Proposal

    proposal = _get(Proposal, event)
    if proposal is None:
        return None
    return News("proposal_decided", everyone(proposal.partnership_id),
                lambda: _("A proposal was decided: %(title)s") % {"title": proposal.title},
                reverse("proposal", args=[proposal.partnership_id, proposal.pk]))


def action_assigned(event):
    from partnering.governance.models import Action

    action = _get(Action, event)
    if action is None:
        return None
    if action.owner_person_id:
        users = _users(Person.objects.filter(pk=action.owner_person_id), "user_id")
    elif action.owner_organisation_id:
        users = representatives(action.partnership_id, [action.owner_organisation_id])
    else:
        return None
    return News("action_assigned", users,
                lambda: _("An action was assigned to you: %(title)s") % {"title": action.title},
                reverse("action", args=[action.partnership_id, action.pk]),
                lambda: _("Due on %(date)s.") % {"date": action.due_date.isoformat()})


def action_updated(event):
    """A change of owner is an assignment too."""
    if {"owner_person", "owner_organisation"} & set(event.changes or {}):
        return action_assigned(event)
    return None


# --- agreements -----------------------------------------------------------------------


def version_proposed(event):
    from partnering.agreements.models import AgreementVersion

    version = _get(AgreementVersion, event)
    if version is None:
        return None
    parties = set(version.member_terms.values_list("organisation_id", flat=True))
    signed = set(version.signatures.values_list("organisation_id", flat=True))
    return News("signature_awaited", representatives(version.partnership_id,
                                                     parties - signed, mandate=True),
                lambda: _("Agreement version %(number)s awaits your organisation's signature")
                % {"number": version.number},
                reverse("agreement", args=[version.partnership_id]))


def agreement_agreed(event):
    from partnering.agreements.models import AgreementVersion

    version = _get(AgreementVersion, event)
    if version is None:
        return None
    return News("agreement_agreed", everyone(version.partnership_id),
                lambda: _("Agreement version %(number)s was agreed by every member")
                % {"number": version.number},
                reverse("agreement", args=[version.partnership_id]))


# --- monitoring -----------------------------------------------------------------------


def _measurement_news(event, category, title):
    from partnering.monitoring.models import Measurement

    measurement = Measurement.objects.filter(pk=event.object_id).select_related(
        "indicator").first()
    if measurement is None or not measurement.reported_by_id:
        return None
    indicator = measurement.indicator
    return News(category, {measurement.reported_by_id},
                lambda: title() % {"indicator": indicator.name},
                reverse("indicator", args=[indicator.partnership_id, indicator.pk]),
                lambda: measurement.validation_comment)


def measurement_queried(event):
    return _measurement_news(event, "value_queried",
                             lambda: _("A value you reported for %(indicator)s was queried"))


def measurement_confirmed(event):
    return _measurement_news(event, "value_confirmed",
                             lambda: _("A value you reported for %(indicator)s was confirmed"))


# --- calls ----------------------------------------------------------------------------


def _response(event):
    from partnering.discovery.models import CallResponse

    return CallResponse.objects.filter(pk=event.object_id).select_related(
        "call", "organisation").first()


def call_invited(event):
    response = _response(event)
    if response is None:
        return None
    call = response.call
    return News("call_invited", people_of([response.organisation_id]),
                lambda: _("%(organisation)s is invited to respond to a call: %(title)s")
                % {"organisation": response.organisation.name, "title": call.title},
                reverse("call", args=[call.partnership_id, call.pk]),
                lambda: _("Respond by %(date)s.") % {"date": call.deadline.isoformat()},
                invitees=True)


def response_received(event):
    response = _response(event)
    if response is None:
        return None
    call = response.call
    return News("response_received", stewards(call.partnership_id),
                lambda: _("%(organisation)s responded to your call: %(title)s")
                % {"organisation": response.organisation.name, "title": call.title},
                reverse("call", args=[call.partnership_id, call.pk]))


def response_decided(event):
    response = _response(event)
    if response is None:
        return None
    call = response.call
    shortlisted = event.action == "call.response_shortlisted"
    return News("response_decided", people_of([response.organisation_id]),
                lambda: (_("Your response to %(title)s was shortlisted") if shortlisted
                         else _("Your response to %(title)s was declined"))
                % {"title": call.title},
                reverse("call", args=[call.partnership_id, call.pk]), invitees=True)


# --- partnerships ---------------------------------------------------------------------


def _partnership_title(partnership_id) -> str:
    from partnering.partnerships.models import Partnership

    return Partnership.objects.filter(pk=partnership_id).values_list(
        "title", flat=True).first() or ""


def membership_added(event):
    membership = Membership.objects.filter(pk=event.object_id).first()
    if membership is None:
        return None
    admins = _users(Person.objects.filter(organisation_id=membership.organisation_id,
                                          is_organisation_admin=True), "user_id")
    title = _partnership_title(membership.partnership_id)
    return News("added", admins,
                lambda: _("Your organisation joined %(title)s") % {"title": title},
                reverse("partnership", args=[membership.partnership_id]))


def representative_added(event):
    rep = Representative.objects.filter(pk=event.object_id).select_related(
        "person", "membership").first()
    if rep is None or not rep.person.user_id:
        return None
    partnership_id = rep.membership.partnership_id
    title = _partnership_title(partnership_id)
    return News("added", {rep.person.user_id},
                lambda: _("You now represent your organisation in %(title)s")
                % {"title": title}, reverse("partnership", args=[partnership_id]))


def broker_assigned(event):
    assignment = BrokerAssignment.objects.filter(pk=event.object_id).select_related(
        "person").first()
    if assignment is None or not assignment.person.user_id:
        return None
    title = _partnership_title(assignment.partnership_id)
    return News("added", {assignment.person.user_id},
                lambda: _("You are now a broker of %(title)s") % {"title": title},
                reverse("partnership", args=[assignment.partnership_id]))


def phase_moved(event):
    from partnering.partnerships.models import Partnership

    partnership = Partnership.objects.filter(pk=event.object_id).first()
    if partnership is None:
        return None
    # The phase this event moved to (a later move must not rename an earlier notice).
    moved_to = (event.changes.get("phase") or [None, partnership.phase])[1]
    phase = partnership.lifecycle_path.phase(moved_to)
    return News("phase_changed", everyone(partnership.pk),
                lambda: _("%(title)s moved to the phase %(phase)s")
                % {"title": partnership.title, "phase": phase.name},
                reverse("partnership", args=[partnership.pk]))


RULES = {
    "proposal.opened": proposal_opened,
    "proposal.decided": proposal_decided,
    "action.assigned": action_assigned,
    "action.updated": action_updated,
    "agreement.version_proposed": version_proposed,
    "agreement.agreed": agreement_agreed,
    "measurement.queried": measurement_queried,
    "measurement.confirmed": measurement_confirmed,
    "call.invited": call_invited,
    "call.response_received": response_received,
    "call.response_shortlisted": response_decided,
    "call.response_declined": response_decided,
    "membership.added": membership_added,
    "representative.added": representative_added,
    "broker.assigned": broker_assigned,
    "partnership.phase_moved": phase_moved,
}
