"""Pieces of signed-in pages kept in the process (partnering.fragments, rollup.read's
`from_summary`): each reader still gets their own name, links and tabs, whoever read the
page before them, and a change shows at once."""

import datetime as dt

from django.utils import timezone, translation

from partnering.governance.decisions.services import create_proposal
from tests.base import PartneringTestCase
from tests.governance.power_world import PowerWorld

MEMBERS_ONLY_TAB = "/health-checks/"


class SiteAndSectionMenus(PartneringTestCase):
    def page(self, partnership, user=None):
        self.client.logout()
        if user:
            self.sign_in(user)
        response = self.client.get(f"/partnerships/{partnership.pk}/")
        assert response.status_code == 200
        return response.content.decode()

    def test_it_offers_the_members_tabs_to_members_only_whoever_came_first(self):
        first_visitor = self.page(self.public)
        member = self.page(self.public, self.alice)
        outsider = self.page(self.public, self.olga)
        second_member = self.page(self.public, self.alice)
        assert f"/partnerships/{self.public.pk}{MEMBERS_ONLY_TAB}" in member
        assert MEMBERS_ONLY_TAB in second_member
        assert MEMBERS_ONLY_TAB not in first_visitor
        assert MEMBERS_ONLY_TAB not in outsider

    def test_it_never_shows_a_tab_of_another_partnership(self):
        self.page(self.private, self.alice)
        html = self.page(self.public, self.alice)
        assert f"/partnerships/{self.private.pk}/" not in html

    def test_it_writes_each_reader_their_own_name_and_links(self):
        admin = self.page(self.public, self.admin)
        alice = self.page(self.public, self.alice)
        visitor = self.page(self.public)
        assert ">Ada Admin<" in admin and 'href="/admin/"' in admin
        assert ">Alice Mensah<" in alice and ">Ada Admin<" not in alice
        assert 'href="/admin/"' not in alice
        assert 'href="/people/"' in alice
        assert 'href="/people/"' not in visitor and ">Alice Mensah<" not in visitor
        assert "Sign in" in visitor and "Sign out" not in visitor

    def test_it_writes_the_menus_in_the_reader_language(self):
        english = self.page(self.private, self.alice)
        with translation.override("fr"):
            self.client.logout()
            self.sign_in(self.alice)
            french = self.client.get(f"/partnerships/{self.private.pk}/",
                                     HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert "Power balance" in english and "Public directory" in english
        assert "Power balance" not in french and "Public directory" not in french


class PowerBalanceKeptPerSummary(PowerWorld):
    def propose(self, org, **_extra):
        """Through the service, as a person would (an audit event: the summary is
        recomputed)."""
        return create_proposal(self.admin, self.private, title=f"Proposal by {org}",
                               text="Text", proposed_by_organisation=org,
                               closes_at=timezone.now() + dt.timedelta(days=30))

    def page(self, query=""):
        response = self.client.get(f"/partnerships/{self.private.pk}/power/{query}")
        assert response.status_code == 200
        return response.content.decode()

    def test_it_shows_a_new_proposal_at_once(self):
        for _ in range(2):
            self.propose(self.trust)
        self.sign_in(self.carol)
        assert "Proposals tabled: Sahel Water Trust 100%" in self.page()
        self.propose(self.ministry)
        html = self.page()
        assert "Proposals tabled: Sahel Water Trust 67%" in html
        assert "Sahel Water Trust 100%" not in html

    def test_it_shows_it_on_the_partnership_page_at_once(self):
        self.propose(self.trust)
        self.sign_in(self.carol)
        overview = f"/partnerships/{self.private.pk}/"
        before = self.client.get(overview).content.decode()
        self.propose(self.ministry)
        after = self.client.get(overview).content.decode()
        assert "Proposals tabled: Sahel Water Trust 100%" in before
        assert "Proposals tabled: Ministry of Water 50%, Sahel Water Trust 50%" in after

    def test_it_draws_the_charts_in_the_reader_language(self):
        self.propose(self.trust)
        self.sign_in(self.carol)
        assert "Stacked bars, one per measure" in self.page()
        with translation.override("fr"):
            french = self.client.get(f"/partnerships/{self.private.pk}/power/",
                                     HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert "Barres empilées, une par mesure" in french
        assert "Stacked bars" not in french
