"""/api/v1/grievances: filing without an account, the complainant by code and secret
(rate-limited; a wrong code and a wrong secret answer the same 404), handlers' lists and
actions, and restricted cases invisible to everyone but the named handlers and admins."""

import json

import time_machine
from django.test import override_settings

from partnering.grievances.models import Grievance, GrievanceSettings
from tests.grievances.base import NOW, GrievanceTestCase

API = "/api/v1/grievances"
BODY = {"category": "service", "description": "The tap by the school is broken.",
        "complainant_name": "Thandi"}


@time_machine.travel(NOW, tick=True)
class GrievanceApiTest(GrievanceTestCase):
    def post(self, path, data, headers=None):
        return self.client.post(path, json.dumps(data), content_type="application/json",
                                headers=headers or {})

    def test_anyone_files_and_follows_with_the_secret(self):
        response = self.post(API, {**BODY, "partnership_id": self.public.pk,
                                   "anonymous": True})
        self.assertEqual(response.status_code, 201, response.content)
        filed = response.json()
        case = Grievance.objects.get(code=filed["code"])
        self.assertEqual(case.complainant_name, "")
        response = self.client.get(f"{API}/{filed['code']}",
                                   headers={"X-Grievance-Secret": filed["secret"]})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual([c["clock"] for c in body["clocks"]],
                         ["acknowledge", "respond", "resolve"])
        self.assertIsNone(body["complainant_name"])
        reply = self.post(f"{API}/{filed['code']}/replies",
                          {"text": "It is the green tap.", "secret": filed["secret"]})
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply.json()["messages"][0]["text"], "It is the green tap.")

    def test_bodies_are_strict(self):
        response = self.post(API, {**BODY, "partnership_id": self.public.pk, "colour": "red"})
        self.assertEqual(response.status_code, 422)

    def test_a_private_partnership_takes_grievances_by_intake_key_only(self):
        self.assertEqual(self.post(API, {**BODY, "partnership_id": self.private.pk})
                         .status_code, 404)
        key = GrievanceSettings.objects.create(partnership=self.private).intake_key
        self.assertEqual(self.post(API, {**BODY, "intake_key": key}).status_code, 201)

    def test_a_wrong_code_and_a_wrong_secret_answer_the_same(self):
        filed = self.file()
        wrong_secret = self.client.get(f"{API}/{filed.grievance.code}",
                                       headers={"X-Grievance-Secret": "AAAAA"})
        wrong_code = self.client.get(f"{API}/GR-2222-3333",
                                     headers={"X-Grievance-Secret": filed.secret})
        self.assertEqual((wrong_secret.status_code, wrong_secret.json()),
                         (wrong_code.status_code, wrong_code.json()))
        self.assertEqual(wrong_code.status_code, 404)

    @override_settings(GRIEVANCE_CODE_RATE_PER_MINUTE=3)
    def test_the_secret_is_rate_limited_per_code(self):
        filed = self.file()
        url = f"{API}/{filed.grievance.code}"
        for _n in range(3):
            self.client.get(url, headers={"X-Grievance-Secret": "guess"})
        response = self.client.get(url, headers={"X-Grievance-Secret": filed.secret})
        self.assertEqual(response.status_code, 429)

    def test_handlers_list_and_act(self):
        filed = self.file(category="safeguarding")
        code = filed.grievance.code
        self.sign_in(self.henry)
        self.assertEqual([row["code"] for row in self.client.get(API).json()["items"]],
                         [code])
        self.assertEqual(self.post(f"{API}/{code}/acknowledge", {}).status_code, 200)
        answer = self.post(f"{API}/{code}/resolve", {"outcome": "referred",
                                                     "remedy": "To the child protection unit"})
        self.assertEqual(answer.json()["state"], "resolved")
        self.assertEqual(self.post(f"{API}/{code}/assign", {"user_id": self.carol.pk})
                         .status_code, 422)

    def test_restricted_cases_are_invisible_to_everyone_else(self):
        code = self.file(category="safeguarding").grievance.code
        for user in (self.bob, self.alice, self.carol, self.olga, self.gina):
            self.sign_in(user)
            listed = self.client.get(API).json()
            self.assertEqual(listed["count"], 0, user)
            self.assertEqual(self.client.get(f"{API}/{code}").status_code, 404, user)
            self.assertEqual(self.post(f"{API}/{code}/acknowledge", {}).status_code, 404, user)
        self.client.logout()
        self.assertEqual(self.client.get(API).status_code, 401)
        self.assertEqual(self.client.get(f"{API}/{code}").status_code, 404)

    def test_a_case_about_a_partner_is_hidden_from_its_people(self):
        code = self.file(about_organisation=self.ministry).grievance.code
        self.sign_in(self.fatima)
        self.assertEqual(self.client.get(f"{API}/{code}").status_code, 404)
        self.assertEqual(self.client.get(API).json()["count"], 0)

    def test_staff_enter_with_the_channel(self):
        self.sign_in(self.henry)
        response = self.post(f"{API}/entries", {**BODY, "partnership_id": self.private.pk,
                                                "channel": "sms"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Grievance.objects.get(code=response.json()["code"]).entered_by,
                         self.henry)
        self.sign_in(self.carol)
        response = self.post(f"{API}/entries", {**BODY, "partnership_id": self.private.pk,
                                                "channel": "sms"})
        self.assertEqual(response.status_code, 403)
