"""Comments: representatives without a mandate and brokers can comment but not decide."""

import time_machine

from partnering.governance.models import Comment
from tests.governance.base import NOW, GovernanceTestCase


@time_machine.travel(NOW, tick=True)
class CommentsTest(GovernanceTestCase):
    def comments(self, proposal) -> str:
        return self.url(proposal, "/comments")

    def test_it_lets_a_representative_without_mandate_comment(self):
        proposal = self.propose()
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.comments(proposal), {
            "text": "  The Minister's cabinet answers within ten days.  "}), 201)
        assert body["text"] == "The Minister's cabinet answers within ten days."
        assert (body["author_name"], body["organisation_name"]) == \
            ("Carol Diallo", "Ministry of Water")
        comment = Comment.objects.get()
        event = self.assert_audited(comment, "create", actor=self.carol)
        assert event.partnership_id == self.private.pk

    def test_it_lets_brokers_and_admins_comment(self):
        proposal = self.propose()
        for user in (self.bob, self.admin):
            self.sign_in(user)
            body = self.assert_status(self.post(self.comments(proposal),
                                                {"text": "Facilitator's note"}), 201)
            assert body["organisation_name"] == "", "not speaking for a member"
        items = self.assert_list(self.get(self.comments(proposal)), count=2)
        assert [c["author_name"] for c in items] == ["Bob Broker", "Ada Admin"]

    def test_it_refuses_empty_comments_and_outsiders(self):
        proposal = self.propose()
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.comments(proposal), {"text": ""}), 422)
            self.assert_error(self.post(self.comments(proposal), {"text": "   "}), 422)
            self.assert_error(self.post(self.comments(proposal), {"text": "x" * 20_001}), 422)
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.comments(proposal), {"text": "Hello"}), 404)
            self.assert_error(self.get(self.comments(proposal)), 404)

    def test_it_refuses_a_visitor_of_a_public_partnership(self):
        proposal = self.propose(partnership=self.public)
        self.sign_in(self.olga)
        url = f"/partnerships/{self.public.pk}/proposals/{proposal.pk}/comments"
        self.assert_list(self.get(url), count=0)
        with self.assert_nothing_saved():
            self.assert_error(self.post(url, {"text": "Hello"}), 403)

    def test_it_comments_from_the_proposal_page(self):
        proposal = self.propose()
        self.sign_in(self.carol)
        url = f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/comment/"
        response = self.client.post(url, {"text": "Ministry supports this."}, follow=True)
        self.assertContains(response, "Comment added.")
        self.assertContains(response, "Ministry supports this.")
        self.assertContains(response, "Comments (1)")
        with self.assert_nothing_saved():
            response = self.client.post(url, {"text": ""}, follow=True)
        self.assertContains(response, "This field is required")
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            assert self.client.post(url, {"text": "Hi"}).status_code == 404
