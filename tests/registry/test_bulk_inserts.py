"""Imports insert many new rows with one INSERT … RETURNING per chunk on SQLite, with one
COPY after one query for the ids on PostgreSQL (registry/bulk.py): each object gets its own
row's id, whatever the number of chunks."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.reference.models import SdgGoal
from partnering.registry.bulk import insert_values, insert_with_ids
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase


class BulkInsertTest(PartneringTestCase):
    def test_it_gives_each_new_row_its_own_id_across_chunks(self):
        organisations = [Organisation(name=f"Bulk Board {n}", sector="public", country="NE",
                                      competencies=["wells"]) for n in range(7)]
        with CaptureQueriesContext(connection) as queries:
            insert_with_ids(Organisation, organisations, batch=3)
        # On PostgreSQL: the ids from the sequence; the COPY is not a query Django counts.
        self.assertEqual(len(queries), 3 if connection.vendor == "sqlite" else 1)
        stored = dict(Organisation.objects.filter(name__startswith="Bulk Board")
                      .values_list("pk", "name"))
        self.assertEqual(stored, {org.pk: org.name for org in organisations})
        self.assertEqual(Organisation.objects.get(pk=organisations[4].pk).competencies,
                         ["wells"])
        self.assertFalse(organisations[0]._state.adding)

    def test_it_inserts_plain_pairs(self):
        organisation = Organisation.objects.create(name="Pair Board", sector="public")
        goals = list(SdgGoal.objects.filter(number__in=[6, 11]))
        insert_values(Organisation.sdg_goals.through, ["organisation", "sdggoal"],
                      [(organisation.pk, goal.pk) for goal in goals])
        self.assertEqual(sorted(g.number for g in organisation.sdg_goals.all()), [6, 11])
