"""Importing IATI 2.03 activity files: each activity becomes (or updates) a partnership.

What an activity becomes
------------------------
- the partnership: title and description in the activity's language (all languages are kept
  on IatiActivity and shown in the reader's language), recipient countries, regions (as the
  partnership's geography), dates (actual start, else planned start; actual end, else
  planned end), SDG goals and targets from `tag` (vocabulary 2 goals, 3 targets) and
  `sector` (7 goals, 8 targets, 9 indicators → their target and goal), formal, funded when
  it has money, short when it runs a year or less, multi-stakeholder when its members come
  from more than one sector, at the "cooperation" level (partners share resources);
- the lifecycle phase, from the activity status:

  ======================  ================================================================
  1 Pipeline              1. Exploration & consultation
  2 Implementation        3. Running
  3 Finalisation          4. Sustaining
  4 Closed                4. Sustaining, and the partnership is closed ("closed in IATI")
  5 Cancelled             closed ("cancelled in IATI"), in Running if it had actually
                          started, else in Exploration
  6 Suspended             3. Running; the suspension is written in the phase history and
                          shown with the IATI record
  ======================  ================================================================

- members: the reporting organisation and every participating organisation, matched or
  registered (see orgs.py). Member role: the reporting organisation and accountable
  organisations (role 2) lead; funding (1) and implementing (4) organisations are core
  partners; extending organisations (3), which channel another's funds, are associates.
  Membership.iati_role keeps the most significant IATI role (2, then 1, 4, 3); every role is
  kept on IatiActivity.participants for the export;
- budgets → finance.Budget; transactions → finance.ResourceFlow from provider to receiver;
  where a transaction names no provider (outgoing types) or no receiver (incoming types), it
  is the reporting organisation, as the IATI guidance says;
- results → monitoring.Result (type → level), indicators → monitoring.Indicator (baseline,
  measure, ascending; a reference in vocabulary 9 links the SDG indicator), each period's
  target → IndicatorTarget at the period's end, its actual → Measurement for the period.
  Values that are not numbers ("Yes", "IGC established") are kept as published on
  IatiActivity.periods and shown and exported as text.

Imported partnerships are private unless the import is told to make them public.

Re-importing
------------
The iati-identifier is the key. An activity whose last-updated-datetime is older than the
one imported is skipped. Otherwise it is updated in place with a three-way merge: a field
(or a membership's role, or a budget, flow, result, indicator, target or measurement row) is
updated only when its current value is still the one the last import wrote; what a user
changed by hand is kept and what users added (members, representatives, meetings, their own
KPIs, budgets and flows) is never touched. Rows that disappeared from the file are removed
only when nobody changed them. Audit events are by the importing user (or "system" from the
command line).

Batches and the content hash
----------------------------
The file is read BATCH activities at a time (memory stays flat: a batch's elements are
dropped when the next is read). Each activity's XML, with the import's options, is hashed
(IatiActivity.content_hash): an activity imported before from the same XML is counted as
unchanged and neither validated again, parsed nor written, so an unchanged re-import writes
nothing. The hashes are looked up while the file is checked, one query a batch (see
unchanged.py); a file whose activities are all unchanged is not read a second time. The
batch's new activities are written together in one transaction, one INSERT per table (see
batch.py), their organisations registered with one INSERT (orgs.py, `prepare`); if that
fails, they are written one by one, each in its own transaction, so that only the activity
at fault is skipped. Activities imported before are updated one by one, each in its own
transaction.
"""

import hashlib
import logging
from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from lxml import etree

from partnering.interop.iati import services
from partnering.interop.iati.batch import Rows
from partnering.interop.iati.data import ActivityData
from partnering.interop.iati.orgs import OrganisationMatcher
from partnering.interop.iati.parse import parse_activity
from partnering.interop.iati.report import Report, summary_lines
from partnering.interop.iati.unchanged import UnchangedLookup, stored_hashes
from partnering.interop.iati.writer import ActivityWriter
from partnering.interop.iati.xml import (
    SCHEMA_VERSION,
    FileCheck,
    IatiFileError,
    Source,
    activity_key,
    check_file,
    iter_activity_batches,
    source_label,
    source_size,
)
from partnering.interop.models import IatiActivity
from partnering.reference.models import SdgGoal, SdgIndicator, SdgTarget
from partnering.registry.bulk import few_collections

__all__ = ["IatiImporter", "Report", "reindex_organisations", "summary_lines"]

log = logging.getLogger(__name__)
BATCH = 500  # activities read, looked up and (the new ones) written together
# Part of every activity's content hash: a change to what an activity becomes changes it, so
# that the next import writes activities again even though their XML is the same.
IMPORT_VERSION = "1"


def reindex_organisations(ids) -> None:
    """Members are written without per-row signals (an organisation in hundreds of the
    file's activities would be re-indexed after each); partner discovery, when installed,
    re-indexes each organisation the file touched once, at the end."""
    if not ids or not apps.is_installed("partnering.discovery"):
        return
    from partnering.discovery.profiles import index_organisations

    index_organisations(sorted(ids))


class _Skip(Exception):
    """The activity is not imported; the message says why."""


class IatiImporter:
    """`organisation`: import only activities this organisation reports, into partnerships
    it is a member of (an organisation admin's import). `progress(fraction)` is called as
    the files are read."""

    def __init__(self, actor=None, *, strict: bool = False, public: bool = False,
                 organisation=None, progress: Callable[[float], None] | None = None):
        self.actor = actor if actor is not None and actor.is_authenticated else None
        self.strict = strict
        self.public = public
        self.organisation = organisation
        self.progress = progress or (lambda fraction: None)
        self.report = Report()
        self.checked: set = set()  # (field, value) of new partnerships that passed, a batch's

    def _load_reference(self) -> None:
        self.goals = dict(SdgGoal.objects.values_list("number", "pk"))
        self.targets = dict(SdgTarget.objects.values_list("code", "pk"))
        self.indicators = {code: (pk, target) for code, pk, target in
                           SdgIndicator.objects.values_list("code", "pk", "target__code")}
        self.indicator_targets = {code: target for code, (_, target) in self.indicators.items()}

    # -- the run -------------------------------------------------------------------------
    def check(self, paths: list[Source]) -> list[FileCheck]:
        """Read every file once before anything is written. Raises IatiFileError, naming
        the file, for a file that cannot be imported at all."""
        sizes = [source_size(p) for p in paths]
        total, done = sum(sizes), 0
        checks = []
        for path, size in zip(paths, sizes, strict=True):
            name = source_label(path)
            try:
                lookup = None if self.organisation is not None else UnchangedLookup(
                    self._digest)
                checked = check_file(path, unchanged=lookup, batch=BATCH,
                                     progress=lambda f, d=done, s=size: self.progress(
                                         0.1 * (d + f * s) / total))
            except IatiFileError as error:
                raise IatiFileError(f"{name}: {error}") from None
            checked.unchanged = lookup.settle() if lookup else set()
            if self.strict and checked.invalid:
                raise IatiFileError(_strict_refusal(name, checked))
            checks.append(checked)
            done += size
        return checks

    def run(self, paths: list[Source]) -> Report:
        with few_collections():
            return self._run(paths)

    def _run(self, paths: list[Source]) -> Report:
        checks = self.check(paths)  # nothing is read from the database before this
        self._load_reference()
        total = max(sum(c.activities for c in checks), 1)
        done = 0
        for checked in checks:
            self._file(checked, lambda n, d=done: self.progress(0.1 + 0.9 * (d + n) / total))
            done += checked.activities
        self.progress(1.0)
        return self.report

    def _file(self, checked: FileCheck, progress) -> None:
        self._begin_file(checked)
        if len(checked.unchanged) == checked.activities:  # nothing to read again
            self.report.unchanged += checked.activities
            progress(checked.activities)
            return
        self.matcher = OrganisationMatcher(self.actor, source=checked.name)
        for batch in iter_activity_batches(checked.path, BATCH):
            self._batch(checked, batch)
            progress(batch[-1][0])
        reindex_organisations(self.matcher.created | self.matcher.matched)
        self.report.organisations_created += len(self.matcher.created)
        self.report.organisations_matched += len(self.matcher.matched)
        self.report.organisations_guessed += self.matcher.guessed
        progress(checked.activities)

    def _batch(self, checked: FileCheck, batch: list) -> None:
        """Up to BATCH activities: those already imported from the same XML (and options)
        are counted as unchanged without a write; the others are parsed, then the existing
        ones updated one by one and the new ones written together."""
        self.checked = set()
        self.report.unchanged += sum(number in checked.unchanged for number, _ in batch)
        batch = [(number, element) for number, element in batch
                 if number not in checked.unchanged]
        keys = {number: activity_key(element) for number, element in batch
                if number not in checked.invalid}
        hashes = stored_hashes(list(keys.values()))
        parsed, seen = [], set()
        for number, element in batch:
            if number in checked.invalid:
                self._invalid(element, checked.invalid[number])
                continue
            digest = self._digest(element)
            key = keys[number]
            # An identifier met earlier in the batch is compared with what that one writes.
            if self.organisation is None and key not in seen and hashes.get(key) == digest:
                self.report.unchanged += 1
                continue
            seen.add(key)
            data = parse_activity(element, sdg_targets=set(self.targets),
                                  sdg_indicators=self.indicator_targets)
            data.content_hash = digest
            parsed.append(data)
        self._write_parsed(parsed, known=set(hashes))

    def _digest(self, element) -> str:
        options = f"{IMPORT_VERSION}|public={self.public}".encode()
        content = etree.tostring(element, encoding="utf-8", with_tail=False)
        return hashlib.blake2b(options + b"\n" + content, digest_size=20).hexdigest()

    def _write_parsed(self, parsed: list[ActivityData], known: set[str]) -> None:
        existing = {a.iati_identifier: a for a in IatiActivity.objects.select_related(
            "partnership").filter(iati_identifier__in=[d.identifier for d in parsed
                                                       if d.identifier in known])}
        new: dict[str, ActivityData] = {}
        seen: set[str] = set()
        for data in parsed:
            if data.identifier in seen:  # the same activity twice: the first goes in first
                self._write_new(list(new.values()))
                new, existing[data.identifier] = {}, False
            seen.add(data.identifier)
            try:
                found = self._existing(data, existing.get(data.identifier))
            except _Skip as skip:
                self._skip(data, f"activity skipped: {skip}")
                continue
            for line, message in data.problems:
                self.report.problem(self.file_name, line, message, data.identifier)
            if found is None:
                new[data.identifier] = data
            else:
                self._activity(data, found)
        self._write_new(list(new.values()))

    def _write_new(self, new: list[ActivityData]) -> None:
        """New activities in one transaction (services.import_batch); when that fails,
        one by one, so that each activity's problem is reported as it would be alone."""
        if not new:
            return
        report, rows = self.report, Rows()
        marks = (len(report.problems), len(report.notes))
        learnt = self.matcher.snapshot()
        try:
            outcomes = services.import_batch(
                [ActivityWriter(self, data, None) for data in new], rows,
                before=lambda: self.matcher.prepare(
                    [org for data in new for org in mentions(data)], rows))
        except Exception:  # noqa: BLE001 - each activity is written again alone, below
            self.matcher.restore(learnt)
            del report.problems[marks[0]:], report.notes[marks[1]:]
            for data in new:
                self._activity(data, None)
            return
        for outcome in outcomes:
            setattr(report, outcome, getattr(report, outcome) + 1)

    def _begin_file(self, checked: FileCheck) -> None:
        name = checked.name
        self.report.files.append({"name": name, "version": checked.version or "?",
                                  "activities": checked.activities,
                                  "schema_errors": len(checked.invalid)})
        if checked.version and checked.version != SCHEMA_VERSION:
            self.report.note(name, 1, f"the file declares IATI version {checked.version}; it "
                                      f"was read and validated as IATI {SCHEMA_VERSION}")
        self.file_name = name
        self.version = checked.version

    def _invalid(self, element, errors: list[tuple[int, str]]) -> None:
        identifier = " ".join((element.findtext("iati-identifier") or "").split())
        for line, message in errors:
            self.report.problem(self.file_name, line, f"breaks the IATI {SCHEMA_VERSION} "
                                                      f"schema: {message}; activity skipped",
                                identifier)
        self.report.skipped += 1

    def _activity(self, data: ActivityData, existing: IatiActivity | None) -> None:
        """One activity in its own transaction."""
        try:
            outcome = self._write(data, existing)
        except (ValidationError, DatabaseError, ValueError, ArithmeticError) as error:
            reason = "; ".join(getattr(error, "messages", None) or [str(error)])
            return self._skip(data, f"activity skipped: {reason}"[:1000])
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def _write(self, data: ActivityData, existing: IatiActivity | None) -> str:
        """The activity in its own transaction; the organisations the matcher learnt
        while writing it are forgotten when it fails."""
        self.matcher.begin()
        try:
            outcome = services.import_activity(ActivityWriter(self, data, existing).write,
                                               data.identifier)
        except BaseException:
            self.matcher.rollback()
            raise
        self.matcher.commit()
        return outcome

    def _skip(self, data: ActivityData, message: str) -> None:
        self.report.problem(self.file_name, data.line, message, data.identifier)
        self.report.skipped += 1

    def _existing(self, data: ActivityData, existing=False) -> IatiActivity | None:
        """The activity's IATI record if it was imported before (`existing`: as read with
        its batch, False to read it here); raises _Skip for an activity not imported."""
        if not data.identifier:
            raise _Skip("it has no iati-identifier")
        if data.reporting_org is None or data.reporting_org.is_empty:
            raise _Skip("it has no reporting-org")
        if existing is False:
            existing = (IatiActivity.objects.select_related("partnership")
                        .filter(iati_identifier=data.identifier).first())
        if (existing and existing.last_updated and data.last_updated
                and data.last_updated.replace(microsecond=0)
                < existing.last_updated.replace(microsecond=0)):
            raise _Skip(f"last updated {data.last_updated:%Y-%m-%d %H:%M}, before the version "
                        f"already imported ({existing.last_updated:%Y-%m-%d %H:%M})")
        if self.organisation is not None:
            reporter = self.matcher.find(data.reporting_org)
            if reporter != self.organisation.pk:
                raise _Skip(f"it is reported by {data.reporting_org.name or data.reporting_org.ref}"
                            f", not by {self.organisation}; you may import your own "
                            "organisation's activities")
            if existing and not existing.partnership.memberships.filter(
                    organisation=self.organisation).exists():
                raise _Skip(f"the partnership it updates does not include {self.organisation}")
        return existing


def mentions(data: ActivityData) -> list:
    """The organisations an activity names, in the order its writer resolves them."""
    orgs = [data.reporting_org, *(p.org for p in data.participants)]
    for flow in data.transactions:
        orgs.extend(org for org in (flow.provider, flow.receiver) if org)
    return orgs


def _strict_refusal(name: str, checked: FileCheck) -> str:
    errors = checked.schema_errors
    line, message = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    count = len(checked.invalid)
    return (f"{name}: {count} activit{'y breaks' if count == 1 else 'ies break'} the IATI "
            f"{SCHEMA_VERSION} schema, e.g. line {line}: {message}{more}; nothing imported "
            "(--strict)")
