"""The demo shows agreements at every stage: Safe Childhoods agreed (every member signed)
with a draft amendment, the Connectivity dialogue proposed and partly signed; both with
deliverables, some overdue."""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.test import TestCase

from partnering.agreements.diff import compare
from partnering.agreements.models import Deliverable
from partnering.agreements.queries import get_version, party_status
from partnering.agreements.services import agreed_rule, committed_value_by_member
from partnering.monitoring.models import Indicator
from partnering.partnerships.models import Partnership
from partnering.platform import demo


class DemoAgreementsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        cls.safe = Partnership.objects.get(title=demo.case("safe-childhoods").title)
        cls.connectivity = Partnership.objects.get(
            title=demo.case("connectivity").title)

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

    def test_it_has_deliverables_some_overdue_with_the_indicators_that_show_them(self):
        deliverables = list(self.safe.deliverables.select_related("responsible_organisation")
                            .prefetch_related("indicators"))
        assert len(deliverables) == 7
        assert {d.status for d in deliverables} == {"planned", "in_progress", "delivered"}
        assert all(d.responsible_organisation for d in deliverables)
        assert all(d.delivered_on for d in deliverables if d.status == "delivered")
        assert 0 < self.safe.deliverables.overdue().count() < len(deliverables)
        linked = {i.name for d in deliverables for i in d.indicators.all()}
        assert "Trained guardians on call" in linked and len(linked) == 4
        assert self.connectivity.deliverables.overdue().exists()

    def test_it_loads_the_deliverables_and_their_links_only_once(self):
        from partnering.platform.demo import agreements as agreements_demo

        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=["admin", "broker"])}
        loader = SimpleNamespace(users=users)
        before = (Deliverable.objects.count(),
                  list(Indicator.objects.order_by("pk").values_list("pk", "deliverable_id")))
        demo.load_demo()
        agreements_demo.Agreements(loader).deliverables(
            self.safe, demo.case("safe-childhoods").section("agreement")["deliverables"])
        agreements_demo.link_indicators(loader)
        assert (Deliverable.objects.count(), list(Indicator.objects.order_by("pk").values_list(
            "pk", "deliverable_id"))) == before
