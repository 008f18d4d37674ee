"""Writing one IATI activity: its partnership, phase, members, rows and IATI record, with the
three-way merge of a re-import (see importer.py). The writes go through services.py."""

from datetime import date

from django.utils import timezone

from partnering.audit.services import _plain
from partnering.interop.iati import services
from partnering.interop.iati.batch import Rows
from partnering.interop.iati.data import ActivityData
from partnering.interop.iati.rows import RowMerge
from partnering.interop.iati.values import TRACKED, shorten, status_name, tracked
from partnering.interop.models import IatiActivity
from partnering.partnerships.models import Membership, Partnership
from partnering.partnerships.vocabulary import MemberRole, Status, Visibility
from partnering.registry.bulk import NewRow
from partnering.translations.iati import imported_translations, original_language, sync_imported

PHASE_OF_STATUS = {"1": "exploration", "2": "running", "3": "sustaining", "4": "sustaining",
                   "6": "running"}
MEMBER_ROLE_OF_IATI = {"2": MemberRole.LEAD, "1": MemberRole.CORE, "4": MemberRole.CORE,
                       "3": MemberRole.ASSOCIATE}
IATI_ROLE_ORDER = ["2", "1", "4", "3"]
BOOKKEEPING = {"version", "source_file", "imported", "content_hash"}
MEMBER_ROLE_ORDER = [MemberRole.LEAD, MemberRole.CORE, MemberRole.ASSOCIATE,
                     MemberRole.OBSERVER]


class ActivityWriter(RowMerge):
    """Writes one activity: alone in its transaction (`write`, services.import_activity), or
    in steps with the other new activities of a batch (`steps`, services.import_batch)."""

    def __init__(self, importer, data: ActivityData, existing: IatiActivity | None):
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

    def problem(self, line: int, message: str) -> None:
        self.importer.report.problem(self.importer.file_name, line, message,
                                     self.data.identifier)

    # -- the whole activity ---------------------------------------------------------------
    def write(self) -> str:
        """The activity alone: each step's rows inserted before the next step."""
        rows = Rows()
        steps = self.steps(rows)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                rows.finish()
                return done.value
            rows.flush()

    def steps(self, rows: Rows):
        """The writes in steps (see batch.py); each `yield` waits for the rows queued so far
        to be inserted. Returns the outcome: created, updated or unchanged."""
        self.rows = rows
        self.reporter = self.matcher.resolve(self.data.reporting_org)
        self.participants = [self._participant(p) for p in self.data.participants]
        members = self._wanted_members()
        values = self._partnership_values(members)
        iati = self._write_partnership(values)
        yield  # the partnership has its id
        if self.existing is None:
            self._created(values)
        self._translations()
        imported = {"partnership": values["tracked"], "phase": values["phase"],
                    "status": values["status"],
                    "reporting_org": {"type": self.data.reporting_org.type,
                                      "name": self.data.reporting_org.name}}
        imported["members"] = self._sync_members(members)
        written = dict(self.base.get("rows", {}))
        written.update(self._sync_money(written))
        written.update((yield from self._sync_results(written)))
        imported["rows"] = written
        self._save_iati(iati, imported)
        yield  # the IATI record has its id
        self._tell()
        if self.existing is not None and not self.changed:
            return "unchanged"
        return "updated" if self.existing is not None else "created"

    def _participant(self, participant) -> dict:
        return {"organisation": self.matcher.resolve(participant.org),
                "role": participant.role, "type": participant.org.type,
                "ref": participant.org.ref, "name": participant.org.name}

    def _write_partnership(self, values: dict) -> IatiActivity | None:
        """The IATI record to update (None for a new activity: see `_save_iati`)."""
        if self.existing is None:
            self.partnership = self._create_partnership(values)
            return None
        self.partnership = self.existing.partnership
        self._update_partnership(self.partnership, values)
        return self.existing

    def _tell(self) -> None:
        """The note of what was kept, and the audit event of the rows written."""
        if self.kept:
            self.note("kept what was changed by hand: " + ", ".join(sorted(set(self.kept))))
        if self.row_changes:
            summary = "; ".join(f"{what}: {c} created, {u} updated, {d} removed"
                                for what, (c, u, d) in sorted(self.row_changes.items()))
            services.record_rows(self.rows, self.actor, self.iati,
                                 created=self.existing is None,
                                 summary=f"IATI import from {self.importer.file_name}: "
                                         f"{summary}")

    # -- partnership --------------------------------------------------------------------
    def _text(self, texts: dict) -> str:
        return texts.get(self.data.language) or next(iter(texts.values()), "")

    def _narratives(self) -> dict[str, dict]:
        data = self.data
        general = data.descriptions.get("1") or next(iter(data.descriptions.values()), {})
        return {"title": data.titles, "problem_statement": general}

    def _translations(self) -> None:
        """The title and problem statement in the activity's other languages."""
        if self.existing is None:
            self.rows.add(imported_translations(self.partnership, self._narratives()))
        elif sync_imported(self.partnership, self._narratives()):
            self.changed = True

    def _dates(self) -> tuple[date | None, date | None]:
        dates = self.data.dates
        start = dates.get("2") or dates.get("1")
        end = dates.get("4") or dates.get("3")
        if start and end and end < start:
            self.problem(self.data.line, f"the activity ends ({end}) before it starts "
                                         f"({start}); the end date is not imported")
            end = None
        return start, end

    def _visibility(self) -> str:
        if self.importer.public:
            return Visibility.PUBLIC
        return self.base.get("partnership", {}).get("visibility") or Visibility.PRIVATE

    def _partnership_values(self, members: dict) -> dict:
        data = self.data
        general = data.descriptions.get("1") or next(iter(data.descriptions.values()), {})
        title = self._text(data.titles) or data.identifier
        start, end = self._dates()
        money = any(b.value for b in data.budgets) or any(t.value for t in data.transactions)
        sectors = {self.matcher.sector_of(pk) for pk in members}
        fields = {
            "title": shorten(title, 200),
            "problem_statement": shorten(self._text(general) or title, 20_000),
            "scope": shorten(self._text(data.descriptions.get("2", {})), 20_000),
            "countries": sorted(data.countries),
            "geography": shorten("; ".join(r["name"] or r["code"] for r in data.regions), 300),
            "start_date": start, "end_date": end,
            "formality": "formal", "funding": "funded" if money else "unfunded",
            "duration": "short" if start and end and (end - start).days <= 366 else "long",
            "stakeholder_mix": "multi" if len(sectors) > 1 else "single",
            "level": "cooperation",
            "visibility": self._visibility(),
        }
        phase, status, reason = self._phase(start)
        return {"tracked": {k: tracked(k, v) for k, v in fields.items()},
                "objects": {**fields, "language": original_language(data.titles,
                                                                     data.language)},
                "phase": phase, "status": status, "reason": reason,
                "sdg_goals": sorted(data.sdg_goals), "sdg_targets": sorted(data.sdg_targets)}

    def _phase(self, start: date | None) -> tuple[str, str, str]:
        code = self.data.status
        if code == "4":
            return "sustaining", Status.CLOSED, "Closed in IATI (activity status 4, Closed)."
        if code == "5":
            started = bool(self.data.dates.get("2"))
            return ("running" if started else "exploration", Status.CLOSED,
                    "Cancelled in IATI (activity status 5, Cancelled).")
        if code == "6":
            return ("running", Status.ACTIVE, "Suspended in IATI (activity status 6, "
                    "Suspended): the work is on hold.")
        if code in PHASE_OF_STATUS:
            return (PHASE_OF_STATUS[code], Status.ACTIVE,
                    f"Imported from IATI: activity status {code}, {status_name(code)}.")
        today = timezone.localdate()
        return ("running" if start and start <= today else "exploration", Status.ACTIVE,
                "Imported from IATI without a known activity status; phase set from the dates.")

    def _sdg_ids(self, values: dict) -> tuple[list[int], list[int]]:
        goals, targets = self.importer.goals, self.importer.targets
        return ([goals[n] for n in values["sdg_goals"] if n in goals],
                [targets[c] for c in values["sdg_targets"] if c in targets])

    def _create_partnership(self, values: dict) -> NewRow:
        self.changed = True
        partnership = services.new_partnership(
            self.actor, values["objects"], phase=values["phase"], status=values["status"],
            reason=values["reason"], checked=self.importer.checked)
        self.rows.add([partnership])
        return partnership

    def _created(self, values: dict) -> None:
        goal_ids, target_ids = self._sdg_ids(values)
        services.partnership_created(
            self.rows, self.actor, self.partnership, phase=values["phase"],
            status=values["status"], reason=values["reason"], goal_ids=goal_ids,
            target_ids=target_ids, summary=f"Imported from IATI activity "
                                           f"{self.data.identifier} ({self.importer.file_name})")

    def _update_partnership(self, partnership: Partnership, values: dict) -> None:
        changes = {**self._merge_fields(partnership, values),
                   **self._merge_sdgs(partnership, values)}
        moved = self._merge_phase(partnership, values)
        if changes or moved:
            services.update_partnership(
                self.actor, partnership, changes,
                summary=f"Updated from IATI activity {self.data.identifier} "
                        f"({self.importer.file_name})")
            self.changed = True

    def _merge_fields(self, partnership: Partnership, values: dict) -> dict:
        base = self.base.get("partnership", {})
        changes = {}
        for name in TRACKED:
            current = tracked(name, getattr(partnership, name))
            if current == values["tracked"][name]:
                continue
            if name in base and current != base[name]:
                self.kept.append(name.replace("_", " "))
                continue
            changes[name] = [_plain(getattr(partnership, name)),
                             _plain(values["objects"][name])]
            setattr(partnership, name, values["objects"][name])
        return changes

    def _merge_sdgs(self, partnership: Partnership, values: dict) -> dict:
        base = self.base.get("partnership", {})
        base_sdgs = (base.get("sdg_goals"), base.get("sdg_targets"))
        current = (sorted(partnership.sdg_goals.values_list("number", flat=True)),
                   sorted(partnership.sdg_targets.values_list("code", flat=True)))
        new = (values["sdg_goals"], values["sdg_targets"])
        if current == new:
            return {}
        if base_sdgs[0] is not None and current != base_sdgs:
            self.kept.append("SDGs")
            return {}
        services.set_sdgs(partnership, *self._sdg_ids(values))
        return {"sdgs": [list(current), list(new)]}

    def _merge_phase(self, partnership: Partnership, values: dict) -> bool:
        """Whether the partnership moves to the activity's phase and status."""
        current = (partnership.phase, partnership.status)
        if current == (values["phase"], values["status"]):
            return False
        if current != (self.base.get("phase"), self.base.get("status")):
            self.kept.append("phase and status")
            return False
        services.move_phase(self.actor, partnership, phase=values["phase"],
                            status=values["status"], reason=values["reason"])
        return True

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
        existing = {} if self.existing is None else {
            m.organisation_id: m for m in self.partnership.memberships.order_by()}
        base = self.base.get("members", {})
        new = []
        for pk, roles in wanted.items():
            if pk in existing:
                self._merge_member(existing[pk], roles, base.get(str(pk)))
            else:
                new.append(self._membership(pk, roles))
        if new:
            services.add_members(
                self.rows, self.actor, self.partnership, new, names=self.matcher.name_of,
                organisations={m.organisation_id: self.matcher.organisation(m.organisation_id)
                               for m in new})
            self.changed = True
        for key, was in base.items():
            if int(key) not in wanted and int(key) in existing:
                self._drop_member(existing[int(key)], was)
        return {str(pk): list(value) for pk, value in wanted.items()}

    def _membership(self, pk: int, roles: tuple[str, str]) -> NewRow:
        start = self.data.dates.get("2") or self.data.dates.get("1")
        return NewRow(Membership, partnership_id=self.partnership.pk, organisation_id=pk,
                      role=roles[0], iati_role=roles[1], joined=start)

    def _merge_member(self, membership: Membership, roles: tuple[str, str], was) -> None:
        current = [membership.role, membership.iati_role]
        if current == list(roles):
            return
        name = self.matcher.name_of(membership.organisation_id)
        if was is not None and current != was:
            self.kept.append(f"the role of {name}")
            return
        services.change_member_role(self.actor, membership, role=roles[0],
                                    iati_role=roles[1], name=name)
        self.changed = True

    def _drop_member(self, membership: Membership, was: list) -> None:
        """A member the activity no longer names, unless people changed or use it."""
        name = self.matcher.name_of(membership.organisation_id)
        if [membership.role, membership.iati_role] != was or \
                membership.representatives.exists():
            self.kept.append(f"the membership of {name}")
            return
        if membership.role == MemberRole.LEAD and not self.partnership.memberships.filter(
                role=MemberRole.LEAD).exclude(pk=membership.pk).exists():
            return
        services.remove_member(self.actor, membership, name=name)
        self.changed = True

    # -- the IATI record --------------------------------------------------------------------
    def _iati_values(self) -> dict:
        data = self.data
        return {
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

    def _save_iati(self, iati: IatiActivity | None, imported: dict) -> None:
        values = self._iati_values()
        # Where it came from last: bookkeeping, not a change of the activity.
        values.update(version=(self.importer.version or "")[:10],
                      source_file=self.importer.file_name[:300], imported=imported,
                      content_hash=self.data.content_hash)
        if iati is None:  # a new activity's record, as plain values
            self.iati = NewRow(IatiActivity, partnership_id=self.partnership.pk,
                               iati_identifier=self.data.identifier, **values)
            self.rows.add([self.iati])
            return
        before = {name: _plain(getattr(iati, name)) for name in values
                  if name not in BOOKKEEPING}
        for name, value in values.items():
            setattr(iati, name, value)
        if before != {name: _plain(getattr(iati, name)) for name in before}:
            self.changed = True
        self.iati = iati
        iati.save()
