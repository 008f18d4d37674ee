"""The demo shows discovery with the seeds' cases."""

from partnering.discovery import ranking
from partnering.discovery.models import Call, Stakeholder
from partnering.partnerships.models import Partnership
from partnering.platform import demo
from tests.base import PartneringTestCase


class DiscoveryDemoTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()

    def test_it_maps_safe_childhoods_stakeholders_with_some_opposed(self):
        safe = Partnership.objects.get(title=demo.case("safe-childhoods").title)
        stances = set(Stakeholder.objects.filter(partnership=safe).values_list("stance",
                                                                               flat=True))
        assert {"supportive", "neutral", "opposed"} <= stances

    def test_it_recommends_partners_for_the_khayelitsha_committee(self):
        site_c = Partnership.objects.get(title=demo.case("khayelitsha-water").title)
        result = ranking.for_partnership(site_c, limit=5)
        assert result["candidates"] and result["method"] == "bm25"
        members = set(site_c.memberships.values_list("organisation_id", flat=True))
        assert not members & {c["organisation_id"] for c in result["candidates"]}

    def test_it_has_an_open_call_with_two_responses_on_connectivity(self):
        call = Call.objects.get(partnership__title=demo.case("connectivity").title)
        assert call.is_open and call.responses.count() == 2
