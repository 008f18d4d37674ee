"""The demo shows the power balance with meaning: Safe Childhoods the imbalance its health
check found, the Jamaica working group a balanced picture."""

from django.test import TestCase

from partnering.governance.power.data import power_balance
from partnering.partnerships.models import Partnership
from partnering.platform import demo


class PowerDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        case = {key: Partnership.objects.get(title=demo.case(key).title)
                for key in ("safe-childhoods", "vision-2030-jamaica")}
        cls.safe = power_balance(case["safe-childhoods"])
        cls.jamaica = power_balance(case["vision-2030-jamaica"])

    def flags(self, report, kind):
        return [flag for flag in report.flags if flag.kind == kind]

    def test_safe_childhoods_shows_world_vision_tabling_most_proposals(self):
        proposals = self.safe.measure("proposals")
        top = max(proposals.by_member, key=lambda part: part.share)
        assert top.label == "World Vision Bosnia and Herzegovina" and top.share > 0.6
        actions = self.safe.measure("actions")
        assert actions.part_of(top.key).share < 0.2  # it owns few of the actions
        assert any(f.measure == "proposals" and f.organisation_id == top.key
                   for f in self.flags(self.safe, "member_dominance"))

    def test_safe_childhoods_shows_the_roma_organisation_present_but_unheard(self):
        assert [f.title for f in self.flags(self.safe, "unheard")] == [
            "Romano Drom Tuzla attends but is seldom heard"]

    def test_the_jamaica_working_group_is_more_balanced(self):
        assert self.jamaica.index > self.safe.index + 0.1
        assert self.jamaica.index > 0.85
        assert not self.flags(self.jamaica, "member_dominance")
        assert not self.flags(self.jamaica, "sector_dominance")
        assert not self.flags(self.jamaica, "unheard")
        for report in (self.safe, self.jamaica):
            for key in ("proposals", "positions", "decisions", "actions", "attendance",
                        "speaking"):
                assert report.measure(key).has_data, key
