"""Discovery actions: one function per user action, in a transaction, with its audit record."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnering.audit.services import record, save_audited
from partnering.discovery.models import (
    Call,
    CallResponse,
    CallStatus,
    PartnershipNeeds,
    ResponseStatus,
    Stakeholder,
)
from partnering.guards import require, require_active
from partnering.partnerships.access import access_for
from partnering.partnerships.services import add_member
from partnering.registry.models import Person

STAKEHOLDER_FIELDS = ["organisation", "person", "name", "influence", "interest", "impact",
                      "stance", "engagement", "notes"]
NEEDS_FIELDS = ["sectors", "competencies", "resources", "countries", "sdg_goals"]


CLOSED = gettext_lazy("This partnership is closed; nothing more can change in it.")


def _require_contributor(actor, partnership) -> None:
    require(access_for(actor, partnership).can_contribute)
    require_active(partnership, CLOSED)


def _require_manager(actor, partnership) -> None:
    require(access_for(actor, partnership).can_manage)
    require_active(partnership, CLOSED)


@transaction.atomic
def add_stakeholder(actor, partnership, **data) -> Stakeholder:
    _require_contributor(actor, partnership)
    return save_audited(actor, Stakeholder(partnership=partnership), _clean(data),
                        fields=STAKEHOLDER_FIELDS, partnership_id=partnership.pk,
                        summary="added to the stakeholder map")


@transaction.atomic
def update_stakeholder(actor, stakeholder: Stakeholder, **data) -> Stakeholder:
    partnership = stakeholder.partnership
    _require_contributor(actor, partnership)
    return save_audited(actor, stakeholder, _clean(data), fields=STAKEHOLDER_FIELDS,
                        partnership_id=partnership.pk)


@transaction.atomic(durable=True)
def remove_stakeholder(actor, stakeholder: Stakeholder) -> None:
    partnership = stakeholder.partnership
    _require_contributor(actor, partnership)
    record(actor, "delete", stakeholder, partnership_id=partnership.pk,
           summary="removed from the stakeholder map")
    stakeholder.delete()


def _clean(data: dict) -> dict:
    data = dict(data)
    if "name" in data:
        data["name"] = (data["name"] or "").strip()
    return data


@transaction.atomic
def set_needs(actor, partnership, **data) -> PartnershipNeeds:
    """What the problem needs; every member may say (8 Actions: the whole table decides)."""
    _require_contributor(actor, partnership)
    needs = PartnershipNeeds.objects.filter(partnership=partnership).first() \
        or PartnershipNeeds(partnership=partnership)
    clean = {}
    for name in NEEDS_FIELDS:
        if name not in data:
            continue
        value = data[name] or []
        if name == "countries":
            value = sorted({str(c).strip().upper() for c in value if str(c).strip()})
        elif name in ("competencies", "resources"):
            value = list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        elif name == "sectors":
            value = list(dict.fromkeys(value))
        elif name == "sdg_goals":
            value = sorted(set(value))
        clean[name] = value
    return save_audited(actor, needs, clean, fields=NEEDS_FIELDS,
                        partnership_id=partnership.pk, summary="what the problem needs")


# Calls for expressions of interest -----------------------------------------------------

CALL_FIELDS = ["title", "needs", "deadline", "status"]
RESPONSE_FIELDS = ["organisation", "statement", "status"]


@transaction.atomic
def publish_call(actor, partnership, *, title: str, needs: str, deadline) -> Call:
    _require_manager(actor, partnership)
    if deadline and deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline is in the past.")})
    call = Call(partnership=partnership, created_by=actor)
    return save_audited(actor, call, {"title": (title or "").strip(),
                                      "needs": (needs or "").strip(), "deadline": deadline},
                        fields=CALL_FIELDS, partnership_id=partnership.pk,
                        action="call.published",
                        summary="call for expressions of interest published")


@transaction.atomic(durable=True)
def close_call(actor, call: Call) -> Call:
    require(access_for(actor, call.partnership).can_manage)
    return save_audited(actor, call, {"status": CallStatus.CLOSED}, fields=CALL_FIELDS,
                        partnership_id=call.partnership_id, summary="call closed")


def _require_open(call: Call) -> None:
    if not call.is_open:
        raise ValidationError(_("This call is closed or its deadline has passed."))


@transaction.atomic
def invite(actor, call: Call, organisation) -> CallResponse:
    """Ask an organisation (e.g. a recommended one) to respond to the call."""
    partnership = call.partnership
    require(access_for(actor, partnership).can_manage)
    _require_open(call)
    if partnership.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already a member.")})
    if call.responses.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already invited or "
                                                 "has responded.")})
    return save_audited(actor, CallResponse(call=call),
                        {"organisation": organisation, "status": ResponseStatus.INVITED},
                        fields=RESPONSE_FIELDS, partnership_id=partnership.pk,
                        action="call.invited",
                        summary=f"{organisation} invited to respond to {call}")


# How long a call opened by inviting a recommended organisation stays open.
INVITATION_CALL_DAYS = 30


def open_call_of(partnership) -> Call | None:
    """The partnership's call that takes responses now, the one closing first."""
    return next((call for call in partnership.calls.filter(status=CallStatus.OPEN)
                 .order_by("deadline", "id") if call.is_open), None)


@transaction.atomic(durable=True)
def invite_recommended(actor, partnership, organisation) -> CallResponse:
    """Invite a recommended organisation in one step: to the open call, or, when none is
    open, to a call opened for it (stewards), which later invitations join."""
    _require_manager(actor, partnership)
    call = open_call_of(partnership)
    if call is None:
        if partnership.memberships.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": _("This organisation is already a "
                                                     "member.")})
        call = publish_call(
            actor, partnership, title=_("Join %(title)s") % {"title": partnership.title},
            needs=_("We are looking for partners for this problem: %(problem)s") % {
                "problem": partnership.problem_statement},
            deadline=timezone.localdate() + timedelta(days=INVITATION_CALL_DAYS))
    return invite(actor, call, organisation)


def speaks_for(user, organisation) -> bool:
    return user.is_authenticated and Person.objects.filter(
        user=user, organisation=organisation).exists()


@transaction.atomic
def respond(actor, call: Call, *, organisation, statement: str) -> CallResponse:
    """A person of an organisation expresses its interest, with a short statement."""
    if not speaks_for(actor, organisation):
        raise PermissionDenied(_("Only people of an organisation can respond for it."))
    _require_open(call)
    partnership = call.partnership
    statement = (statement or "").strip()
    if not statement:
        raise ValidationError({"statement": _("Say why your organisation, and what it would "
                                              "bring.")})
    if partnership.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already a member.")})
    response = call.responses.filter(organisation=organisation).first()
    if response is not None and response.status != ResponseStatus.INVITED:
        raise ValidationError({"organisation": _("This organisation has already responded.")})
    response = response or CallResponse(call=call)
    response.submitted_by = actor
    return save_audited(actor, response, {"organisation": organisation,
                                          "statement": statement,
                                          "status": ResponseStatus.SUBMITTED},
                        fields=RESPONSE_FIELDS, partnership_id=partnership.pk,
                        action="call.response_received",
                        summary=f"{organisation} expressed interest")


DECISIONS = {"shortlist": ResponseStatus.SHORTLISTED, "accept": ResponseStatus.ACCEPTED,
             "decline": ResponseStatus.DECLINED}
DECISION_ACTIONS = {"shortlist": "call.response_shortlisted", "accept": "call.response_accepted",
                    "decline": "call.response_declined"}


@transaction.atomic
def decide(actor, response: CallResponse, decision: str) -> CallResponse:
    """Shortlist, accept (the organisation becomes a member) or decline a response."""
    call = response.call
    partnership = call.partnership
    _require_manager(actor, partnership)
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose one of %(choices)s.")
                               % {"choices": ", ".join(DECISIONS)}})
    if response.status in (ResponseStatus.ACCEPTED, ResponseStatus.DECLINED):
        raise ValidationError(_("This response has already been decided."))
    if response.status == ResponseStatus.INVITED:
        raise ValidationError(_("The organisation has not responded yet."))
    if decision == "accept":
        add_member(actor, partnership, organisation=response.organisation)
    return save_audited(actor, response, {"status": DECISIONS[decision]},
                        fields=RESPONSE_FIELDS, partnership_id=partnership.pk,
                        action=DECISION_ACTIONS[decision],
                        summary=f"response of {response.organisation}: {decision}")
