"""Sent once an audit event is written, inside the writing transaction: receivers that act
outside the database (notifications, indexing) use `transaction.on_commit`."""

from django.dispatch import Signal

# sender: AuditEvent; kwargs: event
event_recorded = Signal()
