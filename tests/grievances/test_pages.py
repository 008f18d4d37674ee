"""The pages: filing without an account (code and secret shown once), following a case by
code and secret, the handlers' list and case page, staff entry; restricted cases seen by
named handlers and admins only, on every page."""

import re

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from partnering.grievances import services
from partnering.grievances.models import Grievance, GrievanceSettings
from tests.base import use_temporary_media
from tests.grievances.base import NOW, GrievanceTestCase

FORM = {"category": "service", "severity": "standard", "description": "The tap is broken.",
        "complainant_name": "Thandi", "complainant_contact": "+27 21 000 0000"}


@time_machine.travel(NOW, tick=True)
class FilingPagesTest(GrievanceTestCase):
    def setUp(self):
        use_temporary_media(self)

    def file_page(self, url, **extra):
        response = self.client.post(url, {**FORM, **extra})
        self.assertRedirects(response, "/grievances/filed/", fetch_redirect_response=False)
        page = self.client.get("/grievances/filed/").content.decode()
        code = re.search(r"GR-[0-9A-Z]{4}-[0-9A-Z]{4}", page)[0]
        secret = re.search(r"([0-9A-Z]{5}-){3}[0-9A-Z]{5}", page)[0]
        return code, secret

    def test_anyone_files_on_a_public_partnership_without_an_account(self):
        url = f"/partnerships/{self.public.pk}/grievances/new/"
        page = self.client.get(url)
        self.assertContains(page, "Published service levels")
        code, secret = self.file_page(url, anonymous="on")
        case = Grievance.objects.get(code=code)
        self.assertEqual((case.complainant_name, case.complainant_contact), ("", ""))
        self.assertNotIn(secret, case.secret_hash)
        # Shown once only.
        self.assertRedirects(self.client.get("/grievances/filed/"), "/grievances/follow/")

    def test_a_private_partnership_takes_grievances_by_its_intake_link_only(self):
        self.assertEqual(self.client.get(
            f"/partnerships/{self.private.pk}/grievances/new/").status_code, 404)
        settings = GrievanceSettings.objects.create(partnership=self.private)
        code, _secret = self.file_page(f"/grievances/file/{settings.intake_key}/")
        self.assertEqual(Grievance.objects.get(code=code).partnership, self.private)
        self.assertEqual(self.client.get("/grievances/file/nope/").status_code, 404)

    def test_attachments_follow_the_evidence_file_rules(self):
        settings = GrievanceSettings.objects.create(partnership=self.private)
        url = f"/grievances/file/{settings.intake_key}/"
        bad = SimpleUploadedFile("photo.pdf", b"<html>not a pdf</html>")
        response = self.client.post(url, {**FORM, "files": [bad]})
        self.assertEqual(response.status_code, 422)
        good = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
        code, _secret = self.file_page(url, files=[good])
        case = Grievance.objects.get(code=code)
        attachment = case.attachments.get()
        self.sign_in(self.henry)
        response = self.client.get(f"/grievances/{case.pk}/files/{attachment.pk}/")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="photo.png"')
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(
            f"/grievances/{case.pk}/files/{attachment.pk}/").status_code, 404)

    def test_the_complainant_follows_answers_and_confirms_by_code_and_secret(self):
        filed = self.file()
        services.ask(self.henry, filed.grievance, text="Which tap?")
        response = self.client.post("/grievances/follow/", {
            "code": filed.grievance.code.lower(), "secret": filed.secret})
        self.assertRedirects(response, "/grievances/follow/case/",
                             fetch_redirect_response=False)
        page = self.client.get("/grievances/follow/case/")
        self.assertContains(page, "Which tap?")
        self.assertEqual(page["Cache-Control"], "private, no-store")
        self.client.post("/grievances/follow/case/reply/", {"text": "The one by the school."})
        self.assertEqual(filed.grievance.messages.last().text, "The one by the school.")
        services.resolve(self.henry, self.reload(filed.grievance), outcome="upheld",
                         remedy="Fixed on Tuesday.")
        self.client.post("/grievances/follow/case/confirm/")
        self.assertEqual(self.reload(filed.grievance).state, "closed")
        self.client.post("/grievances/follow/case/leave/")
        self.assertRedirects(self.client.get("/grievances/follow/case/"), "/grievances/follow/")

    def test_a_wrong_code_and_a_wrong_secret_get_the_same_answer(self):
        filed = self.file()
        wrong_secret = self.client.post("/grievances/follow/", {
            "code": filed.grievance.code, "secret": "AAAAA-BBBBB-CCCCC-DDDDD"})
        wrong_code = self.client.post("/grievances/follow/", {
            "code": "GR-2222-3333", "secret": filed.secret})
        self.assertEqual(wrong_secret.status_code, wrong_code.status_code)
        def text(response, code):
            page = response.content.decode().replace(code, "")
            return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)

        self.assertEqual(text(wrong_secret, filed.grievance.code),
                         text(wrong_code, "GR-2222-3333"))

    def test_the_follow_form_is_rate_limited(self):
        from django.test import override_settings

        with override_settings(GRIEVANCE_CODE_RATE_PER_MINUTE=2):
            for _n in range(2):
                self.client.post("/grievances/follow/", {"code": "GR-2222-3333", "secret": "x"})
            response = self.client.post("/grievances/follow/", {"code": "GR-2222-3333",
                                                                "secret": "x"})
        self.assertEqual(response.status_code, 429)

    def test_the_complainant_appeals_and_follows_the_appeal_with_the_same_secret(self):
        filed = self.file()
        services.resolve(self.henry, filed.grievance, outcome="not_upheld")
        self.client.post("/grievances/follow/", {"code": filed.grievance.code,
                                                 "secret": filed.secret})
        self.client.post("/grievances/follow/case/appeal/", {"reason": "Nobody came."})
        appeal = Grievance.objects.get(appeal_of=filed.grievance)
        self.assertContains(self.client.get("/grievances/follow/case/"), appeal.code)


@time_machine.travel(NOW, tick=True)
class HandlerPagesTest(GrievanceTestCase):
    def setUp(self):
        self.restricted = self.file(category="safeguarding",
                                    description="MARKER-SAFEGUARDING").grievance
        self.ordinary = self.file(description="MARKER-ORDINARY").grievance
        self.about_ministry = self.file(about_organisation=self.ministry,
                                        description="MARKER-MINISTRY").grievance

    def overview(self, user):
        self.sign_in(user)
        response = self.client.get(f"/partnerships/{self.private.pk}/grievances/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_list_shows_each_person_only_what_they_may_see(self):
        expected = {
            self.henry: {self.restricted, self.ordinary, self.about_ministry},
            self.fatima: {self.restricted, self.ordinary},
            self.admin: {self.restricted, self.ordinary, self.about_ministry},
            self.bob: {self.ordinary, self.about_ministry},
            self.carol: set(), self.alice: set(),
        }
        cases = (self.restricted, self.ordinary, self.about_ministry)
        for user, shown in expected.items():
            page = self.overview(user)
            for case in cases:
                self.assertEqual(case.code in page, case in shown, (user, case.code))
        self.assertNotIn("Cases you may see", self.overview(self.carol))

    def test_the_case_page_is_a_404_for_whoever_may_not_see_it(self):
        for user, case in ((self.bob, self.restricted), (self.carol, self.ordinary),
                           (self.fatima, self.about_ministry), (self.olga, self.ordinary),
                           (self.gina, self.restricted)):
            self.sign_in(user)
            self.assertEqual(self.client.get(f"/grievances/{case.pk}/").status_code, 404)
            response = self.client.post(f"/grievances/{case.pk}/acknowledge/", {})
            self.assertEqual(response.status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(f"/grievances/{self.ordinary.pk}/").status_code, 404)

    def test_a_handler_works_a_case_from_its_page(self):
        self.sign_in(self.henry)
        url = f"/grievances/{self.restricted.pk}/"
        self.assertContains(self.client.get(url), "MARKER-SAFEGUARDING")
        self.client.post(url + "acknowledge/", {"note": ""})
        self.client.post(url + "message/", {"text": "Are you safe now?", "is_question": "on"})
        self.client.post(url + "assign/", {"user": self.fatima.pk})
        self.client.post(url + "resolve/", {"outcome": "referred",
                                            "remedy": "Referred to child protection."})
        case = self.reload(self.restricted)
        self.assertEqual((case.state, case.assigned_to), ("resolved", self.fatima))
        page = self.client.get(url).content.decode()
        self.assertIn("Referred to child protection.", page)

    def test_a_steward_reads_but_does_not_act(self):
        self.sign_in(self.bob)
        self.assertNotContains(self.client.get(f"/grievances/{self.ordinary.pk}/"),
                               "Act on the case")
        self.assertEqual(self.client.post(f"/grievances/{self.ordinary.pk}/acknowledge/",
                                          {}).status_code, 404)

    def test_staff_entry_is_for_handlers(self):
        url = f"/partnerships/{self.private.pk}/grievances/enter/"
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.sign_in(self.henry)
        response = self.client.post(url, {**FORM, "channel": "phone"})
        self.assertRedirects(response, "/grievances/filed/", fetch_redirect_response=False)
        self.assertTrue(Grievance.objects.filter(channel="phone", entered_by=self.henry))

    def test_nothing_of_a_case_reaches_the_partnership_history(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.private.pk}/history/").content.decode()
        for case in (self.restricted, self.ordinary):
            self.assertNotIn(case.code, page)
