"""The health index reads health-check rounds on the 1–5 answer scale, and never a round
answered by fewer people than the anonymity threshold."""

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.utils import timezone

from partnering.monitoring.health import scoring as health
from tests.assessments.helpers import answer, open_round
from tests.base import PartneringTestCase


class HealthCheckPartTest(PartneringTestCase):
    def setUp(self):
        cache.clear()
        self.round = open_round(self.alice, partnership=self.private, days=1)
        self.groups = {g.organisation_id: g for g in self.round.groups.all()}

    def closed(self):
        return time_machine.travel(timezone.now() + timedelta(days=3), tick=False)

    def test_it_rescales_the_answer_scale_to_zero_one(self):
        answer(self.alice, self.round, self.groups[self.trust.pk], {"trust_open": 5},
               count=3)
        answer(self.alice, self.round, self.groups[self.ministry.pk], {"trust_open": 3},
               count=3)
        with self.closed():
            latest, previous = health.health_check_scores(self.private)
        self.assertAlmostEqual(latest, 0.75)  # mean answer 4 on 1–5
        self.assertIsNone(previous)

    def test_it_ignores_a_round_with_fewer_people_than_the_threshold(self):
        answer(self.alice, self.round, self.groups[self.trust.pk], {"trust_open": 5},
               count=4)
        with self.closed():
            self.assertEqual(health.health_check_scores(self.private), (None, None))
