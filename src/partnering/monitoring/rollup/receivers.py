"""Every service that writes records an audit event in its transaction (audit.services);
once the transaction commits, the summary of the event's partnership and the platform's
portfolio are recomputed by the job worker. An organisation's event (a new name or sector
shows in its partnerships' power balance) flags their summaries stale, and so does a
person's event (a representative, broker or action owner renamed) or that of an organisation
named on a partnership's page in another way (a broker's employer, an action's owner, a
deliverable's responsible partner, an IATI reporter, a funder): the page's sections kept per
summary state (rollup.read.section_from_summary) follow. Otherwise nothing is queried inside
the writing transaction, and a rolled-back write asks for nothing; a deletion alone flags
them inside its transaction, while the rows that named what is deleted are still there. The
events of a bulk write (an import) ask once for all of them: one job for their
partnerships' summaries, one update per kind for their organisations' and people's
(events_recorded)."""

from django.apps import apps
from django.db import connection, transaction

ORGANISATION = "registry.organisation"
PERSON = "registry.person"
# Where a partnership names an organisation or a person: (model, the organisation's or
# person's column, the path to the partnership's id).
NAMES_ORGANISATION = [
    ("partnerships.Membership", "organisation_id", "partnership_id"),
    ("partnerships.BrokerAssignment", "person__organisation_id", "partnership_id"),
    ("governance.Action", "owner_organisation_id", "partnership_id"),
    ("agreements.Deliverable", "responsible_organisation_id", "partnership_id"),
    ("interop.IatiActivity", "reporting_organisation_id", "partnership_id"),
    ("finance.ResourceFlow", "provider_id", "partnership_id"),
]
NAMES_PERSON = [
    ("partnerships.Representative", "person_id", "membership__partnership_id"),
    ("partnerships.BrokerAssignment", "person_id", "partnership_id"),
    ("governance.Action", "owner_person_id", "partnership_id"),
]
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
    _flag_stale(NAMES_ORGANISATION, organisation_id)


def person_changed(person_id: int | list[int]) -> None:
    _flag_stale(NAMES_PERSON, person_id)


def _flag_stale(ties: list[tuple], named_id: int | list[int]) -> None:
    """Flag stale the summaries of the partnerships that name these organisations or
    people anywhere in `ties`, a chunk of ids at a time: their partnerships in one query
    (a union), then one update."""
    from partnering.monitoring.rollup.models import PartnershipSummary

    ids = named_id if isinstance(named_id, list) else [named_id]
    for start in range(0, len(ids), CHUNK):
        chunk, naming = ids[start:start + CHUNK], []
        for label, column, partnership in ties:
            try:
                model = apps.get_model(label)
            except LookupError:  # pragma: no cover - an optional app left out
                continue
            naming.append(model.objects.filter(**{f"{column}__in": chunk})
                          .order_by().values_list(partnership, flat=True))
        partnerships = set(naming[0].union(*naming[1:]))
        if partnerships:
            PartnershipSummary.objects.filter(partnership__in=partnerships).update(stale=True)


def _named(event) -> bool:
    """An event of an organisation or a person outside any partnership, other than its
    creation (nothing names what did not exist: an import of new organisations asks
    nothing)."""
    return (not event.partnership_id and event.object_type in (ORGANISATION, PERSON)
            and str(event.object_id).isdigit() and not event.action.endswith(".created"))


def events_recorded(sender, events, **kwargs) -> None:
    """The events of a bulk write (audit.services.announce), once for all of them."""
    in_partnerships, named = set(), {ORGANISATION: set(), PERSON: set()}
    for event in events:  # one pass: an import's bulk holds thousands
        if event.partnership_id:
            in_partnerships.add(event.partnership_id)
        elif _named(event):
            named[event.object_type].add(int(event.object_id))
    partnerships = sorted(in_partnerships)
    if partnerships:
        _once_after_commit(("partnerships", tuple(partnerships)),
                           lambda: recompute(partnerships))
    for kind, changed in ((ORGANISATION, organisation_changed), (PERSON, person_changed)):
        ids = sorted(named[kind])
        if ids:
            _once_after_commit((kind, tuple(ids)), lambda ids=ids, changed=changed: changed(ids))


def event_recorded(sender, event, **kwargs) -> None:
    if event.partnership_id:
        pid = event.partnership_id
        _once_after_commit(("partnership", pid), lambda: recompute(pid))
    elif _named(event):
        named_id = int(event.object_id)
        changed = organisation_changed if event.object_type == ORGANISATION else person_changed
        if event.action.endswith(".deleted"):
            changed(named_id)  # now, while the ties to be cut still show where it was named
        else:
            _once_after_commit((event.object_type, named_id), lambda: changed(named_id))
