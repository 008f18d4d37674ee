"""The office heat map shows no small number, not even by subtraction: a level with fewer
than 5 people reads "fewer than 5", and so does the next smallest level beside it, so the
competency's total minus the levels shown never gives a small group; a competency where
everyone assessed is at one level shows no levels at all (each person's level would show).
The page, the chart and the API read the same figures."""

from partnering.capabilities.framework import services as framework
from partnering.capabilities.offices import queries
from partnering.capabilities.offices import services as offices
from tests.apitest import ApiTestCase
from tests.base import make_person, make_user
from tests.capabilities.base import OfficeTestCase

# Agreement answers and the levels they give: 1 → 1, 3 → 2, 4 → 3, 5 → 4.
LEVEL_ANSWER = {1: 1, 2: 3, 3: 4, 4: 5}


class HeatMapCellTests(OfficeTestCase, ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pairs = list(zip(cls.users, cls.people, strict=True))
        for number in range(8):
            user = make_user(f"officer{number}")
            person = make_person(f"Officer{number} Phiri", cls.wvm, user)
            offices.add_member(cls.admin, cls.office, person)
            cls.pairs.append((user, person))

    def assess(self, levels: list[int]):
        for (user, person), level in zip(self.pairs, levels, strict=False):
            framework.record_self_assessment(user, person,
                                             answers={"negotiation": LEVEL_ANSWER[level]})

    def negotiation(self):
        self.sign_in(self.chikondi_user)
        body = self.assert_status(self.get(f"/offices/{self.office.pk}/heat-map"), 200)
        return next(r for r in body["rows"] if r["code"] == "negotiation")

    def test_a_lone_person_at_a_level_cannot_be_read_off_the_total(self):
        """The attack: 11 assessed, 10 shown at level 2: the one left is at level 4."""
        self.assess([2] * 10 + [4])
        row = self.negotiation()
        assert row["assessed"] == 11 and row["counts"] == [0, None, 0, None]

    def test_small_levels_are_hidden_together_and_large_ones_shown(self):
        self.assess([1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4])
        row = self.negotiation()
        # levels 1 and 4 (two people each) are together 4 people: level 2 is hidden too
        assert row["counts"] == [None, None, 5, None]
        row = next(r for r in queries.heat_map(self.office)["rows"]
                   if r["code"] == "negotiation")
        assert None in row["counts"] and not row["suppressed"]

    def test_everyone_at_one_level_shows_no_level(self):
        self.assess([3] * 6)
        row = self.negotiation()
        assert (row["uniform"], row["suppressed"], row["counts"], row["assessed"]) == (
            True, True, None, 6)
        self.client.force_login(self.chikondi_user)
        page = self.client.get(f"/offices/{self.office.pk}/").content.decode()
        assert "Everyone assessed is at the same level" in page

    def test_an_ordinary_spread_shows_every_level(self):
        self.assess([2] * 7 + [3] * 7)
        assert self.negotiation()["counts"] == [0, 7, 7, 0]
