"""Background work runs in one worker thread, in order, and is drained before exit."""

import threading

from django.test import SimpleTestCase, override_settings

from partnering import background


@override_settings(BACKGROUND_INLINE=False)
class BackgroundTest(SimpleTestCase):
    def test_it_runs_jobs_in_order_on_one_worker_thread(self):
        seen = []
        for n in range(20):
            background.run_in_background("job", lambda n=n: seen.append(
                (n, threading.current_thread().name)))
        background.drain()
        self.assertEqual([n for n, _ in seen], list(range(20)))
        self.assertEqual({name for _, name in seen}, {"partnering-background"})

    def test_it_keeps_working_after_a_job_fails(self):
        seen = []
        with self.assertLogs("partnering.background", "ERROR"):
            background.run_in_background("fails", lambda: 1 / 0)
            background.run_in_background("runs", lambda: seen.append("ran"))
            background.drain()
        self.assertEqual(seen, ["ran"])
