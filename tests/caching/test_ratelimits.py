"""Rate limits count in one place for every process: atomically in Redis when CACHE_URL
names it, else in one database row per key and window (caching/ratelimits.py)."""

import datetime as dt

import time_machine
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.caching.models import RateCounter
from partnering.caching.ratelimits import hit
from tests.base import PartneringTestCase

START = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)


class RateLimitTest(PartneringTestCase):
    def redis(self) -> bool:
        return isinstance(caches["default"], RedisCache)

    def test_it_refuses_past_the_limit_within_a_window(self):
        with time_machine.travel(START, tick=False):
            self.assertEqual([hit("guess:10.0.0.1", 3) for _ in range(5)],
                             [True, True, True, False, False])
            self.assertTrue(hit("guess:10.0.0.2", 3))  # another key counts apart

    def test_it_starts_again_in_the_next_window(self):
        with time_machine.travel(START, tick=False) as clock:
            for _ in range(4):
                hit("guess:10.0.0.1", 3)
            clock.shift(50)  # 09:00:55, the same minute
            self.assertFalse(hit("guess:10.0.0.1", 3))
            clock.shift(10)  # 09:01:05
            self.assertTrue(hit("guess:10.0.0.1", 3))

    def test_it_counts_in_one_statement_and_drops_ended_windows(self):
        if self.redis():
            self.skipTest("CACHE_URL is Redis: the counters are Redis keys, not rows")
        with time_machine.travel(START, tick=False) as clock:
            hit("guess:10.0.0.1", 3)
            with CaptureQueriesContext(connection) as counted:
                hit("guess:10.0.0.1", 3)
            self.assertEqual(len(counted.captured_queries), 1)
            self.assertIn("ON CONFLICT", counted.captured_queries[0]["sql"])
            self.assertEqual(RateCounter.objects.get().count, 2)
            clock.shift(61)
            hit("guess:10.0.0.1", 3)
        self.assertEqual(list(RateCounter.objects.values_list("count", flat=True)), [1])

    def test_it_keeps_counters_in_redis_when_the_cache_is_redis(self):
        if not self.redis():
            self.skipTest("CACHE_URL is not Redis (.ci/run runs this with CACHE_URL=redis://…)")
        with time_machine.travel(START, tick=False):
            for _ in range(3):
                hit("guess:10.0.0.9", 5)
            start = int(START.timestamp()) // 60 * 60
            self.assertEqual(caches["default"].get(f"rate:guess:10.0.0.9:60:{start}"), 3)
        self.assertFalse(RateCounter.objects.exists())
