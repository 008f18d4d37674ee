"""The IATI import's writes, each with its audit event by the importing user ("system" from
the command line).

`import_activity` is the unit of work for an activity that is already there: in its own
transaction. New activities are written a batch at a time (`import_batch`, one transaction,
one INSERT per table per step, see batch.py). The other functions are the writes they
make. A new partnership gets its checklist from the partnerships app (`checklist_items`, as
a partnership started by hand) and its first phase transition, with the import as its reason.
"""

import logging
from datetime import date
from functools import cache
from threading import local

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from partnering.audit.services import record
from partnering.interop.iati.batch import Rows
from partnering.partnerships.models import Membership, Partnership, PhaseTransition
from partnering.partnerships.services import checklist_items
from partnering.partnerships.vocabulary import MemberRole, Status
from partnering.reference.codelists import codes
from partnering.registry.bulk import NewRow

log = logging.getLogger(__name__)
# The fields of a new partnership whose checks may be taken once per batch (`_full_clean`).
_CLEANED = ["title", "problem_statement", "scope", "countries", "geography", "formality",
            "funding", "duration", "stakeholder_mix", "level", "visibility", "path", "phase",
            "status", "status_reason", "start_date", "end_date", "language"]

UPDATED_FIELDS = ["title", "problem_statement", "scope", "countries", "geography",
                  "start_date", "end_date", "formality", "funding", "duration",
                  "stakeholder_mix", "level", "visibility", "phase", "status", "status_reason",
                  "status_changed", "updated"]


def import_activity(write, identifier: str) -> str:
    """Run `write()` (an ActivityWriter's) in its own transaction and return its outcome.
    An on-commit hook of another app that fails after the commit does not undo the import:
    it is logged."""
    return _committed(write, f"IATI activity {identifier}")


def import_batch(writers: list, rows: Rows, before=None) -> list[str]:
    """Write new activities together, in one transaction: each takes a step of its writer
    (ActivityWriter.steps), then the rows of that step are inserted for all of them at once
    (see batch.py). Returns their outcomes; any error rolls the whole batch back (the caller
    then writes them one by one). `before()` runs first, in the transaction."""
    def write() -> list[str]:
        if before is not None:
            before()
        steps = [writer.steps(rows) for writer in writers]
        outcomes: list[str | None] = [None] * len(steps)
        running = list(range(len(steps)))
        while running:
            for number in list(running):
                try:
                    next(steps[number])
                except StopIteration as done:
                    outcomes[number] = done.value
                    running.remove(number)
            rows.flush()
        rows.finish()
        return outcomes

    return _committed(write, f"a batch of {len(writers)} IATI activities")


def _committed(write, what: str):
    outcome, committed = None, []
    try:
        with transaction.atomic():
            # First in line: other apps' on-commit hooks may fail after the commit.
            transaction.on_commit(lambda: committed.append(True))
            outcome = write()
    except BaseException:
        if not committed:
            raise
        log.exception("an on-commit hook failed after %s was imported", what)
    return outcome


def actor_name(actor) -> str:
    if actor is None:
        return "IATI import"
    return actor.get_full_name() or actor.get_username()


def _status_fields(status: str, reason: str) -> dict:
    return {"status": status, "status_reason": reason if status != Status.ACTIVE else ""}


def new_partnership(actor, fields: dict, *, phase: str, status: str, reason: str,
                    checked: set | None = None) -> NewRow:
    """A partnership for a new activity, validated, as plain values (a NewRow, inserted by
    Rows). `checked`: the (field, value) pairs that passed earlier in the batch (see
    `_full_clean`)."""
    values = {**fields, "path": "generic", "phase": phase, **_status_fields(status, reason),
              "status_changed": timezone.now() if status != Status.ACTIVE else None,
              "created_by_id": actor.pk if actor is not None else None}
    _full_clean(values, checked)
    return NewRow(Partnership, **values)


CHECKED_TEXT = 300  # longer values (a description) are not kept in `checked`: memory stays flat
_validators = local()  # a Partnership per thread, whose checks the values go through


def _full_clean(values: dict, checked: set | None) -> None:
    """Partnership.full_clean() of a partnership with these values (but created_by: the
    importing user, known to exist, not looked up again), where a field whose value passed
    the field's own checks earlier in the batch is not checked again: most of a batch's
    partnerships share their formality, funding, level, dates, countries… The partnership's
    own rules (clean()) run for each. The checks run on one Partnership instance per
    thread, given these values (and the defaults of the others); the values as cleaned are
    those written."""
    plain = {}
    for name in _CLEANED:
        value = values.get(name)
        if isinstance(value, list):
            value = tuple(value)
        if isinstance(value, str | int | tuple | date | None) and len(str(value)) <= CHECKED_TEXT:
            plain[name] = value
    known = [] if checked is None else [n for n, v in plain.items() if (n, v) in checked]
    partnership = _validator()
    for attname, default in _defaults():
        setattr(partnership, attname, values.get(attname, default))
    partnership.full_clean(exclude=["created_by", *known])
    for name in _CLEANED:
        if name in values and name not in known:
            values[name] = getattr(partnership, name)
    if checked is not None:
        checked.update(plain.items())


@cache
def _defaults() -> tuple:
    """(attname, value) of each field of Partnership(), where the values have none."""
    return tuple((f.attname, f.get_default()) for f in Partnership._meta.concrete_fields)


def _validator() -> Partnership:
    partnership = getattr(_validators, "partnership", None)
    if partnership is None:
        partnership = _validators.partnership = Partnership()
    return partnership


@cache
def _checklist(path: str) -> list:
    """The checklist of every new partnership on `path` (partnerships.services'), kept
    while the process runs: the items differ only in their partnership."""
    return checklist_items(Partnership(path=path))


def partnership_created(rows: Rows, actor, partnership: NewRow, *, phase: str,
                        status: str, reason: str, goal_ids: list[int],
                        target_ids: list[int], summary: str) -> None:
    """What comes with a new partnership, once it has its id: its SDGs, its checklist (as a
    partnership started by hand), its first transition and its audit event."""
    goals = Partnership.sdg_goals.through
    targets = Partnership.sdg_targets.through
    rows.add([NewRow(goals, partnership_id=partnership.pk, sdggoal_id=pk) for pk in goal_ids])
    rows.add([NewRow(targets, partnership_id=partnership.pk, sdgtarget_id=pk)
              for pk in target_ids])
    rows.add_copies(_checklist(partnership.path), "partnership", partnership)
    rows.add([NewRow(
        PhaseTransition, partnership_id=partnership.pk, from_phase="", to_phase=phase,
        from_status=Status.ACTIVE, to_status=status, actor_id=actor.pk if actor else None,
        actor_name=actor_name(actor), reason=reason)])
    rows.record(actor, "create", partnership, partnership_id=partnership.pk, summary=summary,
                text=partnership.title)  # str(Partnership)


def set_sdgs(partnership: Partnership, goal_ids: list[int], target_ids: list[int]) -> None:
    partnership.sdg_goals.set(goal_ids)
    partnership.sdg_targets.set(target_ids)


def _moment(from_status: str, to_status: str) -> str:
    """The named audit action of a phase or status change."""
    if from_status == Status.ACTIVE and to_status != Status.ACTIVE:
        return "partnership.closed"
    if from_status != Status.ACTIVE and to_status == Status.ACTIVE:
        return "partnership.reopened"
    return "partnership.phase_moved"


def move_phase(actor, partnership: Partnership, *, phase: str, status: str,
               reason: str) -> None:
    """The phase and status the activity now has: the transition is written and audited,
    the partnership's fields set (saved with `update_partnership`)."""
    PhaseTransition.objects.create(
        partnership=partnership, from_phase=partnership.phase, to_phase=phase,
        from_status=partnership.status, to_status=status, actor=actor,
        actor_name=actor_name(actor), reason=reason)
    record(actor, _moment(partnership.status, status), partnership,
           partnership_id=partnership.pk, summary=reason,
           changes={"phase": [partnership.phase, phase],
                    "status": [partnership.status, status]})
    if partnership.status != status:
        partnership.status_changed = timezone.now()
    partnership.phase = phase
    for name, value in _status_fields(status, reason).items():
        setattr(partnership, name, value)


def update_partnership(actor, partnership: Partnership, changes: dict, *,
                       summary: str) -> None:
    """Save the fields the import changed on `partnership` (set on it already); `changes`
    are those other than its phase and status (audited by `move_phase`)."""
    partnership.full_clean()
    partnership.updated = timezone.now()
    Partnership.objects.filter(pk=partnership.pk).update(**{
        name: getattr(partnership, name) for name in UPDATED_FIELDS})
    if changes:
        record(actor, "update", partnership, changes=changes, partnership_id=partnership.pk,
               summary=summary)


def _role_text(membership: Membership | NewRow) -> str:
    return _role_of(membership.role, membership.iati_role, get_language())


@cache
def _role_of(role: str, iati_role: str, language: str | None) -> str:
    """The role as the event says it, in `language` (the active one)."""
    text = dict(MemberRole.choices)[role]
    if not iati_role:
        return text
    return f"{text} (IATI role: {codes('OrganisationRole')[iati_role].name})"


def add_members(rows: Rows, actor, partnership: Partnership | NewRow, new: list[NewRow], *,
                organisations: dict, names) -> None:
    """Queue the activity's new members (NewRows of Membership); `names(pk)` says who
    joined (in each one's audit event, made once they are inserted)."""
    def joined() -> None:
        for membership in new:
            organisation = organisations[membership.organisation_id]
            rows.record(actor, "create", membership, partnership_id=partnership.pk,
                        text=f"{organisation} in {partnership.title}",  # str(membership)
                        summary=f"{names(membership.organisation_id)} joined as "
                                f"{_role_text(membership)}")

    rows.add(new, then=joined)


def change_member_role(actor, membership: Membership, *, role: str, iati_role: str,
                       name: str) -> None:
    changes = {"role": [membership.role, role], "iati_role": [membership.iati_role, iati_role]}
    membership.role, membership.iati_role = role, iati_role
    Membership.objects.filter(pk=membership.pk).update(role=role, iati_role=iati_role)
    record(actor, "update", membership, partnership_id=membership.partnership_id,
           changes=changes, summary=f"{name}'s role updated from IATI")


def remove_member(actor, membership: Membership, *, name: str) -> None:
    record(actor, "delete", membership, partnership_id=membership.partnership_id,
           summary=f"{name} is no longer in the IATI activity")
    membership.delete()


def record_rows(rows: Rows, actor, iati, *, created: bool, summary: str) -> None:
    """The audit event of the budgets, flows and results an import wrote."""
    rows.record(actor, "create" if created else "update", iati,
                partnership_id=iati.partnership_id, summary=summary[:500],
                text=iati.iati_identifier)  # str(IatiActivity), of an instance or a NewRow
