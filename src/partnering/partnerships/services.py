"""Partnership actions: one function per user action, in a transaction with its audit record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnering.audit.services import record, save_audited
from partnering.guards import require, require_active
from partnering.partnerships import lifecycle
from partnering.partnerships.access import access_for
from partnering.partnerships.models import (
    BrokerAssignment,
    ChecklistItem,
    Meeting,
    Membership,
    Partnership,
    PhaseTransition,
    Representative,
)
from partnering.partnerships.vocabulary import ItemStatus, MemberRole, Status
from partnering.reference.models import SdgGoal, SdgTarget
from partnering.reference.sdg import parse_sdg_codes

PARTNERSHIP_FIELDS = [
    "title", "problem_statement", "scope", "countries", "geography", "sdg_goals",
    "sdg_targets", "formality", "funding", "duration", "stakeholder_mix", "level",
    "visibility", "start_date", "end_date",
]
MEMBERSHIP_FIELDS = ["organisation", "role", "iati_role", "joined"]
MEETING_FIELDS = ["date", "purpose", "location", "organisations", "attendees", "minutes",
                  "follow_ups", "speaking_turns"]


class OpenChecklistItems(ValidationError):
    """Moving on while items of the current phase are still open needs confirmation."""

    def __init__(self, items: list[str]):
        self.items = items
        super().__init__(
            ngettext("%(count)s checklist item of the current phase is still open. Tick it, "
                     "mark it not applicable, or confirm the move anyway.",
                     "%(count)s checklist items of the current phase are still open. Tick "
                     "them, mark them not applicable, or confirm the move anyway.",
                     len(items)) % {"count": len(items)},
            code="open_items",
        )


CLOSED = _("This partnership is closed; nothing more can change in it.")


def _require_manager(actor, partnership: Partnership) -> None:
    """Only brokers, the lead and admins change a running partnership."""
    require(access_for(actor, partnership).can_manage)
    require_active(partnership, CLOSED)


def _require_contributor(actor, partnership: Partnership) -> None:
    """Every member, broker and admin may add to a running partnership."""
    require(access_for(actor, partnership).can_contribute)
    require_active(partnership, CLOSED)


def _sdgs(codes) -> dict:
    goals, targets = parse_sdg_codes(codes)
    target_objects = list(SdgTarget.objects.filter(code__in=targets).select_related("goal"))
    # A target implies its goal: a partnership on 4.1 works on SDG 4.
    goal_numbers = set(goals) | {t.goal.number for t in target_objects}
    return {"sdg_goals": list(SdgGoal.objects.filter(number__in=goal_numbers)),
            "sdg_targets": target_objects}


def _prepare(data: dict) -> tuple[dict, dict]:
    data = dict(data)
    m2m = _sdgs(data.pop("sdg_codes")) if "sdg_codes" in data else {}
    if "countries" in data:
        data["countries"] = sorted({c.strip().upper() for c in data["countries"] or [] if c})
    return data, m2m


def seed_checklist(partnership: Partnership) -> None:
    ChecklistItem.objects.bulk_create(checklist_items(partnership))


def checklist_items(partnership: Partnership) -> list[ChecklistItem]:
    """A new partnership's checklist, unsaved (an import inserts many partnerships' at once)."""
    return [ChecklistItem(partnership=partnership, phase=phase.code,
                          text=lifecycle.english(text), position=position)
            for phase in partnership.lifecycle_path.phases
            for position, text in enumerate(phase.checklist)]


@transaction.atomic
def create_partnership(actor, *, lead_organisation, path: str = lifecycle.GENERIC.code,
                       **data) -> Partnership:
    """Create a partnership with its lead member. The creator, if registered with the lead
    organisation, becomes its representative."""
    require(actor.is_authenticated)
    person = getattr(actor, "person", None)
    own_org = person.organisation_id if person else None
    if not actor.is_superuser and lead_organisation.pk != own_org:
        raise ValidationError({"lead_organisation": _(
            "You can start a partnership for your own organisation; a platform admin can "
            "start one for any.")})
    if path not in lifecycle.PATHS:
        raise ValidationError({"path": _("Unknown lifecycle path.")})
    fields, m2m = _prepare(data)
    fields.update(path=path, phase=lifecycle.PATHS[path].phases[0].code, created_by=actor)
    # The creation belongs in the partnership's own history, so it carries its id.
    partnership = save_audited(actor, Partnership(), fields, fields=PARTNERSHIP_FIELDS, m2m=m2m,
                               partnership_id=lambda saved: saved.pk)
    membership = Membership.objects.create(partnership=partnership,
                                           organisation=lead_organisation,
                                           role=MemberRole.LEAD, joined=timezone.localdate())
    record(actor, "membership.added", membership, partnership_id=partnership.pk,
           changes={"organisation": [None, str(lead_organisation)],
                    "role": [None, MemberRole.LEAD]},
           summary=f"{lead_organisation} joined as lead partner")
    if person and person.organisation_id == lead_organisation.pk:
        rep = Representative.objects.create(membership=membership, person=person,
                                            has_mandate=True)
        record(actor, "representative.added", rep, partnership_id=partnership.pk,
               changes={"person": [None, str(person)], "has_mandate": [None, True]},
               summary=f"{person} represents {lead_organisation}, with a mandate to decide")
    seed_checklist(partnership)
    return partnership


@transaction.atomic(durable=True)
def update_partnership(actor, partnership: Partnership, **data) -> Partnership:
    _require_manager(actor, partnership)
    fields, m2m = _prepare(data)
    return save_audited(actor, partnership, fields, fields=PARTNERSHIP_FIELDS, m2m=m2m,
                        partnership_id=partnership.pk)


@transaction.atomic
def add_member(actor, partnership: Partnership, *, organisation, role=MemberRole.CORE,
               iati_role="", joined=None) -> Membership:
    _require_manager(actor, partnership)
    membership = Membership(partnership=partnership)
    data = {"organisation": organisation, "role": role, "iati_role": iati_role or "",
            "joined": joined or timezone.localdate()}
    return save_audited(actor, membership, data, fields=MEMBERSHIP_FIELDS,
                        partnership_id=partnership.pk, action="membership.added",
                        summary=f"{organisation} joined as {_role_label(role)}")


def _role_label(role: str) -> str:
    """The role in English: the audit trail is a record, kept in one language."""
    return lifecycle.english(dict(MemberRole.choices).get(role, role))


@transaction.atomic
def update_member(actor, membership: Membership, **data) -> Membership:
    partnership = membership.partnership
    _require_manager(actor, partnership)
    data.pop("organisation", None)
    if membership.role == MemberRole.LEAD and data.get("role", MemberRole.LEAD) != MemberRole.LEAD:
        _require_another_lead(membership)
    return save_audited(actor, membership, data, fields=MEMBERSHIP_FIELDS,
                        partnership_id=partnership.pk)


def _require_another_lead(membership: Membership) -> None:
    others = membership.partnership.memberships.filter(role=MemberRole.LEAD).exclude(
        pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("A partnership needs a lead partner; make another member "
                                "lead first."))


@transaction.atomic
def remove_member(actor, membership: Membership, *, reason: str = "") -> None:
    partnership = membership.partnership
    _require_manager(actor, partnership)
    if membership.role == MemberRole.LEAD:
        _require_another_lead(membership)
    record(actor, "membership.left", membership, partnership_id=partnership.pk,
           changes={"organisation": [str(membership.organisation), None],
                    "role": [membership.role, None],
                    **({"reason": [None, reason]} if reason else {})},
           summary=f"{membership.organisation} left the partnership"
           + (f": {reason}" if reason else ""))
    membership.delete()


@transaction.atomic
def add_representative(actor, membership: Membership, *, person,
                       has_mandate: bool = False) -> Representative:
    partnership = membership.partnership
    _require_manager(actor, partnership)
    if person.organisation_id != membership.organisation_id:
        raise ValidationError({"person": _("%(person)s is not registered with "
                                             "%(organisation)s.") % {
            "person": person, "organisation": membership.organisation}})
    rep = Representative(membership=membership)
    return save_audited(actor, rep, {"person": person, "has_mandate": has_mandate},
                        fields=["person", "has_mandate"], partnership_id=partnership.pk,
                        action="representative.added",
                        summary=f"{person} represents {membership.organisation}")


@transaction.atomic(durable=True)
def set_mandate(actor, representative: Representative, has_mandate: bool) -> Representative:
    partnership = representative.membership.partnership
    _require_manager(actor, partnership)
    return save_audited(actor, representative, {"has_mandate": has_mandate},
                        fields=["has_mandate"], partnership_id=partnership.pk)


@transaction.atomic(durable=True)
def remove_representative(actor, representative: Representative) -> None:
    partnership = representative.membership.partnership
    _require_manager(actor, partnership)
    record(actor, "delete", representative, partnership_id=partnership.pk,
           summary=f"{representative.person} no longer represents "
                   f"{representative.membership.organisation}")
    representative.delete()


@transaction.atomic
def add_broker(actor, partnership: Partnership, *, person, kind, note="") -> BrokerAssignment:
    _require_manager(actor, partnership)
    assignment = BrokerAssignment(partnership=partnership)
    return save_audited(actor, assignment, {"person": person, "kind": kind, "note": note},
                        fields=["person", "kind", "note"], partnership_id=partnership.pk,
                        action="broker.assigned", summary=f"{person} brokers the partnership")


@transaction.atomic(durable=True)
def remove_broker(actor, assignment: BrokerAssignment) -> None:
    partnership = assignment.partnership
    _require_manager(actor, partnership)
    terms = getattr(assignment, "terms", None)  # a broker assigned from the roster: ended
    if terms is not None and terms.ended_on is None:  # with its event, load and rating round
        from partnering.brokers.assignments.services import end
        return end(actor, terms)
    record(actor, "delete", assignment, partnership_id=partnership.pk,
           summary=f"{assignment.person} no longer brokers the partnership")
    assignment.delete()


@transaction.atomic
def update_checklist_item(actor, item: ChecklistItem, *, status: str,
                          note: str = "") -> ChecklistItem:
    _require_contributor(actor, item.partnership)
    if status not in ItemStatus.values:
        raise ValidationError({"status": _("Use open, done or not_applicable.")})
    return save_audited(actor, item, {"status": status, "note": note.strip(),
                                      "updated_by": actor, "updated": timezone.now()},
                        fields=["status", "note"], partnership_id=item.partnership_id)


@transaction.atomic
def add_checklist_item(actor, partnership: Partnership, *, phase: str,
                       text: str) -> ChecklistItem:
    _require_contributor(actor, partnership)
    try:
        partnership.lifecycle_path.phase(phase)
    except KeyError:
        raise ValidationError({"phase": _("That phase is not on this partnership's path.")}) \
            from None
    last = partnership.checklist.filter(phase=phase).aggregate(m=Max("position"))["m"]
    item = ChecklistItem(partnership=partnership, phase=phase, is_custom=True,
                         position=(last or 0) + 1)
    return save_audited(actor, item, {"text": text.strip()}, fields=["phase", "text"],
                        partnership_id=partnership.pk)


def open_items(partnership: Partnership, phase: str | None = None) -> list[str]:
    return list(partnership.checklist.filter(
        phase=phase or partnership.phase, status=ItemStatus.OPEN,
    ).values_list("text", flat=True))


@transaction.atomic
def move_to_phase(actor, partnership: Partnership, *, to_phase: str, reason: str,
                  confirm_open_items: bool = False) -> PhaseTransition:
    """Move to another phase of the path (forward, or back to re-build)."""
    _require_manager(actor, partnership)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the partnership moves to this phase.")})
    try:
        partnership.lifecycle_path.phase(to_phase)
    except KeyError:
        raise ValidationError({"to_phase": _("That phase is not on this partnership's path.")}) \
            from None
    if to_phase == partnership.phase:
        raise ValidationError({"to_phase": _("The partnership is already in that phase.")})
    still_open = open_items(partnership)
    if still_open and not confirm_open_items:
        raise OpenChecklistItems(still_open)
    return _transition(actor, partnership, reason=reason, open_list=still_open,
                       to_phase=to_phase, to_status=Status.ACTIVE,
                       action="partnership.phase_moved")


@transaction.atomic
def close_partnership(actor, partnership: Partnership, *, outcome: str,
                      reason: str) -> PhaseTransition:
    """Close the partnership, or record that it has moved on (a new container, handed over)."""
    _require_manager(actor, partnership)
    if outcome not in (Status.CLOSED, Status.MOVED_ON):
        raise ValidationError({"outcome": _("Choose closed or moved_on.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the partnership closes or moves on.")})
    return _transition(actor, partnership, reason=reason, open_list=open_items(partnership),
                       to_phase=partnership.phase, to_status=outcome,
                       action="partnership.closed")


@transaction.atomic(durable=True)
def reopen_partnership(actor, partnership: Partnership, *, reason: str) -> PhaseTransition:
    require(access_for(actor, partnership).can_manage)
    if partnership.is_active:
        raise ValidationError(_("The partnership is already active."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the partnership reopens.")})
    return _transition(actor, partnership, reason=reason, open_list=[],
                       to_phase=partnership.phase, to_status=Status.ACTIVE,
                       action="partnership.reopened")


def _transition(actor, partnership, *, reason, open_list, to_phase, to_status, action):
    transition = PhaseTransition.objects.create(
        partnership=partnership, from_phase=partnership.phase, to_phase=to_phase,
        from_status=partnership.status, to_status=to_status, actor=actor,
        actor_name=actor.get_full_name() or actor.get_username(), reason=reason,
        open_items=open_list,
    )
    save_audited(actor, partnership, {
        "phase": to_phase, "status": to_status,
        "status_reason": reason if to_status != Status.ACTIVE else "",
        "status_changed": timezone.now() if to_status != partnership.status
        else partnership.status_changed,
    }, fields=["phase", "status", "status_reason"], partnership_id=partnership.pk,
        summary=reason, action=action)
    return transition


@transaction.atomic
def record_meeting(actor, partnership: Partnership, **data) -> Meeting:
    _require_contributor(actor, partnership)
    return _save_meeting(actor, Meeting(partnership=partnership, created_by=actor), data)


@transaction.atomic
def update_meeting(actor, meeting: Meeting, **data) -> Meeting:
    _require_contributor(actor, meeting.partnership)
    return _save_meeting(actor, meeting, data)


@transaction.atomic(durable=True)
def delete_meeting(actor, meeting: Meeting) -> None:
    _require_manager(actor, meeting.partnership)
    record(actor, "delete", meeting, partnership_id=meeting.partnership_id,
           summary=f"Meeting record “{meeting}” deleted")
    meeting.delete()


def _speaking_turns(meeting: Meeting, turns, m2m: dict) -> dict:
    """{organisation id: turns} with text keys, as JSON keeps them; only attending
    organisations can have spoken."""
    if not isinstance(turns, dict):
        raise ValidationError({"speaking_turns": _("Give speaking turns as {organisation id: "
                                                   "number of turns}.")})
    if not all(str(key).isdigit() for key in turns):
        raise ValidationError({"speaking_turns": _("Speaking turns are keyed by organisation "
                                                   "id.")})
    turns = {str(int(key)): count for key, count in turns.items()}
    if "organisations" in m2m:
        attending = {str(org.pk) for org in m2m["organisations"]}
    elif meeting.pk:
        attending = {str(pk) for pk in meeting.organisations.values_list("pk", flat=True)}
    else:
        attending = set()
    absent = sorted(set(turns) - attending, key=int)
    if absent:
        raise ValidationError({"speaking_turns": _(
            "Only attending organisations can have speaking turns; tick them as attending "
            "first (organisation id %(ids)s).") % {"ids": ", ".join(absent)}})
    return turns


def _save_meeting(actor, meeting: Meeting, data: dict) -> Meeting:
    data = dict(data)
    m2m = {name: list(data.pop(name)) for name in ("organisations", "attendees") if name in data}
    if "speaking_turns" in data or ("organisations" in m2m and meeting.speaking_turns):
        data["speaking_turns"] = _speaking_turns(
            meeting, data.get("speaking_turns", meeting.speaking_turns), m2m)
    # Organisations that are not members may attend (consultations, guests).
    return save_audited(actor, meeting, data, fields=MEETING_FIELDS, m2m=m2m,
                        partnership_id=meeting.partnership_id)
