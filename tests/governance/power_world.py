"""Records for the power-balance tests, written straight to the models (the decisions and
agreements services have their own tests): proposals, positions, decisions, actions,
commitments and meetings in the persona world of tests.base."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from partnering.agreements.models import AgreementVersion, MemberTerms, ResourceCommitment
from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.partnerships import services as partnerships
from partnering.partnerships.models import Meeting
from tests.apitest import ApiTestCase
from tests.base import make_person

DAY = dt.date(2026, 6, 1)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


class PowerWorld(ApiTestCase):
    """The private partnership with three members: the trust (lead, mandate), the ministry
    (no mandate) and the bottler (core, mandate)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bottler_membership = partnerships.add_member(
            cls.alice, cls.private, organisation=cls.bottler, role="core")
        cls.dana_person = make_person("Dana Bottler", cls.bottler)
        partnerships.add_representative(cls.alice, cls.bottler_membership,
                                        person=cls.dana_person, has_mandate=True)

    # -- records ----------------------------------------------------------------------------
    def propose(self, org, day: dt.date = DAY, partnership=None, **extra) -> Proposal:
        proposal = Proposal.objects.create(
            partnership=partnership or self.private, title=f"Proposal by {org}", text="Text",
            proposed_by_organisation=org, closes_at=at(day + dt.timedelta(days=14)),
            rule=extra.pop("rule", "consensus"), quorum_percent=50, **extra)
        Proposal.objects.filter(pk=proposal.pk).update(created=at(day))
        return proposal

    def position(self, proposal, org, stance="agree", option="") -> Position:
        person = {self.trust.pk: self.alice_person, self.ministry.pk: self.carol_person,
                  self.bottler.pk: self.dana_person}[org.pk]
        return Position.objects.create(proposal=proposal, organisation=org, stance=stance,
                                       option=option, person=person,
                                       reason="Because" if stance == "block" else "")

    def decide(self, proposal, outcome="carried", chosen="", day: dt.date = DAY) -> Decision:
        proposal.status = "decided"
        proposal.save(update_fields=["status"])
        return Decision.objects.create(proposal=proposal, partnership=proposal.partnership,
                                       outcome=outcome, chosen_option=chosen,
                                       reasoning="By the rule", decided_at=at(day))

    def action(self, org, day: dt.date = DAY, status="open", partnership=None) -> Action:
        action = Action.objects.create(partnership=partnership or self.private,
                                       title=f"Action for {org}", owner_organisation=org,
                                       due_date=day + dt.timedelta(days=30), status=status)
        Action.objects.filter(pk=action.pk).update(created=at(day))
        return action

    def agree(self, commitments: dict, day: dt.date = DAY) -> AgreementVersion:
        """An agreed version with each organisation's estimated value committed."""
        number = self.private.agreement_versions.count() + 1
        version = AgreementVersion.objects.create(
            partnership=self.private, number=number, status="agreed", agreed_at=at(day))
        for org, value in commitments.items():
            MemberTerms.objects.create(version=version, organisation=org)
            if value:
                ResourceCommitment.objects.create(
                    version=version, organisation=org, kind="expertise",
                    description="Staff and expertise", estimated_value=Decimal(value))
        return version

    def meet(self, orgs, day: dt.date = DAY, turns=None, partnership=None) -> Meeting:
        meeting = Meeting.objects.create(
            partnership=partnership or self.private, date=day, purpose="Steering meeting",
            speaking_turns={str(org.pk): count for org, count in (turns or {}).items()})
        meeting.organisations.set(orgs)
        return meeting

    def now(self):
        return timezone.now()
