"""Decision and action pages and lists run a fixed number of queries, whether a partnership
has 5 or 50 members, proposals, positions, comments, decisions and actions."""

import datetime as dt

import time_machine

from partnering.governance.decisions import services
from partnering.governance.models import Comment, Decision, Position
from tests.base import QueryCounting, add_represented_member
from tests.governance.base import NOW, TODAY, GovernanceTestCase


@time_machine.travel(NOW, tick=True)
class GovernanceQueryCountTest(QueryCounting, GovernanceTestCase):
    def setUp(self):
        self.first = self.propose(title="The first proposal", closes_at=self.closes_in(hours=5))
        self.grown = 0

    def grow(self, n: int) -> None:
        """n more members (each with a mandated representative), proposals (half of them
        decided), positions and comments on the first proposal, and actions (some overdue,
        from the meeting and from a decision)."""
        for i in range(self.grown, self.grown + n):
            membership = add_represented_member(self.admin, self.private, f"Org {i}")
            org, person = membership.organisation, membership.representatives.get().person
            proposal = self.propose(actor=self.admin, title=f"Proposal {i}",
                                    proposed_by_organisation=org,
                                    closes_at=self.closes_in(hours=2 + i))
            Position.objects.create(proposal=self.first, organisation=org, stance="agree",
                                    person=person)
            Comment.objects.create(proposal=self.first, person=person, organisation=org,
                                   author_name=person.name, text=f"Comment {i}")
            decision = None
            if i % 2:
                decision = Decision.objects.create(
                    proposal=proposal, partnership=self.private, outcome="carried",
                    reasoning="Consensus.", tally={"counts": {}}, decided_at=NOW,
                    review_date=TODAY + dt.timedelta(days=180))
                proposal.status = "decided"
                proposal.save()
            services.create_action(
                self.admin, self.private, title=f"Action {i}", owner_organisation=org,
                owner_person=person, due_date=TODAY + dt.timedelta(days=(i % 3) - 1),
                meeting=self.meeting, decision=decision)
        self.grown += n

    def assert_fixed(self, user, *urls: str) -> None:
        self.sign_in(user)
        self.assert_queries_fixed(*urls)

    def test_it_keeps_the_pages_fixed(self):
        p = self.private.pk
        self.assert_fixed(self.dan, f"/partnerships/{p}/decisions/",
                          f"/partnerships/{p}/proposals/{self.first.pk}/",
                          f"/partnerships/{p}/proposals/new/", f"/partnerships/{p}/actions/",
                          f"/partnerships/{p}/actions/new/", f"/partnerships/{p}/",
                          f"/partnerships/{p}/meetings/{self.meeting.pk}/", "/")

    def test_it_keeps_the_pages_of_a_steward_fixed(self):
        p = self.private.pk
        self.assert_fixed(self.alice, f"/partnerships/{p}/decisions/",
                          f"/partnerships/{p}/proposals/{self.first.pk}/",
                          f"/partnerships/{p}/actions/", "/")

    def test_it_keeps_the_api_lists_fixed(self):
        p = f"/api/v1/partnerships/{self.private.pk}"
        self.assert_fixed(self.carol, f"{p}/proposals?limit=200",
                          f"{p}/proposals?closing_within_hours=48",
                          f"{p}/proposals/{self.first.pk}",
                          f"{p}/proposals/{self.first.pk}/positions?limit=200",
                          f"{p}/proposals/{self.first.pk}/comments?limit=200",
                          f"{p}/decisions?limit=200", f"{p}/actions?limit=200",
                          f"{p}/actions?overdue=true")
