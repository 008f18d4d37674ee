"""The SQLite backend (partnering/sqlite): each SQL text's placeholders rewritten once per
process, with the same answers as Django's own backend."""

from unittest import skipUnless

from django.db import connection, connections
from django.test import TestCase

from partnering.sqlite.base import _qmark


@skipUnless(connection.vendor == "sqlite", "the SQLite backend")
class SqliteBackendTest(TestCase):
    def run_query(self, sql: str, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    def test_it_is_the_backend_in_use(self):
        self.assertEqual(type(connections["default"]).__module__, "partnering.sqlite.base")

    def test_it_rewrites_placeholders_and_keeps_literal_percents(self):
        sql = "SELECT %s, '%%s', '100%%', %s"
        for _ in range(2):  # rewritten, then from the kept text
            self.assertEqual(self.run_query(sql, [7, "a"]), (7, "%s", "100%", "a"))
        self.assertGreaterEqual(_qmark.cache_info().hits, 1)

    def test_named_parameters_are_rewritten_as_before(self):
        self.assertEqual(self.run_query("SELECT %(a)s, %(b)s", {"a": 1, "b": "two"}),
                         (1, "two"))

    def test_the_orm_reads_through_it(self):
        from partnering.reference.models import SdgGoal

        SdgGoal.objects.filter(number__gt=0).count()
        self.assertEqual(SdgGoal.objects.filter(number__gt=0).count(),
                         SdgGoal.objects.count() - SdgGoal.objects.filter(number__lte=0).count())
