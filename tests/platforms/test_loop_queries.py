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

    def test_it_computes_the_metrics_in_four_queries_at_most(self):

        from partnering.platforms.loops.metrics import loop_metrics

        self.grow(5)
        # Counts (PostgreSQL: one GROUPING SETS scan), percentiles (PostgreSQL: one query
        # over the partial day indexes; elsewhere the durations); answers; pending deliveries.
        with self.assertNumQueries(4):
            loop_metrics(self.mtf)
