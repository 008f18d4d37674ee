"""Sent once an audit event is written, inside the writing transaction: receivers that act
outside the database (notifications, indexing) use `transaction.on_commit`."""

from django.dispatch import Signal

# sender: AuditEvent; kwargs: event
event_recorded = Signal()

# sender: AuditEvent; kwargs: events. Sent once for the events a bulk write recorded
# together (audit.services.announce), after event_recorded was sent for each of them with
# in_bulk=True: a receiver with work to do once per transaction (queue a job, update a
# summary) does it once for all of them, and skips the events that come with in_bulk.
events_recorded = Signal()
