"""The demo's Vision 2030 Jamaica platform: a consultation with input from every level,
merged items, answers some late and some not yet delivered, and origins who feel heard."""

from django.test import TestCase

from partnering.platform import demo
from partnering.platforms.loops.metrics import loop_metrics
from partnering.platforms.models import AnswerDelivery, Consultation, Item, Platform


class LoopDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        cls.platform = Platform.objects.get(slug="vision-2030-jamaica")
        cls.mtf = Consultation.objects.get(platform=cls.platform)

    def test_it_loads_the_platform_with_submissions_from_every_level(self):
        assert self.platform.levels.count() == 3
        assert set(self.mtf.submissions.values_list("level__rank", flat=True)) == {1, 2, 3}
        assert Item.objects.filter(consultation=self.mtf, kind="merged").count() == 2

    def test_it_shows_a_real_picture_in_the_loop_metrics(self):
        metrics = loop_metrics(self.mtf)
        total = metrics.total
        assert 0.5 < total.answered_share < 1
        assert total.counts["overdue"] > 0
        assert metrics.answers_delivered < metrics.answers
        assert AnswerDelivery.objects.filter(delivered_at__isnull=True).exists()
        assert total.counts["heard"] >= 5 and total.heard_share() is not None
        assert total.median_days > 0

    def test_it_shows_the_loop_metrics_page_to_a_visitor(self):
        response = self.client.get(f"/consultations/{self.mtf.pk}/loop-metrics/")
        assert response.status_code == 200
        assert "Bog Walk" not in response.content.decode()  # a private forum
