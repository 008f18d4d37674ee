from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnering.assessments import services
from tests.assessments.helpers import health_check, open_round
from tests.base import PartneringTestCase


class QueryCountTest(PartneringTestCase):
    def counts(self, rounds_n: int, invitations_n: int) -> dict:
        cache.clear()
        self.sign_in(self.alice)
        first = open_round(self.alice, partnership=self.private)
        now = timezone.now()
        for n in range(rounds_n - 1):
            services.create_round(self.alice, health_check(), title=f"Round {n}",
                                  partnership=self.private, opens_at=now,
                                  closes_at=now + timedelta(days=3))
        group = first.groups.first()
        for n in range(invitations_n):
            services.invite(self.alice, first, group=group, email=f"p{n}@example.org",
                            send=False)
        out = {}
        for name, url in (("rounds", "/api/v1/rounds?limit=200"),
                          ("invitations", f"/api/v1/rounds/{first.pk}/invitations"),
                          ("page", f"/assessments/rounds/{first.pk}/invitations/"),
                          ("health", f"/partnerships/{self.private.pk}/health-checks/"),
                          ("portfolio", f"/api/v1/organisations/{self.trust.pk}/assessments")):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200, url)
            out[name] = len(queries)
        return out

    def test_it_runs_a_fixed_number_of_queries_whatever_the_size(self):
        small = self.counts(2, 5)
        # A second, larger world in the same test: fresh rows, same pages.
        large = self.counts(20, 50)
        self.assertEqual(small, large)
