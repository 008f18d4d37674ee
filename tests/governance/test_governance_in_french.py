"""Governance in French: the decisions page, a proposal with its positions and the rule's
reasoning, the actions page and the power balance (its chart, flags and advice)."""

import datetime as dt

import time_machine
from django.utils import translation

from partnering.governance.decisions import rules
from tests.governance.base import NOW, GovernanceTestCase
from tests.governance.power_world import PowerWorld


@time_machine.travel(NOW, tick=True)
class DecisionsInFrench(GovernanceTestCase):
    def get(self, url):
        with translation.override("fr"):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        return response.content.decode()

    def test_it_shows_the_decisions_page_in_french(self):
        self.propose(title="Adopter la carte des points d'eau")
        self.sign_in(self.alice)
        html = self.get(f"/partnerships/{self.private.pk}/decisions/")
        assert "Propositions ouvertes (1)" in html
        assert "Registre des décisions" in html
        assert "Consensus, quorum 50 %" in html
        assert "Open proposals" not in html

    def test_it_shows_a_proposal_and_its_positions_in_french(self):
        proposal = self.propose()
        self.position(self.eve, proposal, self.bottler, stance="agree", reason="Bon pour tous")
        self.sign_in(self.alice)
        html = self.get(self.page(proposal))
        assert "Positions par membre" in html
        assert "1 membre sur 3 a pris position." in html
        assert "<strong>D&#39;accord</strong>" in html or "<strong>D'accord</strong>" in html
        assert "pas encore" in html
        assert "Clôturer ou retirer" in html

    def test_it_shows_the_actions_page_in_french(self):
        self.action(due_date=NOW.date() - dt.timedelta(days=3))
        self.sign_in(self.alice)
        html = self.get(f"/partnerships/{self.private.pk}/actions/")
        assert "En retard, par responsable" in html
        assert "Ministry of Water : 1 en retard" in html
        assert "3 jours de retard" in html
        assert "Toutes les actions" in html

    def test_it_writes_the_reasoning_of_a_decision_in_french(self):
        voters = {1: 1, 2: 1, 3: 1}
        ballots = [rules.Ballot(1, "agree"), rules.Ballot(2, "disagree")]
        with translation.override("fr"):
            result = rules.decide("consensus", voters, ballots, quorum_percent=50)
        assert result.reasoning.startswith("Consensus non atteint : 1 membre n'est pas "
                                           "d'accord.")
        assert "2 membres sur 3 ont pris position" in result.reasoning


class PowerBalanceInFrench(PowerWorld):
    def test_it_shows_the_power_balance_its_flags_and_advice_in_french(self):
        for _ in range(7):
            self.propose(self.trust)
        self.propose(self.bottler)
        self.propose(self.ministry)
        self.sign_in(self.carol)
        with translation.override("fr"):
            response = self.client.get(f"/partnerships/{self.private.pk}/power/",
                                       HTTP_ACCEPT_LANGUAGE="fr")
        html = response.content.decode()
        assert "Indice d&#39;équité" in html or "Indice d'équité" in html
        assert "Sahel Water Trust a déposé 7 des 9 propositions (78%)" in html
        assert "Que faire :" in html
        assert "Barres empilées, une par mesure" in html
        assert "Propositions déposées" in html
        assert "Ministry of Water ne peut pas prendre part aux décisions" in html
        assert "Who proposes" not in html
