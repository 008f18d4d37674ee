"""The public register: closed quarters only; every count, share and median resting on
fewer than 5 cases reads "fewer than 5"; restricted cases count only in a total of at least
5; the total less the shown cells never isolates the restricted cases (secondary
suppression); two looks at different times cannot be subtracted. The page and the API
answer whoever may see the partnership, 404 to the others."""

import datetime as dt

import time_machine

from partnering.grievances import register as reg
from partnering.grievances import services
from partnering.grievances.models import Grievance
from tests.grievances.base import GrievanceTestCase

IN_Q3 = dt.datetime(2026, 8, 10, 9, 0, tzinfo=dt.UTC)
LOOK = dt.date(2026, 12, 7)  # Q4 2026: the latest closed quarter is Q3


class RegisterTestCase(GrievanceTestCase):
    def add(self, count, when=IN_Q3, partnership=None, **data):
        with time_machine.travel(when, tick=False):
            return [self.file(partnership, **data).grievance for _n in range(count)]

    def q3(self, partnership=None, today=LOOK):
        periods = reg.register(partnership or self.private, today)
        return next(p for p in periods if p.label == "2026 Q3")

    @staticmethod
    def cells(cells):
        return {c.key: c.value for c in cells}


class SuppressionTest(RegisterTestCase):
    def test_a_quarter_with_fewer_than_5_cases_shows_nothing(self):
        self.add(4)
        q3 = self.q3()
        assert q3.total is None
        assert all(c.suppressed for c in q3.by_category + q3.by_severity)

    def test_cells_of_5_or_more_show_and_smaller_ones_read_fewer_than_5(self):
        self.add(6, category="service")
        self.add(5, category="conduct")
        self.add(2, category="money")
        self.add(3, category="data")
        q3 = self.q3()
        assert q3.total == 16
        cells = self.cells(q3.by_category)
        assert (cells["service"], cells["conduct"], cells["money"]) == (6, 5, None)
        assert cells["other"] is None, "an empty cell reads like a hidden one"

    def test_a_small_remainder_hides_the_smallest_shown_cell_too(self):
        self.add(6, category="service")
        self.add(5, category="conduct")
        self.add(2, category="money")
        cells = self.cells(self.q3().by_category)
        assert (cells["service"], cells["conduct"]) == (6, None)
        assert "safeguarding" not in cells, "a category that is always restricted"

    def test_restricted_cases_are_never_broken_down(self):
        self.add(7, category="safeguarding")
        self.add(1, category="service", restricted=True)
        q3 = self.q3()
        assert q3.total == 8
        assert all(c.suppressed for c in q3.by_category)
        assert all(c.suppressed for c in q3.by_severity)

    def test_the_subtraction_attack_across_categories_fails(self):
        """Every ordinary category shown, two restricted cases: total − shown cells would
        be exactly the restricted cases, so the smallest shown cell is hidden too."""
        self.add(6, category="service")
        self.add(5, category="conduct")
        self.add(5, category="data")
        self.add(5, category="money")
        self.add(5, category="other")
        self.add(2, category="safeguarding")
        q3 = self.q3()
        assert q3.total == 28
        for breakdown in (q3.by_category, q3.by_severity):
            shown = sum(c.value for c in breakdown if not c.suppressed)
            hidden = [c for c in breakdown if c.suppressed]
            remainder = q3.total - shown
            # Even guessing every hidden cell empty, the restricted cases read as ≥ 5.
            assert remainder >= 5 and hidden
        assert self.cells(q3.by_category)["conduct"] is None
        assert self.cells(q3.by_severity)["standard"] is None

    def test_without_restricted_cases_nothing_more_is_hidden(self):
        self.add(6, category="service")
        self.add(5, category="conduct")
        self.add(5, category="data")
        self.add(5, category="money")
        self.add(5, category="other")
        cells = self.cells(self.q3().by_category)
        assert None not in cells.values()

    def test_five_restricted_cases_may_be_known_as_at_least_five(self):
        self.add(6, category="service", severity="standard")
        self.add(5, category="safeguarding")
        q3 = self.q3()
        assert q3.total == 11 and self.cells(q3.by_category)["service"] == 6


class OverTimeTest(RegisterTestCase):
    def test_a_quarter_is_published_only_once_it_has_ended(self):
        self.add(6, when=dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC))
        labels = [p.label for p in reg.register(self.private, LOOK)]
        assert "2026 Q4" not in labels and labels[0] == "2026 Q3"

    def test_two_looks_in_different_months_show_the_same_figures(self):
        self.add(6, category="service")
        self.add(5, category="conduct")
        before = self.q3(today=dt.date(2026, 10, 5)).as_dict()
        # A restricted case filed later (in Q4) and one moved in time change nothing of Q3.
        self.add(1, when=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), category="safeguarding")
        after = self.q3(today=dt.date(2026, 12, 28)).as_dict()
        assert before["total"] == after["total"] and \
            before["by_category"] == after["by_category"]

    def test_no_running_or_cumulative_total_can_be_subtracted(self):
        self.add(6, category="service")
        self.add(1, when=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), category="safeguarding")
        after_q4 = reg.register(self.private, dt.date(2027, 1, 10))
        q4 = next(p for p in after_q4 if p.label == "2026 Q4")
        assert q4.total is None, "the new quarter has its own suppression"
        assert set(after_q4[0].as_dict()) == set(after_q4[1].as_dict())
        assert all("cumulative" not in key for key in after_q4[0].as_dict())


class OnTimeTest(RegisterTestCase):
    def test_share_on_time_and_median_days_need_5_resolved_cases(self):
        cases = self.add(6, category="service")
        for number, case in enumerate(cases):
            moment = IN_Q3 + dt.timedelta(days=4 + number * 10)
            with time_machine.travel(moment, tick=False):
                services.resolve(self.henry, case, outcome="not_upheld")
        q3 = self.q3()
        # Resolve within 30 business days (about 42 days): four of six on time.
        assert q3.on_time_share == 0.67
        assert q3.median_days == 29.0
        Grievance.objects.filter(pk__in=[c.pk for c in cases[:2]]).update(resolved_at=None,
                                                                          state="received")
        assert self.q3().on_time_share is None


class PagesTest(RegisterTestCase):
    def test_the_page_and_api_of_a_public_partnership_are_public(self):
        self.add(6, partnership=self.public, category="service")
        with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)):
            page = self.client.get(f"/partnerships/{self.public.pk}/grievances/register/")
            api = self.client.get(f"/api/v1/partnerships/{self.public.pk}/grievance-register")
        assert page.status_code == 200
        assert "Grievance register" in page.content.decode()
        assert "fewer than 5" in page.content.decode()
        body = api.json()
        assert body["minimum_count"] == 5
        q3 = next(p for p in body["periods"] if p["period"] == "2026 Q3")
        assert q3["total"] == 6

    def test_a_private_partnership_register_is_404_to_outsiders(self):
        for user in (None, self.olga):
            if user:
                self.client.force_login(user)
            assert self.client.get(
                f"/partnerships/{self.private.pk}/grievances/register/").status_code == 404
            assert self.client.get(
                f"/api/v1/partnerships/{self.private.pk}/grievance-register").status_code == 404

    def test_members_of_a_private_partnership_read_its_register(self):
        self.client.force_login(self.alice)
        assert self.client.get(
            f"/partnerships/{self.private.pk}/grievances/register/").status_code == 200

    def test_the_partnership_nav_links_the_register(self):
        page = self.client.get(f"/partnerships/{self.public.pk}/grievances/")
        assert f"/partnerships/{self.public.pk}/grievances/register/" in page.content.decode()
