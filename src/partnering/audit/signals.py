"""Sent once an audit event is written, inside the writing transaction: receivers that act
outside the database (notifications, indexing) use `transaction.on_commit`."""

from django.dispatch import Signal

# sender: AuditEvent; kwargs: event. Sent for an event written alone (audit.services.record).
event_recorded = Signal()

# sender: AuditEvent; kwargs: events. Sent once for the events a bulk write (an import)
# recorded together (audit.services.announce), instead of event_recorded for each: a
# receiver of event_recorded receives this one too, and follows each of the events, or
# does its work once for all of them (queue one job, update a summary once). An event of a
# bulk write may be a registry.bulk.NewRow of AuditEvent: its values read as attributes.
events_recorded = Signal()
