"""The cases' partnerships: members, representatives, brokers, meetings, checklists and the
phases they have passed, backdated to when they happened (section `partnership`)."""

from datetime import timedelta

from partnering.partnerships import services as partnerships
from partnering.partnerships.models import ChecklistItem, Partnership, PhaseTransition
from partnering.partnerships.vocabulary import ItemStatus, MemberRole
from partnering.platform.demo.data import cases
from partnering.platform.demo.loader import at


def load(loader) -> None:
    for case in cases():
        _Partnership(loader, case.section("partnership")).load()


class _Partnership:
    def __init__(self, loader, spec: dict):
        self.loader, self.spec = loader, spec
        self.creator = loader.users[spec["creator"]]
        self.manager = loader.users[spec["manager"]]
        self.worker = loader.users[spec["worker"]]

    def load(self) -> Partnership:
        spec, ago = self.spec, self.loader.ago
        end = spec.get("end")
        p = partnerships.create_partnership(
            self.creator, lead_organisation=self.loader.orgs[spec["lead"]], path=spec["path"],
            start_date=ago(spec["start"]), end_date=ago(end) if end is not None else None,
            **spec["fields"])
        self.lead_and_brokers(p)
        for item in spec.get("custom_items", []):
            partnerships.add_checklist_item(self.worker, p, phase=item["phase"],
                                            text=item["text"])
        for step in spec["phases"]:
            self.phase(p, step)
            p.refresh_from_db()
        if spec.get("close"):
            self.close(p, spec["close"])
        return p

    def lead_and_brokers(self, p: Partnership) -> None:
        lead = p.memberships.get(role=MemberRole.LEAD)
        partnerships.update_member(self.creator, lead, joined=self.loader.ago(self.spec["start"]))
        for rep in self.spec.get("lead_reps", []):
            person = self.loader.people[rep["person"]]
            if not lead.representatives.filter(person=person).exists():
                partnerships.add_representative(self.creator, lead, person=person,
                                                has_mandate=rep["mandate"])
        for broker in self.spec.get("brokers", []):
            partnerships.add_broker(self.creator, p, person=self.loader.people[broker["person"]],
                                    kind=broker["kind"], note=broker["note"])

    def phase(self, p: Partnership, step: dict) -> None:
        """What happened in a phase, in order: members joined, meetings held, members left,
        items ticked; then the move to the next phase, if it was made."""
        phase = step["phase"]
        for member in self.spec.get("members", []):
            if member["phase"] == phase:
                self.member(p, member)
        for meeting in self.spec.get("meetings", []):
            if meeting["phase"] == phase:
                self.meeting(p, meeting)
        for leave in self.spec.get("leaves", []):
            if leave["phase"] == phase:
                membership = p.memberships.get(organisation=self.loader.orgs[leave["org"]])
                partnerships.remove_member(self.manager, membership, reason=leave["reason"])
        passed = "moved" in step
        self.tick(p, phase, step.get("ticks", {}), passed=passed)
        if passed:
            next_phase = p.lifecycle_path.next_phase(phase)
            transition = partnerships.move_to_phase(
                self.manager, p, to_phase=next_phase.code, reason=step["reason"],
                confirm_open_items=True)
            self.backdate(p, transition, phase, self.loader.ago(step["moved"]))

    def member(self, p: Partnership, member: dict) -> None:
        membership = partnerships.add_member(
            self.manager, p, organisation=self.loader.orgs[member["org"]],
            role=member["role"], iati_role=member["iati"],
            joined=self.loader.ago(member["joined"]))
        for rep in member.get("reps", []):
            partnerships.add_representative(self.manager, membership,
                                            person=self.loader.people[rep["person"]],
                                            has_mandate=rep["mandate"])

    def meeting(self, p: Partnership, meeting: dict) -> None:
        orgs, people = self.loader.orgs, self.loader.people
        partnerships.record_meeting(
            self.worker, p, date=self.loader.ago(meeting["days_ago"]),
            purpose=meeting["purpose"], location=meeting["location"],
            organisations=[orgs[key] for key in meeting["orgs"]],
            attendees=[people[key] for key in meeting["people"]],
            minutes=meeting["minutes"], follow_ups=meeting["follow_ups"])

    def tick(self, p: Partnership, phase: str, ticks: dict, *, passed: bool) -> None:
        """Passed phases: every item done unless told otherwise. The current phase: only
        the items named."""
        for item in p.checklist.filter(phase=phase).order_by("position", "id"):
            tick = next((value for fragment, value in ticks.items()
                         if fragment.lower() in item.text.lower()), None)
            if tick is None:
                if not passed:
                    continue
                tick = {"status": ItemStatus.DONE, "note": ""}
            if tick["status"] == ItemStatus.OPEN and not tick["note"]:
                continue
            actor = self.loader.users[tick["by"]] if "by" in tick else self.worker
            partnerships.update_checklist_item(actor, item, status=tick["status"],
                                               note=tick["note"])

    def backdate(self, p: Partnership, transition, phase: str, day) -> None:
        # The services stamp "now"; the demo's history happened over months and years.
        PhaseTransition.objects.filter(pk=transition.pk).update(created=at(day))
        ChecklistItem.objects.filter(partnership=p, phase=phase).exclude(
            status=ItemStatus.OPEN).update(updated=at(day - timedelta(days=1)))

    def close(self, p: Partnership, close: dict) -> None:
        transition = partnerships.close_partnership(
            self.manager, p, outcome=close["outcome"], reason=close["reason"])
        when = at(self.loader.ago(close["days_ago"]))
        PhaseTransition.objects.filter(pk=transition.pk).update(created=when)
        Partnership.objects.filter(pk=p.pk).update(status_changed=when)
