"""The survey results page and API, as the lead who reads them, run a fixed number of
queries whatever the number of answers (the figures come from the kept totals)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnering.assessments.models import Round
from partnering.partnerships import services as partnerships
from tests.assessments.helpers import answer, close, open_round
from tests.base import PartneringTestCase

GOOD = {"trust_open": 4, "fail_trust": 2, "comm_timely": 5}
# Pinned: a change here is a change in what every results page costs.
PAGE_QUERIES = {"page": 16, "page, one group": 14, "api": 14}


class ResultsQueriesTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        partnerships.add_member(cls.alice, cls.private, organisation=cls.bottler, role="core")

    def setUp(self):
        cache.clear()
        self.round = open_round(self.alice, partnership=self.private)
        self.groups = list(self.round.groups.order_by("pk"))
        self.sign_in(self.alice)

    def more(self, count: int, start: int) -> None:
        """`count` more people in each group answer (the round is open for them)."""
        Round.objects.filter(pk=self.round.pk).update(
            closes_at=timezone.now() + timezone.timedelta(days=1))
        self.round.refresh_from_db()
        for group in self.groups:
            answer(self.alice, self.round, group, GOOD, count=count, start=start,
                   text="Comment")
        close(self.round)

    def queries(self) -> dict:
        out = {}
        pk, group = self.round.pk, self.groups[0].pk
        for name, path in (("page", f"/assessments/rounds/{pk}/"),
                           ("page, one group", f"/assessments/rounds/{pk}/?group={group}"),
                           ("api", f"/api/v1/rounds/{pk}/results")):
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(path).status_code, 200)
            out[name] = len(captured)
        return out

    def test_it_reads_results_in_a_pinned_number_of_queries_whatever_the_answers(self):
        self.more(10, 0)
        small = self.queries()
        self.more(30, 100)
        self.assertEqual(self.queries(), small)
        self.assertEqual(small, PAGE_QUERIES)
