"""The pages of platforms: the list, a platform with its forum tree, a forum with its
waiting items and the facilitator's moves, a consultation, submitting input, and the
invitation link."""

import re

import time_machine

from partnering.platforms.consultations import services
from partnering.platforms.models import ConsultationInvitation, Forum, Item, Platform, Submission
from tests.platforms.world import TODAY, PlatformWorld


@time_machine.travel(TODAY, tick=False)
class PageTests(PlatformWorld):
    def test_it_lists_public_platforms_to_anonymous_visitors(self):
        page = self.client.get("/platforms/")
        self.assertContains(page, "Vision 2030 Jamaica")
        self.assertNotContains(page, "Hidden platform")

    def test_it_shows_the_forums_as_a_tree_without_private_ones(self):
        page = self.client.get(f"/platforms/{self.platform.pk}/")
        self.assertContains(page, "St. Catherine parish development committee")
        self.assertNotContains(page, "Riverton CDC")
        self.sign_in(self.alice)
        self.assertContains(self.client.get(f"/platforms/{self.platform.pk}/"), "Riverton CDC")

    def test_it_lets_a_member_submit_from_the_page(self):
        self.sign_in(self.alice)
        response = self.client.post(f"/consultations/{self.mtf.pk}/submit/", {
            "forum": self.cdc.pk, "voice": "organisation", "section": self.water.pk,
            "text": "Pipe water to Riverton", "language": "en"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Submission.objects.get().as_organisation, self.trust)
        page = self.client.get(f"/forums/{self.cdc.pk}/")
        self.assertContains(page, "Pipe water to Riverton")

    def test_it_shows_errors_and_writes_nothing_for_bad_input(self):
        self.sign_in(self.alice)
        response = self.client.post(f"/consultations/{self.mtf.pk}/submit/", {
            "forum": self.cdc.pk, "voice": "organisation", "text": "", "language": "en"})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "errors", status_code=422)
        self.assertFalse(Submission.objects.exists())

    def test_it_forwards_and_shows_the_path(self):
        submission = services.submit(self.alice, self.mtf, self.cdc, text="Drains",
                                     section=self.governance)
        item = Item.objects.get(origins__submission=submission)
        self.sign_in(self.sam)
        response = self.client.post(f"/forums/{self.cdc.pk}/forward/", {"item": item.pk})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.reload(item).forum, self.pdc)
        self.client.logout()
        page = self.client.get(f"/forums/{self.pdc.pk}/")
        self.assertContains(page, "a private forum → St. Catherine parish development "
                                  "committee")

    def test_it_merges_from_the_page(self):
        first = services.submit(self.alice, self.mtf, self.cdc, text="Roof")
        second = services.submit(self.alice, self.mtf, self.cdc, text="Roof again")
        ids = list(Item.objects.filter(origins__submission__in=[first, second]).values_list(
            "pk", flat=True))
        self.sign_in(self.sam)
        self.assertEqual(self.client.get(f"/forums/{self.cdc.pk}/merge/").status_code, 200)
        response = self.client.post(f"/forums/{self.cdc.pk}/merge/",
                                    {"items": ids, "title": "Roof", "text": "Both: roof"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Item.objects.get(kind="merged").origins.count(), 2)

    def test_it_adds_a_synthesis_from_the_page(self):
        self.sign_in(self.carol)
        response = self.client.post(f"/forums/{self.pdc.pk}/synthesis/", {
            "consultation": self.mtf.pk, "title": "Parish view", "text": "Water first"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Item.objects.get().kind, "synthesis")

    def test_it_lets_the_secretariat_create_levels_forums_and_consultations(self):
        self.sign_in(self.sam)
        base = f"/platforms/{self.platform.pk}"
        self.assertEqual(self.client.post(f"{base}/levels/new/", {
            "name": "Regional", "rank": 4}).status_code, 302)
        self.assertEqual(self.client.post(f"{base}/forums/new/", {
            "title": "Clarendon PDC", "level": self.parish.pk, "parent": self.nwg.pk,
            "visibility": "public"}).status_code, 302)
        self.assertTrue(Forum.objects.filter(title="Clarendon PDC").exists())
        response = self.client.post(f"{base}/consultations/new/", {
            "title": "Budget", "document": "Budget 2028", "opens_on": "2027-03-01",
            "closes_on": "2027-03-31", "levels": [self.community.pk],
            "sections": "1 | Health\n2 | Roads | Text"})
        self.assertEqual(response.status_code, 302)

    def test_it_refuses_a_consultation_with_bad_sections(self):
        self.sign_in(self.sam)
        response = self.client.post(f"/platforms/{self.platform.pk}/consultations/new/", {
            "title": "Budget", "document": "Budget 2028", "opens_on": "2027-03-01",
            "closes_on": "2027-02-01", "levels": [self.community.pk], "sections": "1"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(self.platform.consultations.count(), 1)

    def test_it_lets_an_organisation_admin_create_a_platform(self):
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        self.sign_in(self.alice)
        response = self.client.post("/platforms/new/", {
            "title": "Sahel platform", "visibility": "private", "time_zone": "Africa/Niamey",
            "default_answer_days": 45})
        self.assertEqual(response.status_code, 302)
        platform = Platform.objects.get(title="Sahel platform")
        self.assertEqual(list(platform.secretariat_organisations.all()), [self.trust])

    def test_it_refuses_platform_creation_to_others(self):
        self.sign_in(self.olga)
        self.assertEqual(self.client.get("/platforms/new/").status_code, 403)

    def test_it_takes_anonymous_input_through_an_invitation_link(self):
        self.sign_in(self.sam)
        response = self.client.post(f"/forums/{self.cdc.pk}/invitations/new/",
                                    {"consultation": self.mtf.pk, "label": "Town meeting"})
        path = re.search(r"http://testserver(/take-part/[^/<]+/)", response.content.decode())[1]
        self.client.logout()
        self.assertContains(self.client.get(path), "Riverton CDC")
        response = self.client.post(path, {"text": "Lights", "name": "Jane", "anonymous": "on",
                                           "language": "en"})
        self.assertContains(response, "receipt")
        submission = Submission.objects.get()
        self.assertEqual((submission.name, submission.submitted_by_id), ("", None))
        self.assertEqual(ConsultationInvitation.objects.get().used_count, 1)

    def test_it_answers_404_for_an_unknown_invitation(self):
        self.assertEqual(self.client.get("/take-part/nope/").status_code, 404)
