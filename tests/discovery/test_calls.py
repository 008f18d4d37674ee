"""Calls for expressions of interest: publish, respond, shortlist, invite, accept."""

import datetime as dt

import time_machine

from partnering.discovery import services
from partnering.discovery.models import CallResponse
from partnering.partnerships.models import Membership
from tests.apitest import TOO_LONG, ApiTestCase

TODAY = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


@time_machine.travel(TODAY, tick=False)
class CallTestCase(ApiTestCase):
    def setUp(self):
        self.call = services.publish_call(
            self.alice, self.public, title="Partners for open water data",
            needs="A university to host the data; a telecom for SMS reporting.",
            deadline=dt.date(2026, 11, 30))

    @property
    def calls(self) -> str:
        return f"/partnerships/{self.public.pk}/calls"

    @property
    def responses(self) -> str:
        return f"{self.calls}/{self.call.pk}/responses"


class PublishingCalls(CallTestCase):
    def test_it_publishes_a_call_with_an_audit_record(self):
        self.sign_in(self.bob)
        body = self.assert_status(self.post(f"/partnerships/{self.private.pk}/calls", {
            "title": "Drillers wanted", "needs": "Borehole drilling", "deadline": "2026-12-01"}),
            201)
        assert body["is_open"] and body["deadline"] == "2026-12-01"
        call = self.private.calls.get(pk=body["id"])
        self.assert_audited(call, "create", self.bob)

    def test_it_refuses_bad_calls(self):
        self.sign_in(self.alice)
        url = f"/partnerships/{self.private.pk}/calls"
        for payload in ({"title": "", "needs": "x", "deadline": "2026-12-01"},
                        {"title": "x", "needs": TOO_LONG, "deadline": "2026-12-01"},
                        {"title": "x", "needs": "x", "deadline": "2026-10-01"},
                        {"title": "x", "needs": "x", "deadline": "soon"}):
            self.assert_error(self.post(url, payload), 422)
        assert not self.private.calls.exists()

    def test_it_lets_only_stewards_publish(self):
        self.sign_in(self.carol)
        self.assert_error(self.post(f"/partnerships/{self.private.pk}/calls", {
            "title": "x", "needs": "x", "deadline": "2026-12-01"}), 403)
        self.sign_in(self.olga)
        self.assert_error(self.post(f"/partnerships/{self.private.pk}/calls", {
            "title": "x", "needs": "x", "deadline": "2026-12-01"}), 404)

    def test_it_lists_open_calls_of_public_partnerships_publicly(self):
        services.publish_call(self.alice, self.private, title="Secret call", needs="x",
                              deadline=dt.date(2026, 11, 30))
        page = self.client.get("/calls/")
        self.assertContains(page, "Partners for open water data")
        self.assertNotContains(page, "Secret call")
        self.assertContains(self.client.get("/directory/"), "/calls/")
        body = self.assert_status(self.get(self.calls), 200)
        assert [c["title"] for c in body] == ["Partners for open water data"]


class Responding(CallTestCase):
    def test_it_takes_an_expression_of_interest_from_a_person_of_the_organisation(self):
        self.sign_in(self.olga)
        body = self.assert_status(self.post(self.responses, {
            "organisation_id": self.elsewhere.pk, "statement": "We fund open data."}), 201)
        assert body["status"] == "submitted" and body["organisation_name"] == "Far Away Foundation"
        response = CallResponse.objects.get(pk=body["id"])
        self.assert_audited(response, "call.response_received", self.olga)
        # The respondent sees its own response; members see all.
        assert len(self.assert_status(self.get(self.responses), 200)) == 1

    def test_it_refuses_responses_for_another_organisation_or_late_ones(self):
        self.sign_in(self.olga)
        self.assert_error(self.post(self.responses, {
            "organisation_id": self.bottler.pk, "statement": "Not ours"}), 403)
        self.assert_error(self.post(self.responses, {
            "organisation_id": self.elsewhere.pk, "statement": "  "}), 422)
        type(self.call).objects.filter(pk=self.call.pk).update(deadline=dt.date(2026, 10, 31))
        self.assert_error(self.post(self.responses, {
            "organisation_id": self.elsewhere.pk, "statement": "Late"}), 422)
        assert not CallResponse.objects.exists()

    def test_it_responds_from_the_page(self):
        self.sign_in(self.olga)
        page = self.client.get(f"/partnerships/{self.public.pk}/calls/{self.call.pk}/")
        self.assertContains(page, "Express your organisation")
        response = self.client.post(f"/partnerships/{self.public.pk}/calls/{self.call.pk}/"
                                    "respond/", {"organisation": self.elsewhere.pk,
                                                 "statement": "We can help"})
        self.assertEqual(response.status_code, 302)
        assert CallResponse.objects.get().statement == "We can help"


class Deciding(CallTestCase):
    def setUp(self):
        super().setUp()
        self.response = services.respond(self.olga, self.call, organisation=self.elsewhere,
                                         statement="We fund open data.")

    def decision(self, decision: str):
        return self.post(f"{self.responses}/{self.response.pk}/decision",
                         {"decision": decision})

    def test_it_shortlists_and_accepts_a_response_making_a_member(self):
        self.sign_in(self.alice)
        assert self.assert_status(self.decision("shortlist"), 200)["status"] == "shortlisted"
        assert self.assert_status(self.decision("accept"), 200)["status"] == "accepted"
        assert Membership.objects.filter(partnership=self.public,
                                         organisation=self.elsewhere).exists()
        self.assert_error(self.decision("decline"), 422)

    def test_it_lets_only_stewards_decide(self):
        self.sign_in(self.olga)
        self.assert_error(self.decision("accept"), 403)
        self.sign_in(self.carol)
        self.assert_error(self.decision("nonsense"), 422)
        assert self.reload(self.response).status == "submitted"

    def test_it_decides_from_the_page(self):
        self.sign_in(self.alice)
        url = f"/partnerships/{self.public.pk}/calls/{self.call.pk}/"
        self.assertContains(self.client.get(url), "We fund open data.")
        self.client.post(f"{url}responses/{self.response.pk}/", {"decision": "accept"})
        assert self.reload(self.response).status == "accepted"


class Inviting(CallTestCase):
    def test_it_invites_a_recommended_organisation_which_then_responds(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(f"{self.calls}/{self.call.pk}/invitations",
                                            {"organisation_id": self.elsewhere.pk}), 201)
        assert body["status"] == "invited"
        self.assert_error(self.post(f"{self.calls}/{self.call.pk}/invitations",
                                    {"organisation_id": self.elsewhere.pk}), 422)
        self.assert_error(self.post(f"{self.calls}/{self.call.pk}/invitations",
                                    {"organisation_id": self.trust.pk}), 422)
        self.sign_in(self.olga)
        body = self.assert_status(self.post(self.responses, {
            "organisation_id": self.elsewhere.pk, "statement": "Glad to"}), 201)
        assert body["status"] == "submitted"

    def test_it_lets_an_invited_organisation_see_a_private_call(self):
        call = services.publish_call(self.alice, self.private, title="Quiet call",
                                     needs="Funding", deadline=dt.date(2026, 11, 30))
        url = f"/partnerships/{self.private.pk}/calls/{call.pk}/"
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(url).status_code, 404)
        services.invite(self.alice, call, self.elsewhere)
        self.assertContains(self.client.get(url), "Quiet call")
        self.assertEqual(self.client.get(f"/partnerships/{self.private.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/partnerships/{self.private.pk}/calls/").status_code,
                         404)

    def test_it_invites_from_the_recommendations_page(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.public.pk}/recommendations/")
        self.assertContains(page, "Invite")
        self.client.post(f"/partnerships/{self.public.pk}/calls/{self.call.pk}/invite/",
                         {"organisation": self.bottler.pk, "next": "recommendations"})
        assert self.call.responses.get().organisation == self.bottler

    def test_it_closes_a_call(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(f"{self.calls}/{self.call.pk}/close"), 200)
        assert body["status"] == "closed" and not body["is_open"]
        self.sign_in(self.olga)
        self.assert_error(self.post(f"{self.calls}/{self.call.pk}/close"), 403)
