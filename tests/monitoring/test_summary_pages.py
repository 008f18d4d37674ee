"""The pages that read the summaries: a pinned number of queries, whatever the number of
actions, risks, proposals, meetings, indicators and partnerships."""

import time_machine

from partnering.governance.decisions import services as governance
from partnering.monitoring import services
from partnering.monitoring.models import PlatformPortfolio
from partnering.monitoring.rollup.tasks import refresh_platform_portfolio
from partnering.partnerships import services as partnerships
from tests.base import QueryCounting
from tests.monitoring.base import NOW, MonitoringTestCase

# Queries once the summary is fresh: the session, the user, the partnership with the
# reader's access, the summary (and, on a page, the unread notifications and the menu's
# memberships).
PINNED = {"health/": 6, "power/": 6, "api-health": 4}
# The session, the user, the kept figures (the page: the organisations of the filter, the
# partnerships counted, the page of partnerships with its rows in one query, the
# notifications).
PINNED_PORTFOLIO = {"/portfolio/": 7, "/api/v1/portfolio": 3}


@time_machine.travel(NOW, tick=False)
class SummaryPagesTest(QueryCounting, MonitoringTestCase):
    def grow(self, n):
        for i in range(n):
            governance.create_action(self.alice, self.private, title=f"Action {n}-{i}",
                                     owner_organisation=self.ministry, due_date="2026-12-01")
            services.create_risk(self.alice, self.private, title=f"Risk {n}-{i}",
                                 category="external", likelihood=1 + i % 5, impact=3)
            services.submit_report(self.alice, self.private, period_start="2026-01-01",
                                   period_end="2026-03-31", narrative="n")
            partnerships.record_meeting(
                self.alice, self.private, date=f"2026-{1 + i % 12:02}-01", purpose="Review",
                minutes="m", organisations=[self.trust, self.ministry],
                attendees=[self.alice_person])
            p = partnerships.create_partnership(
                self.alice, lead_organisation=self.trust, title=f"P {n}-{i}",
                problem_statement="x", visibility="public", sdg_codes=["6"])
            services.create_indicator(self.alice, p, name="KPI", baseline_value=0,
                                      baseline_date="2026-01-01",
                                      targets=[{"value": 1, "date": "2027-01-01"}])

    def urls(self) -> dict:
        pid = self.private.pk
        return {"health/": f"/partnerships/{pid}/health/",
                "power/": f"/partnerships/{pid}/power/",
                "api-health": f"/api/v1/partnerships/{pid}/health"}

    def test_it_reads_the_partnership_pages_in_a_pinned_number_of_queries(self):
        self.sign_in(self.alice)
        urls = self.urls()
        self.assert_queries_fixed(*urls.values(), warm=True)
        self.assertEqual({name: self.count(url) for name, url in urls.items()}, PINNED)

    def test_it_reads_the_platform_portfolio_in_a_pinned_number_of_queries(self):
        self.sign_in(self.admin)
        self.assert_queries_fixed("/portfolio/", "/api/v1/portfolio", warm=True)
        self.assertEqual({url: self.count(url) for url in PINNED_PORTFOLIO}, PINNED_PORTFOLIO)

    def test_it_shows_when_the_platform_figures_were_computed(self):
        self.sign_in(self.admin)
        page = self.client.get("/portfolio/")
        self.assertContains(page, 'id="portfolio-updated"')
        self.assertContains(page, "<strong>2</strong> partnerships")
        # A change and no job yet: computed again on the spot (no job is waiting).
        self.grow(1)
        self.assertContains(self.client.get("/portfolio/"), "<strong>3</strong> partnerships")
        # A job waiting: the last figures, with their time, until the worker has run it.
        PlatformPortfolio.objects.update(queued=True)
        self.grow(1)
        self.assertContains(self.client.get("/portfolio/"), "<strong>3</strong> partnerships")
        refresh_platform_portfolio.call()
        self.assertContains(self.client.get("/portfolio/"), "<strong>4</strong> partnerships")
