"""A list's total, remembered until the data changes (rows.remembered_count)."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.audit.services import record
from partnering.registry.models import Organisation
from partnering.rows import _COUNTS, remembered_count
from tests.base import PartneringTestCase


class RememberedCountTests(PartneringTestCase):
    def setUp(self):
        _COUNTS.clear()
        self.addCleanup(_COUNTS.clear)

    def count_outside_a_transaction(self, queryset):
        with mock.patch.object(connection, "in_atomic_block", False), \
                CaptureQueriesContext(connection) as captured:
            count = remembered_count(queryset)
        return count, len(captured)

    def test_it_counts_once_until_the_next_audit_record(self):
        organisations = Organisation.objects.all()
        self.assertEqual(self.count_outside_a_transaction(organisations), (5, 2))
        Organisation.objects.create(name="Written without a service")
        self.assertEqual(self.count_outside_a_transaction(organisations), (5, 1))
        record(self.admin, "create", Organisation.objects.get(name="Far Away Foundation"))
        self.assertEqual(self.count_outside_a_transaction(organisations), (6, 2))

    def test_it_keeps_one_count_per_query(self):
        self.assertEqual(self.count_outside_a_transaction(
            Organisation.objects.filter(country="NE"))[0], 3)
        self.assertEqual(self.count_outside_a_transaction(
            Organisation.objects.filter(country="FR"))[0], 1)

    def test_it_counts_afresh_inside_a_transaction(self):
        remembered_count(Organisation.objects.all())
        Organisation.objects.create(name="Not yet committed")
        self.assertEqual(remembered_count(Organisation.objects.all()), 6)
        self.assertEqual(_COUNTS, {})
