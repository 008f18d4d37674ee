"""An import's new rows may be plain values (registry/bulk.py NewRow) instead of model
instances: they go in as the instances would — defaults, auto_now moments and database
conversions included — and each gets its id; the garbage collector waits meanwhile and is
as it was afterwards."""

import gc
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.finance.models import Budget
from partnering.interop.iati.batch import Rows
from partnering.registry.bulk import NewRow, few_collections, insert_with_ids
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase


class NewRowTest(PartneringTestCase):
    def test_it_gives_each_new_row_its_id_with_the_defaults_an_instance_gets(self):
        rows = [NewRow(Organisation, name=f"Plain Board {n}", sector="public", country="NE")
                for n in range(5)]
        with CaptureQueriesContext(connection) as queries:
            insert_with_ids(Organisation, rows, batch=2)
        self.assertEqual(len(queries), 3 if connection.vendor == "sqlite" else 1)
        stored = {org.pk: org for org in Organisation.objects.filter(
            name__startswith="Plain Board")}
        self.assertEqual({pk: org.name for pk, org in stored.items()},
                         {row.pk: row.values["name"] for row in rows})
        alike = Organisation.objects.create(name="Instance Board", sector="public")
        first = stored[rows[0].pk]
        for name in ("competencies", "identifier", "acronym", "website"):
            self.assertEqual(getattr(first, name), getattr(alike, name), name)
        self.assertIsNotNone(first.created)

    def test_it_converts_dates_and_amounts_as_an_instance_would(self):
        partnership = self.private
        rows = Rows()
        rows.add([NewRow(Budget, partnership_id=partnership.pk, period_start=date(2026, 1, 1),
                         period_end=date(2026, 12, 31), value=Decimal("1250.50"),
                         currency="EUR", import_key="plain-1")])
        rows.add([Budget(partnership=partnership, period_start=date(2027, 1, 1),
                         period_end=date(2027, 12, 31), value=Decimal("99.00"),
                         currency="USD", import_key="instance-1")])
        rows.finish()
        plain = Budget.objects.get(import_key="plain-1")
        self.assertEqual((plain.budget_type, plain.status, plain.value, plain.period_end),
                         ("1", "1", Decimal("1250.50"), date(2026, 12, 31)))
        self.assertTrue(Budget.objects.filter(import_key="instance-1").exists())

    def test_it_restores_the_garbage_collector_after_an_import(self):
        before = gc.get_threshold()
        with few_collections():
            self.assertEqual(gc.get_threshold()[0], before[0] * 20)
            self.assertGreater(gc.get_freeze_count(), 0)
        self.assertEqual(gc.get_threshold(), before)
        self.assertEqual(gc.get_freeze_count(), 0)
