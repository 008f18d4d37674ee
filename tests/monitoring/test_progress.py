"""The progress arithmetic is plain Decimal functions."""

import datetime as dt
from decimal import Decimal as D

from django.test import SimpleTestCase

from partnering.monitoring import progress


class ProgressTest(SimpleTestCase):
    def test_it_measures_progress_between_baseline_and_target(self):
        self.assertEqual(progress.indicator_progress(D(100), D(300), D(200)), D("0.5"))

    def test_it_clips_progress_to_zero_and_one(self):
        self.assertEqual(progress.indicator_progress(D(100), D(300), D(50)), 0)
        self.assertEqual(progress.indicator_progress(D(100), D(300), D(400)), 1)

    def test_it_handles_down_is_good_indicators(self):
        # Stunting from 40 % down to 20 %: at 30 % we are half way.
        self.assertEqual(progress.indicator_progress(D(40), D(20), D(30)), D("0.5"))
        self.assertEqual(progress.indicator_progress(D(40), D(20), D(45)), 0)

    def test_it_says_unknown_rather_than_zero(self):
        self.assertIsNone(progress.indicator_progress(None, D(3), D(2)))
        self.assertIsNone(progress.indicator_progress(D(1), None, D(2)))
        self.assertIsNone(progress.indicator_progress(D(1), D(3), None))
        self.assertIsNone(progress.indicator_progress(D(3), D(3), D(3)))

    def test_it_takes_a_weighted_mean_of_known_parts(self):
        self.assertEqual(progress.weighted_mean([(D(1), D(1)), (D(3), D(0)), (D(5), None)]),
                         D("0.25"))
        self.assertIsNone(progress.weighted_mean([(D(1), None)]))

    def test_it_rolls_progress_up_the_results_chain(self):
        class R:
            def __init__(self, weight):
                self.weight = D(weight)

        class V:
            def __init__(self, value):
                self.progress = value

        output_a = progress.Node(result=R(1), indicators=[V(D(1))])
        output_b = progress.Node(result=R(3), indicators=[V(D(0)), V(None)])
        outcome = progress.Node(result=R(1), children=[output_a, output_b])
        self.assertEqual(progress.roll_up(outcome), D("0.25"))

    def test_it_reads_the_expected_value_off_the_milestones(self):
        milestones = [(dt.date(2026, 12, 31), D(300)), (dt.date(2027, 12, 31), D(500))]
        start = dt.date(2026, 1, 1)
        self.assertEqual(progress.expected_value(D(100), start, milestones, start), D(100))
        self.assertEqual(progress.expected_value(D(100), start, milestones,
                                                 dt.date(2026, 12, 31)), D(300))
        self.assertEqual(progress.expected_value(D(100), start, milestones,
                                                 dt.date(2030, 1, 1)), D(500))

    def test_it_flags_an_indicator_behind_its_milestones(self):
        milestones = [(dt.date(2026, 12, 31), D(300))]
        kwargs = {"baseline": D(100), "baseline_date": dt.date(2026, 1, 1),
                  "milestones": milestones, "direction": "up", "today": dt.date(2027, 1, 1)}
        self.assertTrue(progress.is_off_track(latest=D(150), latest_date=dt.date(2026, 12, 31),
                                              **kwargs))
        self.assertFalse(progress.is_off_track(latest=D(300),
                                               latest_date=dt.date(2026, 12, 31), **kwargs))
        self.assertTrue(progress.is_off_track(latest=None, latest_date=None, **kwargs))
        kwargs["today"] = dt.date(2026, 6, 1)
        self.assertIsNone(progress.is_off_track(latest=None, latest_date=None, **kwargs))

    def test_it_flags_a_down_indicator_that_rises(self):
        self.assertTrue(progress.is_off_track(
            baseline=D(40), baseline_date=dt.date(2026, 1, 1),
            milestones=[(dt.date(2026, 12, 31), D(20))], direction="down", latest=D(42),
            latest_date=dt.date(2026, 12, 31), today=dt.date(2027, 1, 1)))
