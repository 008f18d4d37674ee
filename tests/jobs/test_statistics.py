"""The hourly database statistics job (jobs/tasks.py refresh_statistics)."""

from django.db import connection

from partnering.jobs import schedule
from partnering.jobs.tasks import database_statistics
from tests.base import PartneringTestCase


class DatabaseStatisticsTests(PartneringTestCase):
    def test_it_is_scheduled_every_hour(self):
        entry = next(e for e in schedule.SCHEDULE if e.name == "database-statistics")
        self.assertEqual(entry.period, schedule.HOURLY)
        self.assertEqual(entry.task, "partnering.jobs.tasks.refresh_statistics")

    def test_it_gives_sqlite_the_sizes_of_the_tables(self):
        analyzed = database_statistics()
        if connection.vendor != "sqlite":
            self.assertFalse(analyzed)  # PostgreSQL's autovacuum keeps its own
            return
        self.assertTrue(analyzed)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s",
                           ["partnerships_partnership"])
            self.assertGreater(cursor.fetchone()[0], 0)
