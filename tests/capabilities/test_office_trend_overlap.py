"""Trends across an office's assessment rounds cannot be subtracted either: an average
whose people differ by fewer than 5 from those behind the same competency's average in an
earlier round shown is withheld (the 360° campaigns' rule), and the page says why without
naming anyone. Rounds with the same people, or five new people or more, show as usual."""

import datetime as dt

from partnering.capabilities.framework import services as framework
from partnering.capabilities.offices import queries
from partnering.capabilities.offices import services as offices
from tests.base import make_person, make_user
from tests.capabilities.base import OfficeTestCase


class TrendOverlapTests(OfficeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pairs = list(zip(cls.users, cls.people, strict=True))
        for number in range(5):
            user = make_user(f"newcomer{number}")
            person = make_person(f"Newcomer{number} Banda", cls.wvm, user)
            offices.add_member(cls.admin, cls.office, person)
            cls.pairs.append((user, person))

    def round_of(self, name, held_on, pairs, answer=4, last=None):
        round_ = offices.open_round(self.grace, self.office, name=name, held_on=held_on)
        for index, (user, person) in enumerate(pairs):
            given = last if last is not None and index == len(pairs) - 1 else answer
            framework.record_self_assessment(user, person, answers={"negotiation": given},
                                             round=round_)
        return round_

    def test_a_round_with_one_person_more_is_withheld(self):
        """The attack: 5 people in the baseline, the same 5 and a newcomer in the review:
        six times the second average minus five times the first is the newcomer's level."""
        self.round_of("Baseline", dt.date(2025, 6, 1), self.pairs[1:6])
        self.round_of("Review", dt.date(2026, 6, 1), [*self.pairs[1:6], self.pairs[6]],
                      last=1)
        first, second = queries.trends(self.office)
        assert first["averages"]["negotiation"] == 3.0 and not first["overlap"]
        assert second["averages"]["negotiation"] is None and second["overlap"]
        self.client.force_login(self.chikondi_user)
        page = self.client.get(f"/offices/{self.office.pk}/").content.decode()
        assert "nearly the same people assessed themselves in an earlier round" in page

    def test_the_same_people_or_five_newcomers_show(self):
        self.round_of("Baseline", dt.date(2025, 6, 1), self.pairs[1:6])
        self.round_of("Review", dt.date(2026, 6, 1), self.pairs[1:6], answer=5)
        self.round_of("Widened", dt.date(2026, 9, 1), self.pairs[1:11], answer=5)
        averages = [t["averages"]["negotiation"] for t in queries.trends(self.office)]
        assert averages == [3.0, 4.0, 4.0]
