"""The demo shows agreements at every stage: Safe Childhoods agreed (every member signed)
with a draft amendment, the Connectivity dialogue proposed and partly signed."""

from django.test import TestCase

from partnering.agreements.diff import compare
from partnering.agreements.queries import get_version, party_status
from partnering.agreements.services import agreed_rule, committed_value_by_member
from partnering.partnerships.models import Partnership
from partnering.platform import demo


class DemoAgreementsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        cls.safe = Partnership.objects.get(title__startswith="Safe Childhoods")
        cls.connectivity = Partnership.objects.get(
            title="Partnership Dialogue for Connectivity")

    def test_it_has_an_agreed_safe_childhoods_agreement_signed_by_every_member(self):
        v1 = get_version(self.safe, 1)
        assert v1.status == "agreed" and v1.agreed_at
        parties = party_status(v1)
        assert len(parties) == self.safe.memberships.count() == 8
        assert all(p.signed for p in parties)
        signatories = {p.signature.signatory_name for p in parties}
        assert {"Emir Delić", "Adnan Hodžić", "Senada Ramić"} <= signatories
        assert "Amra Begović" not in signatories, "she has no mandate to decide"
        rule = agreed_rule(self.safe)
        assert rule.rule == "consensus" and "version 1" in rule.source
        assert sum(committed_value_by_member(self.safe).values()) > 0

    def test_it_has_a_draft_amendment_whose_changes_show(self):
        v2 = get_version(self.safe, 2)
        assert (v2.status, v2.based_on.number) == ("draft", 1)
        result = compare(get_version(self.safe, 1), v2)
        assert "Governance structure" in result["summary"]["sections"]
        assert "Romano Drom Tuzla" in result["summary"]["terms"]
        assert result["summary"]["commitments"]

    def test_it_has_a_connectivity_agreement_waiting_for_signatures(self):
        v1 = get_version(self.connectivity, 1)
        assert v1.status == "proposed"
        parties = party_status(v1)
        signed = [p for p in parties if p.signed]
        waiting = {str(p.organisation) for p in parties if not p.signed}
        assert 0 < len(signed) < len(parties)
        assert "TowerShare Africa" in waiting
        assert agreed_rule(self.connectivity) is None
