"""The API of platforms: /platforms, /forums, /consultations, /submissions, with strict bodies
and private forums answered 404 to outsiders."""

import time_machine

from partnering.platforms.consultations import services
from partnering.platforms.models import Forum, Item, Submission
from tests.apitest import ApiTestCase
from tests.platforms.world import TODAY, PlatformWorld


@time_machine.travel(TODAY, tick=False)
class ApiTests(PlatformWorld, ApiTestCase):
    def test_it_lists_only_visible_platforms_and_forums(self):
        body = self.assert_status(self.get("/platforms"), 200)
        self.assertEqual([p["title"] for p in body["items"]], ["Vision 2030 Jamaica"])
        titles = [f["title"] for f in self.assert_status(self.get("/forums"), 200)["items"]]
        self.assertNotIn("Riverton CDC", titles)
        self.assertNotIn("Hidden forum", titles)
        self.assertIn("St. Catherine parish development committee", titles)

    def test_it_answers_404_for_private_things_to_outsiders(self):
        submission = services.submit(self.alice, self.mtf, self.cdc, text="Drains")
        for user in (None, self.olga):
            if user:
                self.sign_in(user)
            for path in (f"/forums/{self.cdc.pk}", f"/platforms/{self.hidden.pk}",
                         f"/submissions/{submission.pk}"):
                self.assert_status(self.get(path), 404)
        self.sign_in(self.olga)
        self.assert_status(self.post("/submissions", {
            "consultation_id": self.mtf.pk, "forum_id": self.cdc.pk, "text": "x"}), 404)

    def test_it_takes_a_submission_and_refuses_unknown_fields(self):
        self.sign_in(self.alice)
        body = {"consultation_id": self.mtf.pk, "forum_id": self.cdc.pk, "text": "Roads",
                "section_id": self.water.pk}
        self.assert_status(self.post("/submissions", {**body, "secret": 1}), 422)
        created = self.assert_status(self.post("/submissions", body), 201)
        self.assertEqual(created["organisation_id"], self.trust.pk)
        self.assertEqual(Submission.objects.count(), 1)
        listed = self.assert_status(self.get("/submissions", consultation_id=self.mtf.pk), 200)
        self.assertEqual(listed["count"], 1)

    def test_it_forwards_merges_and_shows_paths(self):
        first = services.submit(self.alice, self.mtf, self.cdc, text="Roof")
        second = services.submit(self.alice, self.mtf, self.cdc, text="Roof leaks")
        ids = list(Item.objects.filter(origins__submission__in=[first, second]).values_list(
            "pk", flat=True))
        self.sign_in(self.alice)  # a member, not a facilitator
        self.assert_status(self.post(f"/forums/{self.cdc.pk}/forward", {"item_id": ids[0]}),
                           403)
        self.sign_in(self.sam)
        merged = self.assert_status(self.post(f"/forums/{self.cdc.pk}/merge", {
            "item_ids": ids, "title": "Roof", "text": "Repair the roof"}), 201)
        item = self.assert_status(self.post(f"/forums/{self.cdc.pk}/forward",
                                            {"item_id": merged["id"]}), 200)
        self.assertEqual(item["path"], ["Riverton CDC",
                                        "St. Catherine parish development committee"])
        self.client.logout()
        items = self.assert_status(self.get(f"/consultations/{self.mtf.pk}/items"), 200)
        self.assertEqual([i["path"] for i in items["items"]],
                         [["a private forum", "St. Catherine parish development committee"]])

    def test_it_lets_the_secretariat_build_a_platform(self):
        self.sign_in(self.sam)
        level = self.assert_status(self.post(f"/platforms/{self.platform.pk}/levels", {
            "name": "Regional", "rank": 4}), 201)
        forum = self.assert_status(self.post("/forums", {
            "platform_id": self.platform.pk, "level_id": level["id"], "title": "Region",
            "visibility": "public"}), 201)
        self.assert_status(self.post(f"/forums/{forum['id']}/members", {
            "organisation_id": self.bottler.pk}), 201)
        consultation = self.assert_status(self.post("/consultations", {
            "platform_id": self.platform.pk, "title": "Budget", "document": "Budget 2028",
            "opens_on": "2027-03-01", "closes_on": "2027-03-31",
            "level_ids": [self.community.pk], "sections": [{"number": "1", "title": "H"}]}),
            201)
        self.assertEqual(consultation["answer_deadline"], "2027-04-30")
        self.assertEqual(Forum.objects.get(pk=forum["id"]).memberships.count(), 1)

    def test_it_refuses_the_secretariats_work_to_others(self):
        self.sign_in(self.alice)
        self.assert_status(self.post(f"/platforms/{self.platform.pk}/levels", {
            "name": "Regional", "rank": 4}), 403)
