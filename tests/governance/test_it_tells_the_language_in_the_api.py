"""/api/v1/…/proposals says which language each proposal is written in."""

import time_machine

from partnering.governance.models import Proposal
from tests.governance.base import NOW, GovernanceTestCase


@time_machine.travel(NOW, tick=True)
class LanguageOfProposals(GovernanceTestCase):
    def test_it_gives_the_language_in_the_list_and_in_one_proposal(self):
        proposal = self.propose()
        Proposal.objects.filter(pk=proposal.pk).update(language="es")
        self.sign_in(self.carol)
        items = self.assert_list(self.get(self.url()), count=1)
        assert items[0]["language"] == "es"
        body = self.assert_status(self.get(self.url(proposal)), 200)
        assert body["language"] == "es"
