"""The power-balance page (/partnerships/<id>/power/) and its summary on the partnership
page: the period filter, the SVG chart with its text alternative and table, the index and
its formula, flags with explanations; who may see it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.governance.decisions.services import create_action
from tests.governance.power_world import PowerWorld


class PowerPageTest(PowerWorld):
    def url(self, partnership=None, query=""):
        return f"/partnerships/{(partnership or self.private).pk}/power/{query}"

    def build(self):
        for _ in range(7):
            self.propose(self.trust)
        self.propose(self.bottler)
        self.propose(self.ministry)
        self.meet([self.trust, self.bottler, self.ministry],
                  turns={self.trust: 20, self.bottler: 12, self.ministry: 1})

    def test_it_shows_the_index_formula_chart_table_and_flags(self):
        self.build()
        self.sign_in(self.carol)
        response = self.client.get(self.url())
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("<h1") == 1
        assert 'aria-current="page">Power balance<' in html
        assert "Equity index" in html and "H / ln n" in html
        assert "Hₘ = −Σᵢ pₘᵢ · ln pₘᵢ" in html
        assert "Normalised entropy rather than 1 − Gini" in html
        assert "Sahel Water Trust tabled 7 of the 9 proposals (78%)" in html
        assert "What to do:" in html
        assert "Ministry of Water cannot take part in decisions" in html
        assert "Ministry of Water attends but is seldom heard" in html
        # Two charts (members, sectors), each with a title and a description.
        svgs = re.findall(r"<svg class=\"power-chart[^>]*>", html)
        assert len(svgs) == 2
        for chart_id in ("power-members", "power-sectors"):
            assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html
            assert f'<title id="{chart_id}-title">' in html
            assert f'<desc id="{chart_id}-desc">Stacked bars' in html
        assert "Proposals tabled: Sahel Water Trust 78%" in html
        assert "<script" not in html
        # The same data as tables, with header cells.
        assert '<th scope="row">' in html and '<th scope="col">Proposals tabled</th>' in html
        assert "7 (78%)" in html
        assert "no data" in html  # no actions, no resources

    def test_it_filters_by_period(self):
        self.build()
        self.sign_in(self.alice)
        response = self.client.get(self.url(query="?since=2026-07-01&until=2026-12-31"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "tabled 7 of the 9" not in html
        assert 'value="2026-07-01"' in html
        assert "Power balance by member, 2026-07-01 to 2026-12-31" in html

    def test_it_refuses_bad_dates_with_a_message(self):
        self.sign_in(self.alice)
        response = self.client.get(self.url(query="?since=2026-05-02&until=2026-05-01"))
        assert response.status_code == 422
        assert b"The end of the period is before its start." in response.content
        assert b"<svg class=\"power-chart" not in response.content
        response = self.client.get(self.url(query="?since=someday"))
        assert response.status_code == 422
        assert b"Enter a valid date." in response.content

    def test_it_says_when_there_is_no_data(self):
        self.sign_in(self.alice)
        response = self.client.get(self.url(self.public))
        assert response.status_code == 200
        assert b"No data yet in this period" in response.content

    def test_it_hides_private_partnerships_from_outsiders_and_shows_public_ones(self):
        self.sign_in(self.olga)
        response = self.client.get(self.url())
        assert response.status_code == 404
        assert self.private.title.encode() not in response.content
        self.client.logout()
        assert self.client.get(self.url()).status_code == 404
        assert self.client.get(self.url(self.public)).status_code == 200

    def test_it_is_open_to_members_brokers_and_admins(self):
        for user in (self.alice, self.carol, self.bob, self.admin):
            self.sign_in(user)
            assert self.client.get(self.url()).status_code == 200

    def test_the_partnership_page_shows_a_compact_chart_and_the_index(self):
        self.build()
        self.sign_in(self.carol)
        html = self.client.get(f"/partnerships/{self.private.pk}/").content.decode()
        assert 'id="power-heading">Power balance</h2>' in html
        assert '<svg class="power-chart compact"' in html
        assert 'aria-labelledby="power-summary-title power-summary-desc"' in html
        assert "Equity index <strong>" in html
        assert "imbalances flagged" in html
        assert f'href="/partnerships/{self.private.pk}/power/"' in html

    def test_the_partnership_page_says_when_nothing_is_recorded(self):
        html = self.client.get(f"/partnerships/{self.public.pk}/").content.decode()
        assert "Nothing recorded yet" in html
        assert "power-chart" not in html

    # -- the report kept per summary state (governance/power/views.py) ----------------------
    def test_it_shows_a_new_action_at_once_though_the_report_is_kept(self):
        self.build()
        self.sign_in(self.carol)
        html = self.client.get(self.url()).content.decode()
        assert "Ministry of Water" in html and "Action for" not in html
        assert "7 (78%)" in self.client.get(self.url()).content.decode()
        create_action(self.alice, self.private, title="Map the wells",
                      owner_organisation=self.ministry, due_date="2027-01-31")
        html = self.client.get(self.url()).content.decode()
        assert '<th scope="col">Actions owned</th>' in html
        assert "1 (100%)" in html

    def test_it_reads_the_kept_report_in_the_same_queries_whatever_the_data(self):
        self.build()
        self.sign_in(self.carol)
        self.client.get(self.url())
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url())
        for _ in range(5):
            self.propose(self.bottler)
        create_action(self.alice, self.private, title="Map the wells",
                      owner_organisation=self.ministry, due_date="2027-01-31")
        self.client.get(self.url())
        with CaptureQueriesContext(connection) as more:
            self.client.get(self.url())
        assert len(more) == len(few)

    def test_it_links_the_meetings_only_for_those_who_may_record_them(self):
        self.sign_in(self.alice)
        member = self.client.get(self.url(self.public)).content.decode()
        self.client.logout()
        visitor = self.client.get(self.url(self.public)).content.decode()
        meetings = f'(<a href="/partnerships/{self.public.pk}/meetings/">meetings</a>)'
        assert meetings in member and meetings not in visitor
        assert "Speaking turns are recorded on each meeting" in visitor
