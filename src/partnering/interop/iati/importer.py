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
  registered (see iati_orgs). Member role: the reporting organisation and accountable
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
only when nobody changed them. Each activity is written in its own transaction, with audit
events by the importing user (or "system" from the command line).
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from partnering.audit.services import _plain, record
from partnering.finance.models import Budget, ResourceFlow
from partnering.interop.iati.orgs import OrganisationMatcher
from partnering.interop.iati.parse import (
    INCOMING,
    OUTGOING,
    ActivityData,
    IndicatorData,
    TransactionData,
    canonical_value,
    parse_activity,
    parse_number,
)
from partnering.interop.iati.xml import (
    SCHEMA_VERSION,
    FileCheck,
    IatiFileError,
    Source,
    check_file,
    iter_activities,
    source_label,
    source_size,
)
from partnering.interop.models import IatiActivity
from partnering.monitoring.models import Indicator, IndicatorTarget, Measurement, Result
from partnering.monitoring.summaries import refresh_indicators
from partnering.partnerships.models import (
    ChecklistItem,
    Membership,
    Partnership,
    PhaseTransition,
)
from partnering.partnerships.vocabulary import MemberRole, Status, Visibility
from partnering.reference.codelists import codes
from partnering.reference.models import SdgGoal, SdgIndicator, SdgTarget
from partnering.registry.models import Organisation

log = logging.getLogger(__name__)
PHASE_OF_STATUS = {"1": "exploration", "2": "running", "3": "sustaining", "4": "sustaining",
                   "6": "running"}
MEMBER_ROLE_OF_IATI = {"2": MemberRole.LEAD, "1": MemberRole.CORE, "4": MemberRole.CORE,
                       "3": MemberRole.ASSOCIATE}
IATI_ROLE_ORDER = ["2", "1", "4", "3"]
MEMBER_ROLE_ORDER = [MemberRole.LEAD, MemberRole.CORE, MemberRole.ASSOCIATE,
                     MemberRole.OBSERVER]
TRACKED = ["title", "problem_statement", "scope", "countries", "geography", "start_date",
           "end_date", "formality", "funding", "duration", "stakeholder_mix", "level",
           "visibility"]
HASHED = {"problem_statement", "scope"}
UPDATED_FIELDS = TRACKED + ["phase", "status", "status_reason", "status_changed", "updated"]
MAX_STORED_PROBLEMS = 1000
CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")


def status_name(code: str) -> str:
    item = codes("ActivityStatus").get(code)
    return item.name if item else "unknown"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _fingerprint(values: dict) -> str:
    text = json.dumps({k: _plain(v) for k, v in values.items()}, sort_keys=True, default=str)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def _tracked(name: str, value):
    """What the import remembers of a partnership field: long texts only as a fingerprint."""
    if name in HASHED:
        return "sha1:" + hashlib.sha1((value or "").encode(), usedforsecurity=False).hexdigest()
    return _plain(value)


def _measure_value(raw: str | None) -> Decimal | None:
    value = parse_number(raw)
    if value is None or abs(value) >= Decimal("1e16"):
        return None
    return value.quantize(TEN_THOUSANDTH)


@dataclass
class Report:
    files: list[dict] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    organisations_created: int = 0
    organisations_matched: int = 0
    organisations_guessed: int = 0
    problems: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)

    def problem(self, file: str, line: int, message: str, activity: str = "") -> None:
        self.problems.append({"file": file, "line": line, "activity": activity,
                              "message": message})

    def note(self, file: str, line: int, message: str, activity: str = "") -> None:
        self.notes.append({"file": file, "line": line, "activity": activity,
                           "message": message})

    def as_dict(self, limit: int | None = MAX_STORED_PROBLEMS) -> dict:
        problems = self.problems if limit is None else self.problems[:limit]
        notes = self.notes if limit is None else self.notes[:limit]
        return {
            "files": self.files,
            "activities": {"created": self.created, "updated": self.updated,
                           "unchanged": self.unchanged, "skipped": self.skipped},
            "organisations": {"created": self.organisations_created,
                              "matched": self.organisations_matched,
                              "sector_guessed": self.organisations_guessed},
            "problem_count": len(self.problems),
            "problems": problems,
            "note_count": len(self.notes),
            "notes": notes,
        }


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
                checked = check_file(path, progress=lambda f, d=done, s=size: self.progress(
                    0.1 * (d + f * s) / total))
            except IatiFileError as error:
                raise IatiFileError(f"{name}: {error}") from None
            if self.strict and checked.invalid:
                errors = checked.schema_errors
                line, message = errors[0]
                more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                raise IatiFileError(f"{name}: {len(checked.invalid)} activit"
                                    f"{'y breaks' if len(checked.invalid) == 1 else 'ies break'}"
                                    f" the IATI {SCHEMA_VERSION} schema, e.g. line {line}: "
                                    f"{message}{more}; nothing imported (--strict)")
            checks.append(checked)
            done += size
        return checks

    def run(self, paths: list[Source]) -> Report:
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
        name = checked.name
        self.report.files.append({"name": name, "version": checked.version or "?",
                                  "activities": checked.activities,
                                  "schema_errors": len(checked.invalid)})
        if checked.version and checked.version != SCHEMA_VERSION:
            self.report.note(name, 1, f"the file declares IATI version {checked.version}; it "
                                      f"was read and validated as IATI {SCHEMA_VERSION}")
        self.matcher = OrganisationMatcher(self.actor, source=name)
        self.file_name = name
        self.version = checked.version
        step = max(checked.activities // 200, 1)
        for number, element in iter_activities(checked.path):
            if number in checked.invalid:
                identifier = " ".join((element.findtext("iati-identifier") or "").split())
                for line, message in checked.invalid[number]:
                    self.report.problem(name, line, f"breaks the IATI {SCHEMA_VERSION} schema: "
                                                    f"{message}; activity skipped", identifier)
                self.report.skipped += 1
            else:
                self._activity(element)
            if number % step == 0:
                progress(number)
        reindex_organisations(self.matcher.created | self.matcher.matched)
        self.report.organisations_created += len(self.matcher.created)
        self.report.organisations_matched += len(self.matcher.matched)
        self.report.organisations_guessed += self.matcher.guessed
        progress(checked.activities)

    def _activity(self, element) -> None:
        data = parse_activity(element, sdg_targets=set(self.targets),
                              sdg_indicators=self.indicator_targets)
        name = self.file_name
        try:
            existing = self._existing(data)
            for line, message in data.problems:
                self.report.problem(name, line, message, data.identifier)
            self.matcher.begin()
            committed = []
            try:
                with transaction.atomic():
                    # First in line: other apps' on-commit hooks may fail after the commit.
                    transaction.on_commit(lambda: committed.append(True))
                    outcome = _ActivityWriter(self, data, existing).write()
            except BaseException:
                if not committed:
                    self.matcher.rollback()
                    raise
                log.exception("an on-commit hook failed after IATI activity %s was imported",
                              data.identifier)
            self.matcher.commit()
        except _Skip as skip:
            self.report.problem(name, data.line, f"activity skipped: {skip}", data.identifier)
            self.report.skipped += 1
            return
        except (ValidationError, DatabaseError, ValueError, ArithmeticError) as error:
            reason = "; ".join(getattr(error, "messages", None) or [str(error)])
            self.report.problem(name, data.line, f"activity skipped: {reason}"[:1000],
                                data.identifier)
            self.report.skipped += 1
            return
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def _existing(self, data: ActivityData) -> IatiActivity | None:
        if not data.identifier:
            raise _Skip("it has no iati-identifier")
        if data.reporting_org is None or data.reporting_org.is_empty:
            raise _Skip("it has no reporting-org")
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


class _ActivityWriter:
    """Writes one activity; called inside its transaction."""

    def __init__(self, importer: IatiImporter, data: ActivityData,
                 existing: IatiActivity | None):
        self.importer = importer
        self.data = data
        self.existing = existing
        self.matcher = importer.matcher
        self.actor = importer.actor
        self.base = existing.imported if existing else {}
        self.kept: list[str] = []
        self.row_changes: dict[str, list[int]] = {}
        self.saved: dict[str, dict] = {label: {} for label in self._fields}
        self.changed = False

    def note(self, message: str) -> None:
        self.importer.report.note(self.importer.file_name, self.data.line, message,
                                  self.data.identifier)

    # -- the whole activity ---------------------------------------------------------------
    def write(self) -> str:
        data = self.data
        self.reporter = self.matcher.resolve(data.reporting_org)
        self.participants = []
        for participant in data.participants:
            pk = self.matcher.resolve(participant.org)
            self.participants.append({"organisation": pk, "role": participant.role,
                                      "type": participant.org.type, "ref": participant.org.ref,
                                      "name": participant.org.name})
        members = self._wanted_members()
        values = self._partnership_values(members)
        if self.existing is None:
            partnership = self._create_partnership(values)
            iati = IatiActivity(partnership=partnership, iati_identifier=data.identifier)
            outcome = "created"
        else:
            iati = self.existing
            partnership = iati.partnership
            self._update_partnership(partnership, values)
            outcome = "updated"
        self.partnership = partnership
        reporting = data.reporting_org
        imported = {"partnership": values["tracked"], "phase": values["phase"],
                    "status": values["status"],
                    "reporting_org": {"type": reporting.type, "name": reporting.name}}
        imported["members"] = self._sync_members(members)
        rows = dict(self.base.get("rows", {}))
        rows.update(self._sync_money(rows))
        rows.update(self._sync_results(rows))
        imported["rows"] = rows
        self._save_iati(iati, imported)
        if self.kept:
            self.note("kept what was changed by hand: " + ", ".join(sorted(set(self.kept))))
        if self.row_changes:
            summary = "; ".join(f"{what}: {c} created, {u} updated, {d} removed"
                                for what, (c, u, d) in sorted(self.row_changes.items()))
            record(self.actor, "update" if self.existing else "create", iati,
                   partnership_id=partnership.pk,
                   summary=f"IATI import from {self.importer.file_name}: {summary}"[:500])
        if outcome == "updated" and not self.changed:
            return "unchanged"
        return outcome

    # -- partnership --------------------------------------------------------------------
    def _text(self, texts: dict) -> str:
        language = self.data.language
        return texts.get(language) or next(iter(texts.values()), "")

    def _partnership_values(self, members: dict) -> dict:
        data = self.data
        descriptions = data.descriptions
        general = descriptions.get("1") or next(iter(descriptions.values()), {})
        title = self._text(data.titles) or data.identifier
        problem = self._text(general) or title
        start = data.dates.get("2") or data.dates.get("1")
        end = data.dates.get("4") or data.dates.get("3")
        if start and end and end < start:
            self.importer.report.problem(self.importer.file_name, data.line,
                                         f"the activity ends ({end}) before it starts ({start});"
                                         " the end date is not imported", data.identifier)
            end = None
        money = any(b.value for b in data.budgets) or any(t.value for t in data.transactions)
        sectors = {self.matcher.sector_of(pk) for pk in members}
        base_visibility = self.base.get("partnership", {}).get("visibility")
        visibility = Visibility.PUBLIC if self.importer.public else (
            base_visibility or Visibility.PRIVATE)
        tracked = {
            "title": _shorten(title, 200),
            "problem_statement": _shorten(problem, 20_000),
            "scope": _shorten(self._text(descriptions.get("2", {})), 20_000),
            "countries": sorted(data.countries),
            "geography": _shorten("; ".join(r["name"] or r["code"] for r in data.regions), 300),
            "start_date": start, "end_date": end,
            "formality": "formal", "funding": "funded" if money else "unfunded",
            "duration": "short" if start and end and (end - start).days <= 366 else "long",
            "stakeholder_mix": "multi" if len(sectors) > 1 else "single",
            "level": "cooperation",
            "visibility": visibility,
        }
        phase, status, reason = self._phase(start)
        return {"tracked": {k: _tracked(k, v) for k, v in tracked.items()}, "objects": tracked,
                "phase": phase, "status": status, "reason": reason,
                "sdg_goals": sorted(data.sdg_goals), "sdg_targets": sorted(data.sdg_targets)}

    def _phase(self, start: date | None) -> tuple[str, str, str]:
        code = self.data.status
        name = status_name(code)
        if code == "4":
            return "sustaining", Status.CLOSED, "Closed in IATI (activity status 4, Closed)."
        if code == "5":
            started = bool(self.data.dates.get("2"))
            return ("running" if started else "exploration", Status.CLOSED,
                    "Cancelled in IATI (activity status 5, Cancelled).")
        if code in PHASE_OF_STATUS:
            reason = f"Imported from IATI: activity status {code}, {name}."
            if code == "6":
                reason = ("Suspended in IATI (activity status 6, Suspended): the work is "
                          "on hold.")
            return PHASE_OF_STATUS[code], Status.ACTIVE, reason
        today = timezone.localdate()
        return ("running" if start and start <= today else "exploration", Status.ACTIVE,
                "Imported from IATI without a known activity status; phase set from the dates.")

    def _actor_name(self) -> str:
        if self.actor is None:
            return "IATI import"
        return self.actor.get_full_name() or self.actor.get_username()

    def _create_partnership(self, values: dict) -> Partnership:
        now = timezone.now()
        partnership = Partnership(**values["objects"], path="generic", phase=values["phase"],
                                  status=values["status"],
                                  status_reason=values["reason"]
                                  if values["status"] != Status.ACTIVE else "",
                                  status_changed=now if values["status"] != Status.ACTIVE
                                  else None, created_by=self.actor)
        partnership.full_clean()
        partnership.save()
        self._set_sdgs(partnership, values)
        record(self.actor, "create", partnership, partnership_id=partnership.pk,
               summary=f"Imported from IATI activity {self.data.identifier} "
                       f"({self.importer.file_name})")
        ChecklistItem.objects.bulk_create([
            ChecklistItem(partnership=partnership, phase=phase.code, text=text,
                          position=position)
            for phase in partnership.lifecycle_path.phases
            for position, text in enumerate(phase.checklist)
        ])
        PhaseTransition.objects.create(
            partnership=partnership, from_phase="", to_phase=values["phase"],
            from_status=Status.ACTIVE, to_status=values["status"], actor=self.actor,
            actor_name=self._actor_name(), reason=values["reason"])
        self.changed = True
        return partnership

    def _set_sdgs(self, partnership: Partnership, values: dict) -> None:
        """A new partnership's SDGs, in one insert each."""
        goals = Partnership.sdg_goals.through
        targets = Partnership.sdg_targets.through
        goals.objects.bulk_create([
            goals(partnership_id=partnership.pk, sdggoal_id=self.importer.goals[n])
            for n in values["sdg_goals"] if n in self.importer.goals])
        targets.objects.bulk_create([
            targets(partnership_id=partnership.pk, sdgtarget_id=self.importer.targets[c])
            for c in values["sdg_targets"] if c in self.importer.targets])

    def _update_partnership(self, partnership: Partnership, values: dict) -> None:
        base = self.base.get("partnership", {})
        changes = {}
        for name in TRACKED:
            current = _tracked(name, getattr(partnership, name))
            new = values["tracked"][name]
            if current == new:
                continue
            if name in base and current != base[name]:
                self.kept.append(name.replace("_", " "))
                continue
            changes[name] = [_plain(getattr(partnership, name)),
                             _plain(values["objects"][name])]
            setattr(partnership, name, values["objects"][name])
        base_sdgs = (base.get("sdg_goals"), base.get("sdg_targets"))
        current_goals = sorted(partnership.sdg_goals.values_list("number", flat=True))
        current_targets = sorted(partnership.sdg_targets.values_list("code", flat=True))
        new_sdgs = (values["sdg_goals"], values["sdg_targets"])
        if (current_goals, current_targets) != new_sdgs:
            if base_sdgs[0] is not None and (current_goals, current_targets) != base_sdgs:
                self.kept.append("SDGs")
            else:
                partnership.sdg_goals.set([self.importer.goals[n] for n in values["sdg_goals"]
                                           if n in self.importer.goals])
                partnership.sdg_targets.set([self.importer.targets[c]
                                             for c in values["sdg_targets"]
                                             if c in self.importer.targets])
                changes["sdgs"] = [[current_goals, current_targets], list(new_sdgs)]
        phase_change = (partnership.phase, partnership.status) != (values["phase"],
                                                                    values["status"])
        if phase_change:
            if (partnership.phase, partnership.status) != (self.base.get("phase"),
                                                           self.base.get("status")):
                self.kept.append("phase and status")
            else:
                PhaseTransition.objects.create(
                    partnership=partnership, from_phase=partnership.phase,
                    to_phase=values["phase"], from_status=partnership.status,
                    to_status=values["status"], actor=self.actor,
                    actor_name=self._actor_name(), reason=values["reason"])
                changes["phase"] = [partnership.phase, values["phase"]]
                changes["status"] = [partnership.status, values["status"]]
                if partnership.status != values["status"]:
                    partnership.status_changed = timezone.now()
                partnership.phase = values["phase"]
                partnership.status = values["status"]
                partnership.status_reason = (values["reason"]
                                             if values["status"] != Status.ACTIVE else "")
        if changes:
            partnership.full_clean()
            partnership.updated = timezone.now()
            Partnership.objects.filter(pk=partnership.pk).update(**{
                name: getattr(partnership, name) for name in UPDATED_FIELDS})
            record(self.actor, "update", partnership, changes=changes,
                   partnership_id=partnership.pk,
                   summary=f"Updated from IATI activity {self.data.identifier} "
                           f"({self.importer.file_name})")
            self.changed = True

    # -- members ------------------------------------------------------------------------
    def _wanted_members(self) -> dict[int, tuple[str, str]]:
        roles: dict[int, set[str]] = {self.reporter: set()}
        for participant in self.participants:
            roles.setdefault(participant["organisation"], set()).add(participant["role"])
        wanted = {}
        for pk, iati_roles in roles.items():
            member_roles = {MEMBER_ROLE_OF_IATI[r] for r in iati_roles}
            if pk == self.reporter:
                member_roles.add(MemberRole.LEAD)
            role = next(r for r in MEMBER_ROLE_ORDER if r in member_roles)
            iati_role = next((r for r in IATI_ROLE_ORDER if r in iati_roles), "")
            wanted[pk] = (role, iati_role)
        return wanted

    def _sync_members(self, wanted: dict[int, tuple[str, str]]) -> dict:
        partnership = self.partnership
        existing = {} if self.existing is None else {
            m.organisation_id: m for m in partnership.memberships.order_by()}
        base = self.base.get("members", {})
        start = self.data.dates.get("2") or self.data.dates.get("1")
        roles = dict(MemberRole.choices)
        new = []
        for pk, (role, iati_role) in wanted.items():
            membership = existing.get(pk)
            name = self.matcher.name_of(pk)
            if membership is None:
                new.append(Membership(partnership=partnership, organisation_id=pk, role=role,
                                      iati_role=iati_role, joined=start))
                continue
            current = [membership.role, membership.iati_role]
            if current == [role, iati_role]:
                continue
            if str(pk) in base and current != base[str(pk)]:
                self.kept.append(f"the role of {name}")
                continue
            membership.role, membership.iati_role = role, iati_role
            Membership.objects.filter(pk=membership.pk).update(role=role, iati_role=iati_role)
            record(self.actor, "update", membership, partnership_id=partnership.pk,
                   changes={"role": [current[0], role], "iati_role": [current[1], iati_role]},
                   summary=f"{name}'s role updated from IATI")
            self.changed = True
        organisations = Organisation.objects.in_bulk([m.organisation_id for m in new])
        for membership in Membership.objects.bulk_create(new):
            membership.organisation = organisations[membership.organisation_id]
            membership.partnership = partnership
            name = self.matcher.name_of(membership.organisation_id)
            iati = f" (IATI role: {codes('OrganisationRole')[membership.iati_role].name})" \
                if membership.iati_role else ""
            record(self.actor, "create", membership, partnership_id=partnership.pk,
                   summary=f"{name} joined as {roles[membership.role]}{iati}")
            self.changed = True
        for key, was in base.items():
            pk = int(key)
            membership = existing.get(pk)
            if pk in wanted or membership is None:
                continue
            if [membership.role, membership.iati_role] != was or \
                    membership.representatives.exists():
                self.kept.append(f"the membership of {self.matcher.name_of(pk)}")
                continue
            if membership.role == MemberRole.LEAD and not partnership.memberships.filter(
                    role=MemberRole.LEAD).exclude(pk=membership.pk).exists():
                continue
            record(self.actor, "delete", membership, partnership_id=partnership.pk,
                   summary=f"{self.matcher.name_of(pk)} is no longer in the IATI activity")
            membership.delete()
            self.changed = True
        return {str(pk): list(value) for pk, value in wanted.items()}

    # -- rows: budgets, flows, results ---------------------------------------------------
    def _sync(self, label: str, queryset, key_of: Callable, wanted: dict[str, dict],
              base: dict[str, str], make: Callable[[str, dict], object],
              deletable: Callable | None = None) -> dict[str, str]:
        """Three-way merge of imported rows by key: `base` holds the fingerprints of what
        the last import wrote, the rows what is there now, `wanted` what the file says.
        Returns the fingerprints of `wanted` and leaves `self.saved[label]` = key → row."""
        fields = self._fields[label]
        # A new partnership has no rows yet: no need to ask.
        rows = {} if self.existing is None else {key_of(row): row
                                                 for row in queryset.order_by()}
        created, created_keys, updated, removed = [], [], [], []
        hashes = {}
        for key, values in wanted.items():
            new = _fingerprint(values)
            hashes[key] = new
            row = rows.pop(key, None)
            if row is None:
                created.append(make(key, values))
                created_keys.append(key)
                continue
            self.saved[label][key] = row
            current = _fingerprint({name: getattr(row, name) for name in fields})
            if current == new:
                continue
            if key in base and current != base[key]:
                self.kept.append(f"{label} {key}")
                continue
            for name, value in values.items():
                setattr(row, name, value)
            updated.append(row)
        for key, row in rows.items():
            if key not in base:
                continue  # added by hand
            current = _fingerprint({name: getattr(row, name) for name in fields})
            if current != base[key] or (deletable and not deletable(row)):
                self.kept.append(f"{label} {key}")
                continue
            removed.append(row.pk)
        model = queryset.model
        if created:
            for key, row in zip(created_keys, model.objects.bulk_create(created), strict=True):
                self.saved[label][key] = row
        if updated:
            model.objects.bulk_update(updated, fields=fields, batch_size=500)
        if removed:
            model.objects.filter(pk__in=removed).delete()
        if created or updated or removed:
            self.row_changes[label] = [len(created), len(updated), len(removed)]
            self.changed = True
        return hashes

    _fields = {
        "budgets": ["budget_type", "status", "period_start", "period_end", "value", "currency",
                    "value_date"],
        "flows": ["transaction_type", "date", "value", "currency", "value_date", "provider_id",
                  "provider_name", "receiver_id", "receiver_name", "description",
                  "reference"],
        "results": ["level", "title", "description", "position"],
        "indicators": ["result_id", "name", "definition", "measure", "direction",
                       "baseline_value", "baseline_date", "baseline_comment",
                       "sdg_indicator_id", "position"],
        "targets": ["indicator_id", "date", "value", "comment"],
        "measurements": ["indicator_id", "period_start", "period_end", "value", "comment",
                         "reported_by_organisation_id"],
    }

    def _sync_money(self, rows: dict) -> dict:
        partnership = self.partnership
        budgets = {b.key: {"budget_type": b.type, "status": b.status, "period_start": b.start,
                           "period_end": b.end, "value": b.value.quantize(CENT),
                           "currency": b.currency, "value_date": b.value_date}
                   for b in self.data.budgets}
        flows = {t.key: self._flow_values(t) for t in self.data.transactions}
        return {
            "budgets": self._sync("budgets", partnership.budgets.exclude(import_key=""),
                                  lambda row: row.import_key, budgets, rows.get("budgets", {}),
                                  lambda k, v: Budget(partnership=partnership, import_key=k,
                                                      **v)),
            "flows": self._sync("flows", partnership.resource_flows.exclude(import_key=""),
                                lambda row: row.import_key, flows, rows.get("flows", {}),
                                lambda k, v: ResourceFlow(partnership=partnership,
                                                          import_key=k, **v)),
        }

    def _flow_values(self, t: TransactionData) -> dict:
        provider = self.matcher.resolve(t.provider) if t.provider else None
        receiver = self.matcher.resolve(t.receiver) if t.receiver else None
        if provider is None and t.type in OUTGOING:
            provider = self.reporter
        if receiver is None and t.type in INCOMING:
            receiver = self.reporter
        return {"transaction_type": t.type, "date": t.date, "value": t.value.quantize(CENT),
                "currency": t.currency, "value_date": t.value_date, "provider_id": provider,
                "provider_name": _shorten(t.provider.name, 300) if t.provider else "",
                "receiver_id": receiver,
                "receiver_name": _shorten(t.receiver.name, 300) if t.receiver else "",
                "description": t.description, "reference": t.reference}

    def _sync_results(self, rows: dict) -> dict:
        partnership = self.partnership
        results, indicators, targets, measurements = {}, {}, {}, {}
        periods: dict[str, dict] = {}
        indicator_data: dict[str, IndicatorData] = {}
        for position, result in enumerate(self.data.results):
            results[result.key] = {"level": result.type if result.type in "1239" else "9",
                                   "title": _shorten(result.title, 500),
                                   "description": result.description[:20_000],
                                   "position": position}
            for i_position, indicator in enumerate(result.indicators):
                indicator_data[indicator.key] = indicator
                indicators[indicator.key] = (result.key, i_position, indicator)
                periods[indicator.key] = {
                    "baseline": canonical_value(indicator.baseline_value),
                    "baseline_year": indicator.baseline_year,
                    "periods": [{"start": p.start.isoformat(), "end": p.end.isoformat(),
                                 "target": canonical_value(p.target),
                                 "actual": canonical_value(p.actual)}
                                for p in indicator.periods]}
        self.periods = periods
        hashes = {"results": self._sync(
            "results", partnership.results.exclude(import_key=""), lambda row: row.import_key,
            results, rows.get("results", {}),
            lambda k, v: Result(partnership=partnership, import_key=k, **v))}
        saved_results = self.saved["results"]
        indicator_values = {}
        for key, (result_key, position, indicator) in indicators.items():
            result = saved_results.get(result_key)
            sdg = self.importer.indicators.get(indicator.sdg_indicator)
            baseline_date = indicator.baseline_date or (
                date(indicator.baseline_year, 1, 1) if indicator.baseline_year
                and 1 <= indicator.baseline_year <= 9999 else None)
            indicator_values[key] = {
                "result_id": result.pk if result else None,
                "name": _shorten(indicator.title, 500),
                "definition": indicator.description[:20_000],
                "measure": indicator.measure if indicator.measure in "12345" else "1",
                "direction": "up" if indicator.ascending else "down",
                "baseline_value": _measure_value(indicator.baseline_value),
                "baseline_date": baseline_date,
                "baseline_comment": _shorten(indicator.baseline_comment, 500),
                "sdg_indicator_id": sdg[0] if sdg else None,
                "position": position,
            }
        hashes["indicators"] = self._sync(
            "indicators", partnership.indicators.exclude(import_key=""),
            lambda row: row.import_key, indicator_values, rows.get("indicators", {}),
            lambda k, v: Indicator(partnership=partnership, import_key=k, **v),
            deletable=lambda row: not row.measurements.filter(import_key="").exists())
        saved_indicators = self.saved["indicators"]
        for key, indicator in indicator_data.items():
            row = saved_indicators.get(key)
            if row is None:
                continue
            seen_dates = set()
            for period in indicator.periods:
                target = _measure_value(period.target)
                if target is not None:
                    if period.end in seen_dates:
                        self.importer.report.problem(
                            self.importer.file_name, period.line,
                            f"two periods of indicator {key} end on {period.end}; only the "
                            "first target is imported", self.data.identifier)
                    else:
                        seen_dates.add(period.end)
                        targets[f"{key}@{period.end.isoformat()}"] = {
                            "indicator_id": row.pk, "date": period.end, "value": target,
                            "comment": _shorten(period.target_comment, 500)}
                actual = _measure_value(period.actual)
                if actual is not None:
                    measurements[period.key] = {
                        "indicator_id": row.pk, "period_start": period.start,
                        "period_end": period.end, "value": actual,
                        "comment": period.actual_comment[:20_000],
                        "reported_by_organisation_id": self.reporter}
        imported_indicators = IndicatorTarget.objects.filter(
            indicator__partnership=partnership).exclude(indicator__import_key="")
        hashes["targets"] = self._sync(
            "targets", imported_indicators.select_related("indicator"),
            lambda row: f"{row.indicator.import_key}@{row.date.isoformat()}", targets,
            rows.get("targets", {}), lambda k, v: IndicatorTarget(**v))
        hashes["measurements"] = self._sync(
            "measurements", Measurement.objects.filter(
                indicator__partnership=partnership).exclude(import_key=""),
            lambda row: row.import_key, measurements, rows.get("measurements", {}),
            lambda k, v: Measurement(import_key=k, **v))
        refresh_indicators(Indicator.objects.filter(partnership=partnership))
        return hashes

    # -- the IATI record --------------------------------------------------------------------
    def _save_iati(self, iati: IatiActivity, imported: dict) -> None:
        data = self.data
        values = {
            "reporting_org_ref": data.reporting_org.ref[:200],
            "default_language": data.language,
            "titles": data.titles,
            "descriptions": data.descriptions,
            "activity_status": data.status[:2],
            "dates": {kind: value.isoformat() for kind, value in sorted(data.dates.items())},
            "regions": data.regions,
            "sectors": data.sectors,
            "last_updated": data.last_updated,
            "reporting_organisation_id": self.reporter,
            "participants": self.participants,
            "country_percentages": {c: p for c, p in data.countries.items() if p},
            "tags": data.tags,
            "periods": self.periods,
            "default_currency": data.currency[:3],
        }
        before = {name: _plain(getattr(iati, name)) for name in values} if iati.pk else None
        for name, value in values.items():
            setattr(iati, name, value)
        if before is not None and before != {name: _plain(getattr(iati, name))
                                             for name in values}:
            self.changed = True
        # Where it came from last: bookkeeping, not a change of the activity.
        iati.version = (self.importer.version or "")[:10]
        iati.source_file = self.importer.file_name[:300]
        iati.imported = imported
        iati.save()


def summary_lines(summary: dict) -> list[str]:
    """The report as the command line prints it (and the upload page shows it)."""
    lines = []
    for file in summary.get("files", []):
        lines.append(f"{file['name']} (IATI {file['version']}): {file['activities']} "
                     f"activit{'y' if file['activities'] == 1 else 'ies'}")
    a, o = summary["activities"], summary["organisations"]
    lines.append(f"Activities: {a['created']} created, {a['updated']} updated, "
                 f"{a['unchanged']} unchanged, {a['skipped']} skipped")
    lines.append(f"Organisations: {o['created']} created, {o['matched']} matched"
                 + (f" ({o['sector_guessed']} new without an IATI type: sector guessed from "
                    "the name, check them in the registry)" if o.get("sector_guessed") else ""))
    for title, items, count in (("Problems", summary["problems"], summary["problem_count"]),
                                ("Notes", summary["notes"], summary["note_count"])):
        if not count:
            continue
        lines.append(f"{title} ({count}):")
        for item in items:
            where = f"{item['file']} line {item['line']}"
            activity = f" [{item['activity']}]" if item.get("activity") else ""
            lines.append(f"  {where}{activity}: {item['message']}")
        if count > len(items):
            lines.append(f"  … and {count - len(items)} more")
    return lines
