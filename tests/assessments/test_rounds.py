from datetime import timedelta

import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from partnering.assessments import services
from partnering.assessments.models import Answer, Invitation, Response, token_hash
from partnering.audit.models import AuditEvent
from tests.assessments.helpers import fit, health_check, open_round
from tests.base import PartneringTestCase


class RoundTest(PartneringTestCase):
    def setUp(self):
        cache.clear()
        self.round = open_round(self.alice, partnership=self.private)
        self.group = self.round.groups.get(organisation=self.ministry)

    def invite(self, email="amina@example.org"):
        return services.invite(self.alice, self.round, group=self.group, email=email,
                               name="Amina")

    def test_it_creates_a_group_per_member_organisation(self):
        names = set(self.round.groups.values_list("name", flat=True))
        self.assertEqual(names, {"Sahel Water Trust", "Ministry of Water"})
        self.assertTrue(AuditEvent.objects.filter(partnership_id=self.private.pk,
                                                  object_type="assessments.round").exists())

    def test_it_creates_rounds_over_the_api_for_stewards_only(self):
        now = timezone.now()
        body = {"instrument_id": health_check().pk, "partnership_id": self.private.pk,
                "title": "2027 check", "opens_at": now.isoformat(),
                "closes_at": (now + timedelta(days=9)).isoformat(), "grouping": "sector"}
        self.sign_in(self.carol)
        self.assertEqual(self.client.post("/api/v1/rounds", body, "application/json")
                         .status_code, 403)
        self.sign_in(self.olga)
        self.assertEqual(self.client.post("/api/v1/rounds", body, "application/json")
                         .status_code, 404)
        self.sign_in(self.alice)
        response = self.client.post("/api/v1/rounds", body, "application/json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual({g["name"] for g in response.json()["groups"]},
                         {"Civil society", "Public sector"})
        bad = dict(body, closes_at=(now - timedelta(days=1)).isoformat())
        self.assertEqual(self.client.post("/api/v1/rounds", bad, "application/json")
                         .status_code, 422)
        wrong = dict(body, instrument_id=fit().pk)
        self.assertEqual(self.client.post("/api/v1/rounds", wrong, "application/json")
                         .status_code, 422)

    def test_it_hides_a_private_partnerships_round_from_outsiders_everywhere(self):
        self.invite()
        for user in (self.olga, None):
            self.client.logout()
            if user:
                self.sign_in(user)
            for url in (f"/api/v1/rounds/{self.round.pk}",
                        f"/api/v1/rounds/{self.round.pk}/results",
                        f"/api/v1/rounds/{self.round.pk}/invitations",
                        f"/api/v1/rounds/{self.round.pk}/actions",
                        f"/api/v1/rounds/{self.round.pk}/responses.csv",
                        f"/assessments/rounds/{self.round.pk}/",
                        f"/assessments/rounds/{self.round.pk}/summit/",
                        f"/assessments/rounds/{self.round.pk}/invitations/",
                        f"/partnerships/{self.private.pk}/health-checks/"):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 401, 404), f"{user} {url}")
                self.assertNotIn(self.private.title.encode(), response.content)
            post = self.client.post(f"/api/v1/rounds/{self.round.pk}/reminders")
            self.assertIn(post.status_code, (401, 404))
        self.sign_in(self.olga)
        self.assertEqual(self.client.get("/api/v1/rounds").json()["count"], 0)

    def test_it_audits_opening_and_closing_a_round(self):
        opened = AuditEvent.objects.get(object_type="assessments.round",
                                        object_id=str(self.round.pk), action="round.opened")
        self.assertEqual(opened.actor_id, self.alice.pk)
        self.assertEqual(opened.changes["title"], [None, "Annual health check 2026"])
        url = f"/api/v1/rounds/{self.round.pk}/close"
        self.sign_in(self.carol)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.sign_in(self.alice)
        response = self.client.post(url)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["is_open"])
        closed = AuditEvent.objects.get(object_type="assessments.round",
                                        object_id=str(self.round.pk), action="round.closed")
        self.assertEqual(list(closed.changes), ["closes_at"])
        self.assertEqual(closed.partnership_id, self.private.pk)
        self.assertEqual(self.client.post(url).status_code, 422)

    def test_it_closes_a_round_from_the_page(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/invitations/")
        self.assertContains(page, f"/assessments/rounds/{self.round.pk}/close/")
        response = self.client.post(f"/assessments/rounds/{self.round.pk}/close/")
        self.assertRedirects(response, f"/assessments/rounds/{self.round.pk}/",
                             fetch_redirect_response=False)
        self.round.refresh_from_db()
        self.assertFalse(self.round.is_open)
        self.assertTrue(AuditEvent.objects.filter(action="round.closed").exists())

    def test_it_lets_members_see_and_stewards_manage(self):
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(f"/api/v1/rounds/{self.round.pk}").status_code, 200)
        self.assertEqual(self.client.get(f"/assessments/rounds/{self.round.pk}/").status_code,
                         200)
        self.assertEqual(self.client.get(f"/api/v1/rounds/{self.round.pk}/invitations")
                         .status_code, 403)
        body = {"group_id": self.group.pk, "email": "x@example.org"}
        self.assertEqual(self.client.post(f"/api/v1/rounds/{self.round.pk}/invitations", body,
                                          "application/json").status_code, 403)
        self.sign_in(self.bob)
        with self.captureOnCommitCallbacks(execute=True):  # the mail job follows the commit
            response = self.client.post(f"/api/v1/rounds/{self.round.pk}/invitations", body,
                                        "application/json")
        self.assertEqual(response.status_code, 201)
        token = response.json()["token"]
        self.assertGreaterEqual(len(token), 40)
        invitation = Invitation.objects.get(email="x@example.org")
        self.assertEqual(invitation.token_hash, token_hash(token))
        self.assertNotIn(token, invitation.token_hash)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(f"/respond/{token}/", mail.outbox[0].body)

    def test_it_saves_part_way_then_submits_and_cuts_the_link_to_the_person(self):
        invitation, token = self.invite()
        url = f"/api/v1/responses/{token}"
        form = self.client.get(url + "?lang=fr")
        self.assertEqual(form.status_code, 200)
        self.assertEqual(form.json()["form"]["title"], "Bilan de santé du partenariat")
        response = self.client.put(url, {"answers": [{"question": "trust_open", "value": 4}]},
                                   "application/json")
        self.assertEqual(response.status_code, 200, response.content)
        draft = Response.objects.get()
        self.assertEqual(draft.invitation, invitation)
        self.assertFalse(Answer.objects.get().counted)
        response = self.client.put(url, {"answers": [
            {"question": "fail_trust", "value": 2}, {"question": "years", "value": 3},
            {"question": "continue", "choices": ["no"]},
            {"question": "continue_why", "text": "Shared decisions"},
            {"question": "comm_timely", "dont_know": True}], "submit": True},
            "application/json")
        self.assertEqual(response.status_code, 200, response.content)
        submitted = Response.objects.get()
        self.assertTrue(submitted.submitted)
        self.assertIsNone(submitted.invitation)
        self.assertNotEqual(submitted.key_hash, self.reload(invitation).token_hash)
        self.assertTrue(self.reload(invitation).submitted)
        self.assertEqual(Answer.objects.filter(counted=True).count(), 6)
        self.assertEqual(Answer.objects.get(question__code="fail_trust").score, 4.0)
        # Editable until the round closes; skip logic drops answers no longer shown.
        response = self.client.put(url, {"answers": [{"question": "continue",
                                                      "choices": ["yes"]}]},
                                   "application/json")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Answer.objects.filter(question__code="continue_why").exists())
        self.assertEqual(Response.objects.count(), 1)
        self.assertTrue(self.client.get(url).json()["submitted"])

    def test_it_refuses_bad_answers_and_changes_nothing(self):
        _, token = self.invite()
        url = f"/api/v1/responses/{token}"
        self.client.put(url, {"answers": [{"question": "trust_open", "value": 4}]},
                        "application/json")
        for answers in ([{"question": "trust_open", "value": 6}],
                        [{"question": "trust_open", "value": 0}],
                        [{"question": "trust_open", "value": 2.5}],
                        [{"question": "years", "value": 99}],
                        [{"question": "continue", "choices": ["maybe"]}],
                        [{"question": "continue", "choices": ["yes", "no"]}],
                        [{"question": "not_a_question", "value": 3}],
                        [{"question": "strat_intent", "value": 3}],
                        [{"question": "trust_open", "value": 1},
                         {"question": "trust_open", "value": 2}]):
            response = self.client.put(url, {"answers": answers}, "application/json")
            self.assertEqual(response.status_code, 422, answers)
            self.assertIn("detail", response.json())
        self.assertEqual(Answer.objects.get().value, 4.0)
        self.assertEqual(self.client.put(url, {"answers": "x"}, "application/json")
                         .status_code, 422)

    def test_it_refuses_unknown_and_replaced_tokens_and_closed_rounds(self):
        invitation, token = self.invite()
        body = {"answers": [{"question": "trust_open", "value": 4}]}
        self.assertEqual(self.client.get("/api/v1/responses/" + "x" * 43).status_code, 404)
        self.assertEqual(self.client.put("/api/v1/responses/short", body, "application/json")
                         .status_code, 404)
        with self.captureOnCommitCallbacks(execute=True):
            services.send_reminders(self.alice, self.round)
        self.assertEqual(self.client.put(f"/api/v1/responses/{token}", body,
                                         "application/json").status_code, 404)
        self.assertEqual(len(mail.outbox), 1, "the invitation's mail was never sent: superseded")
        new_token = mail.outbox[0].body.split("/respond/")[1].split("/")[0]
        self.assertEqual(self.client.put(f"/api/v1/responses/{new_token}", body,
                                         "application/json").status_code, 200)
        with time_machine.travel(self.round.closes_at + timedelta(minutes=1)):
            response = self.client.put(f"/api/v1/responses/{new_token}", {
                "answers": [{"question": "trust_open", "value": 1}]}, "application/json")
            self.assertEqual(response.status_code, 422)
            self.assertIn("closed", response.json()["detail"])
        self.assertEqual(Answer.objects.get().value, 4.0)
        self.assertEqual(Response.objects.count(), 1)

    def test_it_reminds_only_those_who_have_not_answered(self):
        _, answered = self.invite("a@example.org")
        self.invite("b@example.org")
        services.save_answers(answered, [{"question": "trust_open", "value": 5}], submit=True)
        mail.outbox.clear()
        self.sign_in(self.alice)
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/invitations/")
        self.assertContains(page, "1 of 2 invited people have answered (50 %)")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/assessments/rounds/{self.round.pk}/reminders/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual([m.to for m in mail.outbox], [["b@example.org"]])
        reminded = Invitation.objects.get(email="b@example.org")
        self.assertEqual(reminded.reminders, 1)
        self.assertIsNotNone(reminded.reminded_at)
        self.assertContains(self.client.get(f"/assessments/rounds/{self.round.pk}/invitations/"),
                            "Reminders last sent on")

    @override_settings(ASSESSMENT_TOKEN_RATE_PER_MINUTE=3)
    def test_it_rate_limits_the_token_endpoints(self):
        _, token = self.invite()
        codes = [self.client.get(f"/api/v1/responses/{token}").status_code for _ in range(4)]
        self.assertEqual(codes, [200, 200, 200, 429])
        self.assertEqual(self.client.get(f"/respond/{token}/").status_code, 429)

    @override_settings(ASSESSMENT_ADDRESS_RATE_PER_MINUTE=3)
    def test_it_rate_limits_guessing_from_one_address(self):
        codes = [self.client.get(f"/api/v1/responses/{n}" + "x" * 40).status_code
                 for n in range(4)]
        self.assertEqual(codes, [404, 404, 404, 429])

    def test_it_answers_through_the_page_without_signing_in(self):
        _, token = self.invite()
        page = self.client.get(f"/respond/{token}/?lang=es")
        self.assertContains(page, "Chequeo de salud de la alianza")
        self.assertContains(page, "No sé")
        response = self.client.post(f"/respond/{token}/", {
            "lang": "en", "trust_open": "4", "fail_trust": "dk", "years": "2",
            "benefits": ["reach", "knowledge"], "save": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Response.objects.get().submitted)
        page = self.client.get(f"/respond/{token}/")
        self.assertContains(page, 'value="reach" id="id_benefits_0" checked')
        response = self.client.post(f"/respond/{token}/", {
            "lang": "en", "trust_open": "5", "years": "200", "submit": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ensure this value is less than or equal to 60")
        response = self.client.post(f"/respond/{token}/", {
            "lang": "en", "trust_open": "5", "submit": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Response.objects.get().submitted)
        self.assertEqual(Answer.objects.get(question__code="trust_open").value, 5.0)
        self.assertEqual(self.client.get("/respond/" + "y" * 43 + "/").status_code, 404)

    def test_it_invites_through_the_page(self):
        self.sign_in(self.alice)
        url = f"/assessments/rounds/{self.round.pk}/invitations/"
        response = self.client.post(url, {"group": self.group.pk,
                                          "people": "Moussa Ibrahim <moussa@example.org>\n"
                                                    "awa@example.org"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "/respond/")
        self.assertEqual(Invitation.objects.count(), 2)
        response = self.client.post(url, {"group": self.group.pk, "people": "not-an-address"})
        self.assertContains(response, "is not an e-mail address")
        self.assertEqual(Invitation.objects.count(), 2)
        response = self.client.post(url, {"group": self.group.pk,
                                          "people": "new@example.org\nawa@example.org"})
        self.assertContains(response, "already invited")
        self.assertEqual(Invitation.objects.count(), 2)
