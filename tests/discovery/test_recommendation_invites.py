"""A steward invites a recommended organisation in one step, whether a call is open or not."""

import datetime as dt

import time_machine

from partnering.discovery import services
from partnering.discovery.models import Call, CallResponse
from tests.apitest import ApiTestCase
from tests.walker import post_forms_without_token

TODAY = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


@time_machine.travel(TODAY, tick=False)
class RecommendationInviteTest(ApiTestCase):
    def page(self):
        return self.client.get(f"/partnerships/{self.public.pk}/recommendations/")

    def invite(self, organisation):
        return self.client.post(f"/partnerships/{self.public.pk}/recommendations/invite/",
                                {"organisation": organisation.pk}, follow=True)

    def test_it_offers_an_invite_form_with_its_token_when_no_call_is_open(self):
        self.sign_in(self.alice)
        page = self.page()
        html = page.content.decode()
        self.assertIn("No call for expressions of interest is open", html)
        self.assertIn(f'action="/partnerships/{self.public.pk}/recommendations/invite/"', html)
        self.assertEqual(post_forms_without_token(html), [])

    def test_it_opens_a_call_and_invites_in_one_step(self):
        self.sign_in(self.alice)
        page = self.invite(self.bottler)
        self.assertRedirects(page, f"/partnerships/{self.public.pk}/recommendations/")
        call = Call.objects.get(partnership=self.public)
        self.assertEqual(call.title, "Join Open Sahel Water Data")
        self.assertEqual(call.deadline, dt.date(2026, 12, 1))
        self.assertTrue(call.is_open)
        response = call.responses.get()
        self.assertEqual((response.organisation, response.status), (self.bottler, "invited"))
        self.assert_audited(call, "create", self.alice)
        self.assert_audited(response, "call.invited", self.alice)
        self.assertContains(page, "Clearwater Bottling is invited to respond")
        self.assertContains(page, "Invite to “Join Open Sahel Water Data”")

    def test_it_adds_later_invitations_to_the_open_call(self):
        call = services.publish_call(self.alice, self.public, title="Data partners",
                                     needs="A university", deadline=dt.date(2026, 11, 20))
        self.sign_in(self.alice)
        self.invite(self.bottler)
        self.invite(self.ministry)
        self.assertEqual(Call.objects.filter(partnership=self.public).count(), 1)
        self.assertEqual({r.organisation for r in call.responses.all()},
                         {self.bottler, self.ministry})
        html = self.page().content.decode()
        self.assertIn("Ministry of Water</a>", html)
        self.assertIn(">Invited<", html)
        self.assertNotIn(f'name="organisation" value="{self.ministry.pk}"', html)

    def test_it_refuses_a_member_and_a_second_invitation(self):
        self.sign_in(self.alice)
        page = self.invite(self.trust)
        self.assertContains(page, "already a member")
        self.assertFalse(Call.objects.filter(partnership=self.public).exists())
        self.invite(self.bottler)
        page = self.invite(self.bottler)
        self.assertContains(page, "already invited")
        self.assertEqual(CallResponse.objects.count(), 1)

    def test_it_lets_only_stewards_invite(self):
        self.assertEqual(self.invite(self.bottler).status_code, 200)  # the sign-in page
        self.assertFalse(CallResponse.objects.exists())
        for user in (self.carol, self.olga):
            self.sign_in(user)
            self.assertEqual(self.invite(self.bottler).status_code, 403)
            self.assertNotIn("invite/", self.page().content.decode())
        self.sign_in(self.olga)
        response = self.client.post(
            f"/partnerships/{self.private.pk}/recommendations/invite/",
            {"organisation": self.bottler.pk})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(CallResponse.objects.exists())

    def test_it_lists_no_member_among_the_recommendations(self):
        self.sign_in(self.alice)
        html = self.page().content.decode()
        self.assertIn(f'href="/organisations/{self.ministry.pk}/"', html)
        self.assertNotIn(f'href="/organisations/{self.trust.pk}/"', html)
