"""Confirming a registry import writes the new organisations together: as many queries for
forty as for three, each still with its audit event, goals and post_save signal; a batch the
database refuses is written row by row, so only the row at fault is rejected."""

from unittest import mock

from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from partnering.audit.models import AuditEvent
from partnering.interop.registry import services as import_services
from partnering.interop.registry.services import confirm_upload
from partnering.registry import services as registry
from partnering.registry.models import Organisation
from tests.interop.registry_files import ORG_HEADER, RegistryFilesTestCase, org_row


def new_rows(count: int, prefix: str) -> list[list[str]]:
    return [ORG_HEADER, *(org_row(name=f"{prefix} Water Board {n}", sector="public",
                                  identifier=f"GB-CHC-{prefix}{n}", country="ne",
                                  sdg_goals="6; 11", competencies="wells; billing")
                          for n in range(count))]


class BulkConfirmTest(RegistryFilesTestCase):
    def confirm_counting_queries(self, rows) -> tuple:
        token, _ = self.preview(self.admin, rows)
        with CaptureQueriesContext(connection) as queries:
            plan = confirm_upload(self.admin, token)
        return plan, len(queries)

    def test_it_writes_forty_new_organisations_in_about_as_many_queries_as_three(self):
        few, few_queries = self.confirm_counting_queries(new_rows(3, "100"))
        many, many_queries = self.confirm_counting_queries(new_rows(40, "200"))
        self.assertEqual((few.counts["create"], many.counts["create"]), (3, 40))
        # SQLite splits an INSERT at 999 parameters: a few more for 13 times the rows.
        self.assertLessEqual(many_queries - few_queries, 6)

    def test_it_records_what_creating_one_by_hand_records(self):
        received = []

        def saved(sender, instance, created, **kwargs):
            received.append((instance.pk, created))

        post_save.connect(saved, sender=Organisation, dispatch_uid="bulk-test")
        self.addCleanup(post_save.disconnect, sender=Organisation, dispatch_uid="bulk-test")
        plan, _ = self.confirm_counting_queries(new_rows(2, "300"))
        imported = Organisation.objects.get(identifier="GB-CHC-3000")
        by_hand = registry.create_organisation(
            self.admin, name="300 Water Board 9", sector="public", identifier="GB-CHC-3009",
            country="ne", sdg_goals=[6, 11], competencies=["wells", "billing"])
        self.assertEqual(sorted(g.number for g in imported.sdg_goals.all()), [6, 11])
        self.assertEqual(imported.competencies, ["wells", "billing"])
        self.assertIn((imported.pk, True), received)
        event = AuditEvent.objects.for_object(imported).get()
        hand = AuditEvent.objects.for_object(by_hand).get()
        self.assertEqual((event.action, event.actor), (hand.action, hand.actor))
        self.assertEqual(set(event.changes), set(hand.changes))
        self.assertEqual(event.changes["sdg_goals"], hand.changes["sdg_goals"])
        self.assertEqual([row["object_id"] for row in plan.as_dict()["rows"]][0], imported.pk)

    def test_it_writes_row_by_row_when_the_database_refuses_the_batch(self):
        rows = new_rows(3, "400")
        token, _ = self.preview(self.admin, rows)
        build_plan = import_services.build_plan

        def planned_then_taken(actor, table):
            plan = build_plan(actor, table)
            # Meanwhile, someone registers the second row's identifier.
            Organisation.objects.create(name="Quicker", identifier="GB-CHC-4001",
                                        sector="public")
            return plan

        with mock.patch.object(import_services, "build_plan", planned_then_taken):
            plan = confirm_upload(self.admin, token)
        actions = [row["action"] for row in plan.as_dict()["rows"]]
        self.assertEqual(actions, ["create", "rejected", "create"])
        self.assertEqual(Organisation.objects.filter(
            identifier__in=["GB-CHC-4000", "GB-CHC-4002"]).count(), 2)
        self.assertEqual(Organisation.objects.filter(identifier="GB-CHC-4001").get().name,
                         "Quicker")

    def test_it_validates_each_new_organisation_once_when_confirmed(self):
        token, _ = self.preview(self.admin, new_rows(4, "500"))
        full_clean = Organisation.full_clean
        with mock.patch.object(Organisation, "full_clean", autospec=True,
                               side_effect=full_clean) as validated:
            plan = confirm_upload(self.admin, token)
        self.assertEqual(plan.counts["create"], 4)
        self.assertEqual(validated.call_count, 4)
        self.assertEqual(Organisation.objects.filter(identifier__startswith="GB-CHC-500")
                         .exclude(country="NE").count(), 0)
