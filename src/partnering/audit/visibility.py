"""What of the audit trail a visitor may read.

Members, brokers and admins of a partnership read its whole trail. A visitor (anyone else
who may see a public partnership, signed in or not) reads only the changes to what the
public pages show, field by field: never call responses and the broker's decisions on them,
stakeholder notes and stances, positions, comments, survey invitations or draft agreement
text. People are visible to signed-in users only, so an anonymous visitor reads no names:
not who made a change, and no change to a person field.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from partnering.audit.actions import kinds
from partnering.visitors import people_visible

# object type → the fields whose changes a visitor reads (the public pages show them).
PUBLIC_FIELDS = {
    "partnerships.partnership": {
        "title", "problem_statement", "scope", "countries", "geography", "sdg_goals",
        "sdg_targets", "phase", "status", "status_reason", "start_date", "end_date", "level",
        "formality", "funding", "duration", "stakeholder_mix", "visibility"},
    "partnerships.membership": {"organisation", "role", "joined", "iati_role"},
    "partnerships.checklistitem": {"phase", "status", "text"},
    "partnerships.meeting": {"date", "purpose", "location", "organisations"},
    "discovery.call": {"title", "needs", "deadline", "status"},
    "agreements.agreementversion": {"status", "title"},
    "agreements.deliverable": {"title", "due_date", "status", "delivered_on",
                               "responsible_organisation"},
    "governance.proposal": {"title", "status", "closes_at"},
    "governance.decision": {"outcome", "chosen_option"},
    "governance.action": {"title", "status", "due_date", "owner_organisation"},
    "monitoring.result": {"title", "level", "parent"},
    "monitoring.indicator": {"name", "unit", "result", "baseline_value", "baseline_date"},
    "monitoring.indicatortarget": {"date", "value"},
    "registry.organisation": None,  # the registry is public: every field
}
PERSON_FIELDS = {"person", "attendees", "owner_person", "proposed_by_person", "signatory_name",
                 "owner_name", "submitted_by", "reported_by", "created_by"}


@dataclass(frozen=True)
class VisibleEvent:
    created: object
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    summary: str
    changes: dict


def for_visitor(events, *, member: bool):
    """The events as this reader may see them (a queryset for members, filtered for
    visitors: use `visitor_types()` on the queryset first so pages count right)."""
    names = people_visible()
    shown = []
    for event in events:
        allowed = None if member else PUBLIC_FIELDS.get(event.object_type, set())
        if allowed is not None and not allowed and event.object_type not in PUBLIC_FIELDS:
            continue
        changes = {name: pair for name, pair in (event.changes or {}).items()
                   if (allowed is None or name in allowed)
                   and (names or name not in PERSON_FIELDS)}
        shown.append(VisibleEvent(
            event.created, event.actor_name if names else _("Someone"), event.action,
            event.object_type, event.object_id, event.object_repr,
            event.summary if member else "", changes))
    return shown


def visitor_types(events, *, member: bool):
    """Narrow an AuditEvent queryset to what a visitor may read (members: all of it)."""
    return events if member else events.filter(object_type__in=list(PUBLIC_FIELDS))


def readable_trail(events, *, member: bool, kind: str = ""):
    """(events, kinds): what of an AuditEvent queryset this reader may read, narrowed to
    one kind (a typed action, `agreement.signed`) when given; and the (action, label)
    kinds present in what they may read, for a filter."""
    events = visitor_types(events, member=member)
    present = kinds(events.order_by().values_list("action", flat=True).distinct())
    return (events.filter(action=kind) if kind else events), present


class VisitorEvents:
    """Events for a paginated API answer: counted in the database, each page shown to
    the reader through `for_visitor`."""

    def __init__(self, events, member: bool):
        self.events, self.member = events, member

    def __len__(self) -> int:
        return self.events.count()

    def __getitem__(self, item):
        return for_visitor(self.events[item], member=self.member)
