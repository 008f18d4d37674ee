"""Who proposes, decides, carries the work and speaks (section `power_balance`).

Safe Childhoods shows the imbalance its health check found (World Vision tables most
proposals and owns few of the actions; Romano Drom attends but is seldom heard); the Jamaica
working group, whose chair rotates among sectors, a balanced picture. Records another part of
the demo already made (same title) are not made again. Positions: a stance, or "=option" for
a vote among options. Speaking turns per meeting purpose, counted from the minutes."""

from datetime import timedelta

from django.utils import timezone

from partnering.audit.services import record
from partnering.governance.decisions import services as governance
from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.partnerships import services as partnerships
from partnering.partnerships.models import Partnership, Representative
from partnering.platform.demo.data import cases
from partnering.platform.demo.decisions import chosen_before
from partnering.platform.demo.loader import at


def load(loader) -> None:
    for case in cases():
        spec = case.section("power_balance")
        if spec:
            _power_balance(loader, Partnership.objects.get(title=case.title), spec)


def _power_balance(loader, p: Partnership, spec: dict) -> None:
    manager = loader.users[spec["manager"]]
    for item in spec["proposals"]:
        if not p.proposals.filter(title=item["title"]).exists():
            _proposal(loader, manager, p, item)
    for item in spec["actions"]:
        if not p.actions.filter(title=item["title"]).exists():
            action = governance.create_action(
                manager, p, title=item["title"], owner_organisation=loader.orgs[item["owner"]],
                owner_person=loader.people[item["person"]],
                due_date=loader.ago(-item["due_in"]), status=item["status"])
            Action.objects.filter(pk=action.pk).update(created=at(loader.ago(item["days_ago"])))
    for meeting in p.meetings.filter(speaking_turns={}):
        turns = spec["speaking"].get(meeting.purpose)
        if turns:
            partnerships.update_meeting(manager, meeting, speaking_turns={
                str(loader.orgs[key].pk): count for key, count in turns.items()})


def _proposal(loader, manager, p: Partnership, item: dict) -> None:
    tabled = loader.ago(item["days_ago"])
    proposal = governance.create_proposal(
        manager, p, title=item["title"], text=item["text"],
        proposed_by_organisation=loader.orgs[item["by"]],
        closes_at=timezone.now() + timedelta(days=governance.rule_in_force(p).notice_days),
        kind=item.get("kind", "motion"), options=item.get("options", ()))
    chosen_before(proposal, manager, item)
    Proposal.objects.filter(pk=proposal.pk).update(
        created=at(tabled), closes_at=at(tabled + timedelta(days=10)))
    proposal.refresh_from_db()
    # Positions are taken from the minutes of the steering meetings: most of the
    # representatives have no account here, so they are recorded for them.
    for key, said in item["positions"].items():
        _position_from_minutes(loader, manager, proposal, key, said,
                               item.get("reasons", {}).get(key, ""))
    decision = governance.close_proposal(manager, proposal)
    Decision.objects.filter(pk=decision.pk).update(decided_at=at(tabled + timedelta(days=10)))


def _position_from_minutes(loader, manager, proposal, key: str, said: str, reason: str):
    org = loader.orgs[key]
    p = proposal.partnership
    rep = Representative.objects.filter(
        membership__partnership=p, membership__organisation=org, has_mandate=True,
    ).order_by("pk").first()
    option = said[1:] if said.startswith("=") else ""
    position = Position.objects.create(
        proposal=proposal, organisation=org, stance="" if option else said, option=option,
        reason=reason, person=rep.person)
    record(manager, "create", position, partnership_id=p.pk,
           summary=f"{org}: {option or said} on “{proposal.title}” (from the minutes)")
