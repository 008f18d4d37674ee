"""Decisions and shared accountability on top of the portfolio (section `decisions`).

Safe Childhoods (BiH) decides by its agreed rule when its partnering agreement is agreed in
the demo (consensus otherwise); the partners chose consent for an operational question, and
the legal aid network blocked it with a reasoned objection. One proposal closes within two
days, still waiting for World Vision, the interfaith council and the three members whose
representatives have no mandate to decide. Actions come out of meetings and decisions; some
are overdue. The Jamaica working group decides one question by qualified majority and has a
choice among parishes open.

Proposals: `days_ago` tabled (null: open, closing in `closes_in_hours`); `rule`: one the
proposer chose before proposals had to follow the agreed rule (the decision log marks it);
positions {organisation: {person, said: stance or "=option", reason}}, left out when the
person is not in the demo. Positions go through the services, so the mandated
representatives who take them get an account (with no usable password)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnering.governance.decisions import services as governance
from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases
from partnering.platform.demo.loader import at
from partnering.registry import services as registry


def load(loader) -> None:
    """Add the decisions and actions to the loaded portfolio."""
    demo = _Decisions(loader)
    for case in cases():
        spec = case.section("decisions")
        partnership = Partnership.objects.filter(title=case.title).first()
        if spec and partnership is not None:
            demo.load(partnership, spec)
    review_dates()


def review_dates() -> None:
    """Decisions loaded as if taken in the past are reviewed six months after they were
    taken, not six months after the demo was loaded."""
    today = timezone.localdate()
    for decision in Decision.objects.filter(review_date=governance.default_review_date(
            today), decided_at__lt=at(today - timedelta(days=1))):
        Decision.objects.filter(pk=decision.pk).update(
            review_date=governance.default_review_date(decision.decided_at.date()))


def chosen_before(proposal, proposer, item: dict) -> None:
    """A rule the proposer chose, as recorded before proposals had to follow the agreed rule:
    the decision log marks the decision as not taken under the agreed rule."""
    rule = item.get("rule")
    if not rule or rule == proposal.rule:
        return
    who = proposer.get_full_name() or proposer.get_username()
    Proposal.objects.filter(pk=proposal.pk).update(
        rule=rule, quorum_percent=item.get("quorum", 50),
        majority_percent=item.get("majority") or 67, weights={},
        rule_source=f"Chosen for this proposal by {who}"[:200])
    proposal.refresh_from_db()


class _Decisions:
    def __init__(self, loader):
        self.loader = loader
        self.admin = loader.users["admin"]

    def load(self, partnership, spec: dict) -> None:
        steward = self.loader.users[spec["steward"]]
        for item in spec["proposals"]:
            if not partnership.proposals.filter(title=item["title"]).exists():
                self.proposal(partnership, steward, item)
        for item in spec["actions"]:
            if not partnership.actions.filter(title=item["title"]).exists():
                meeting = partnership.meetings.filter(purpose=item["meeting"]).first()
                self.action(partnership, steward, item, meeting=meeting)

    def user_of(self, key: str):
        """A persona's account, or the account of a person of the demo (made on first use,
        with no usable password)."""
        if key in self.loader.users:
            return self.loader.users[key]
        person = self.loader.people[key]
        person.refresh_from_db()
        if person.user_id:
            return person.user
        users = get_user_model().objects
        username = key if not users.filter(username=key).exists() else f"{key}.{person.pk}"
        first, _, last = person.name.partition(" ")
        user = users.create_user(username=username, password=None, email=person.email,
                                 first_name=first, last_name=last)
        registry.update_person(self.admin, person, user=user)
        return user

    def proposal(self, partnership, steward, item: dict) -> None:
        proposal = self.table(partnership, item)
        for key, position in item["positions"].items():
            self.position(proposal, key, position)
        for comment in item["comments"]:
            governance.add_comment(self.user_of(comment["by"]), proposal, text=comment["text"])
        if item["days_ago"] is not None:
            self.close(partnership, steward, proposal, item)

    def table(self, partnership, item: dict):
        notice = timedelta(days=governance.rule_in_force(partnership).notice_days)
        hours = timedelta(hours=item.get("closes_in_hours", 24 * 7))
        proposer = self.user_of(item["proposer"])
        proposal = governance.create_proposal(
            proposer, partnership, title=item["title"], text=item["text"],
            proposed_by_organisation=self.loader.orgs[item["by"]],
            closes_at=timezone.now() + max(notice, hours),
            kind=item.get("kind", "motion"), options=item.get("options", ()),
            meeting=partnership.meetings.filter(purpose=item.get("meeting", "")).first())
        chosen_before(proposal, proposer, item)
        if item["days_ago"] is None and "closes_in_hours" in item:
            # Tabled with the rule's notice, and now closing soon.
            closes_at = timezone.now() + hours
            Proposal.objects.filter(pk=proposal.pk).update(created=closes_at - notice,
                                                           closes_at=closes_at)
            proposal.refresh_from_db()
        return proposal

    def position(self, proposal, key: str, position: dict) -> None:
        person, said = position["person"], position["said"]
        if person not in self.loader.people and person not in self.loader.users:
            return
        option = said[1:] if said.startswith("=") else ""
        organisation = self.loader.orgs[key]
        try:
            governance.take_position(self.user_of(person), proposal, organisation=organisation,
                                     stance="" if option else said, option=option,
                                     reason=position["reason"])
        except ValidationError:
            # e.g. a block once an agreed rule other than consent applies: disagree.
            governance.take_position(self.user_of(person), proposal, organisation=organisation,
                                     stance="disagree", reason=position["reason"])

    def close(self, partnership, steward, proposal, item: dict) -> None:
        tabled = self.loader.ago(item["days_ago"])
        closed = tabled + timedelta(days=7)
        Proposal.objects.filter(pk=proposal.pk).update(created=at(tabled), closes_at=at(closed))
        Position.objects.filter(proposal=proposal).update(updated=at(tabled + timedelta(days=2)))
        proposal.refresh_from_db()
        decision = governance.close_proposal(steward, proposal)
        Decision.objects.filter(pk=decision.pk).update(
            decided_at=at(closed), review_date=governance.default_review_date(closed))
        for action in item["actions"]:
            self.action(partnership, steward, action, decision=decision, created=closed)

    def action(self, partnership, steward, item: dict, *, meeting=None, decision=None,
               created=None) -> None:
        action = governance.create_action(
            steward, partnership, title=item["title"],
            owner_organisation=self.loader.orgs[item["owner"]],
            owner_person=self.loader.people[item["person"]],
            due_date=self.loader.ago(-item["due_in"]), status=item["status"], meeting=meeting,
            decision=decision)
        when = created or (meeting.date if meeting else None)
        if when is not None:
            Action.objects.filter(pk=action.pk).update(created=at(when))
