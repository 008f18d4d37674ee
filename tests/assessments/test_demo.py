from django.test import TestCase

from partnering.assessments.models import Round
from partnering.assessments.results import round_results
from partnering.platform.demo import load_demo


class AssessmentDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_it_shows_safe_childhoods_health_check_with_a_small_group_held_back(self):
        current = Round.objects.get(title="Health check 2026")
        data = round_results(current)
        self.assertGreaterEqual(data["respondents"], 12)
        shown = [g["shown"] for g in data["groups"]]
        self.assertIn(False, shown)
        self.assertIn(True, shown)
        self.assertTrue(data["change"])
        self.assertTrue(data["free_text"])
        self.assertEqual(current.plan_items.filter(action__isnull=False).count(), 2)

    def test_it_shows_world_vision_malawis_perception_gap(self):
        survey = Round.objects.get(title="Partner of Choice survey 2026")
        data = round_results(survey)
        largest = [g["code"] for g in data["gaps"] if g["largest"]]
        self.assertIn("systems", largest)
        self.assertEqual(survey.plan_items.count(), 4)

    def test_it_renders_the_demo_rounds_for_the_broker_and_the_admin(self):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects
        current = Round.objects.get(title="Health check 2026")
        self.client.force_login(users.get(username="broker"))
        page = self.client.get(f"/assessments/rounds/{current.pk}/")
        self.assertContains(page, "not shown (a small group, or needed to protect one)")
        self.assertContains(page, "Change since Health check 2025")
        self.assertContains(page, "In their own words")
        self.assertEqual(self.client.get(f"/assessments/rounds/{current.pk}/summit/")
                         .status_code, 200)
        self.assertEqual(self.client.get(f"/assessments/rounds/{current.pk}/invitations/")
                         .status_code, 200)
        self.client.force_login(users.get(username="outsider"))
        self.assertEqual(self.client.get(f"/assessments/rounds/{current.pk}/").status_code, 404)
        survey = Round.objects.get(title="Partner of Choice survey 2026")
        self.client.force_login(users.get(username="admin"))
        page = self.client.get(f"/assessments/rounds/{survey.pk}/")
        self.assertContains(page, "Largest gaps:")
        page = self.client.get(f"/organisations/{survey.organisation_id}/assessments/")
        self.assertContains(page, "Partner of Choice survey 2026")
