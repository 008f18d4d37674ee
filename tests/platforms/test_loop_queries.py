"""The loop-metrics page, its API and the answers pages cost a fixed number of queries,
whatever the number of submissions and answers."""

import time_machine

from partnering.platforms.loops import services
from tests.base import QueryCounting
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


@time_machine.travel(TODAY, tick=False)
class LoopQueryTests(LoopWorld, QueryCounting):
    def grow(self, n: int) -> None:
        for i in range(n):
            submission = self.submit(f"Input {i}", user=self.carol, forum=self.pdc)
            if i % 2:
                services.answer_item(self.sam, self.item_of(submission), outcome="accepted")

    def test_it_keeps_the_loop_pages_at_a_fixed_number_of_queries(self):
        self.sign_in(self.carol)
        self.assert_queries_fixed(f"/consultations/{self.mtf.pk}/loop-metrics/",
                                  f"/api/v1/consultations/{self.mtf.pk}/loop-metrics",
                                  f"/forums/{self.pdc.pk}/answers/", warm=True)

    def test_it_computes_the_metrics_in_two_queries_over_the_loop_facts_alone(self):
        self.grow(5)
        # The kept version (loops/kept.py); then the counts (PostgreSQL: one GROUPING SETS
        # scan) and the percentiles (PostgreSQL: one query over the partial day indexes;
        # elsewhere the durations): no other table, no join.
        version, *computing = self.queries_of_metrics()
        assert "loop_version" in version and len(computing) == 2
        for sql in computing:
            assert "join" not in sql and "platforms_loopfact" in sql
            assert "platforms_answer" not in sql

    def test_it_reads_kept_metrics_in_one_query_until_the_facts_change(self):
        self.grow(3)
        self.queries_of_metrics()
        assert len(self.queries_of_metrics()) == 1
        self.grow(1)
        assert len(self.queries_of_metrics()) == 3

    def queries_of_metrics(self) -> list[str]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from partnering.platforms.loops.metrics import loop_metrics

        with CaptureQueriesContext(connection) as queries:
            loop_metrics(self.mtf)
        return [query["sql"].lower() for query in queries.captured_queries]
