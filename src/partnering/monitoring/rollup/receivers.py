"""Every service that writes records an audit event in its transaction (audit.services);
once the transaction commits, the summary of the event's partnership and the platform's
portfolio are recomputed by the job worker. An organisation's event (a new name or sector
shows in its partnerships' power balance) flags their summaries stale. Nothing is queried
inside the writing transaction, and a rolled-back write asks for nothing. The events of a
bulk write (an import) ask once for all of them: one job for their partnerships' summaries,
one update for their organisations' (events_recorded)."""

from django.db import connection, transaction

ORGANISATION = "registry.organisation"
CHUNK = 500  # organisations per update


def _once_after_commit(key: tuple, callback) -> None:
    """transaction.on_commit(callback), unless the same key waits already in this
    transaction (a service writing many rows of one partnership)."""
    if connection.in_atomic_block and any(
            getattr(pending, "summary_key", None) == key
            for _ids, pending, _robust in connection.run_on_commit):
        return
    callback.summary_key = key
    transaction.on_commit(callback)


def recompute(partnership_id: int | list[int]) -> None:
    from partnering.jobs.queue import enqueue
    from partnering.monitoring.rollup import tasks
    from partnering.monitoring.rollup.platform import recompute_later

    if isinstance(partnership_id, list):
        enqueue(tasks.refresh_partnership_summaries, partnership_id)
    else:
        enqueue(tasks.refresh_partnership_summary, partnership_id)
    if recompute_later():
        enqueue(tasks.refresh_platform_portfolio)


def organisation_changed(organisation_id: int | list[int]) -> None:
    from partnering.monitoring.rollup.models import PartnershipSummary
    from partnering.partnerships.models import Membership

    ids = organisation_id if isinstance(organisation_id, list) else [organisation_id]
    for start in range(0, len(ids), CHUNK):
        PartnershipSummary.objects.filter(partnership__in=Membership.objects.filter(
            organisation_id__in=ids[start:start + CHUNK]).values("partnership_id")
        ).update(stale=True)


def events_recorded(sender, events, **kwargs) -> None:
    """The events of a bulk write (audit.services.announce), once for all of them."""
    partnerships = sorted({event.partnership_id for event in events if event.partnership_id})
    organisations = sorted({int(event.object_id) for event in events
                            if not event.partnership_id and event.object_type == ORGANISATION
                            and str(event.object_id).isdigit()})
    if partnerships:
        _once_after_commit(("partnerships", tuple(partnerships)),
                           lambda: recompute(partnerships))
    if organisations:
        _once_after_commit(("organisations", tuple(organisations)),
                           lambda: organisation_changed(organisations))


def event_recorded(sender, event, in_bulk: bool = False, **kwargs) -> None:
    if in_bulk:  # events_recorded follows, for all of the bulk's events
        return
    if event.partnership_id:
        pid = event.partnership_id
        _once_after_commit(("partnership", pid), lambda: recompute(pid))
    elif event.object_type == ORGANISATION and str(event.object_id).isdigit():
        oid = int(event.object_id)
        _once_after_commit(("organisation", oid), lambda: organisation_changed(oid))
