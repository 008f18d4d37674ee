"""Querysets written once and run with other ids (partnering.prepared)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.governance.models import Action
from partnering.partnerships.access import access_for, visible_partnerships
from partnering.partnerships.models import BrokerAssignment, Membership, Partnership
from partnering.prepared import Prepared
from tests.base import PartneringTestCase

MEMBERS = Prepared(lambda _key, pid: Membership.objects.filter(partnership_id=pid)
                   .select_related("organisation").order_by("organisation__name"), int)


class PreparedTests(PartneringTestCase):
    def test_it_gives_the_rows_of_the_plain_queryset_for_each_id(self):
        for partnership in (self.private, self.public, self.private):
            plain = list(Membership.objects.filter(partnership=partnership)
                         .select_related("organisation").order_by("organisation__name"))
            prepared = MEMBERS("members", partnership.pk)
            self.assertEqual(prepared, plain)
            self.assertEqual([m.organisation.name for m in prepared],
                             [m.organisation.name for m in plain])

    def test_it_runs_one_query_with_the_sql_written_once(self):
        MEMBERS("members", self.public.pk)
        with CaptureQueriesContext(connection) as first:
            MEMBERS("members", self.public.pk)
        with CaptureQueriesContext(connection) as second:
            MEMBERS("members", self.private.pk)
        self.assertEqual(len(first), 1)
        self.assertEqual(first.captured_queries[0]["sql"].replace(
            str(self.public.pk), "?"), second.captured_queries[0]["sql"].replace(
            str(self.private.pk), "?"))

    def test_it_swaps_dates_in(self):
        overdue = Prepared(lambda _key, pid, today: Action.objects.filter(
            partnership_id=pid).overdue(today), int, datetime.date)
        action = Action.objects.create(partnership=self.private, title="Send the map",
                                       owner_organisation=self.trust,
                                       due_date=datetime.date(2026, 3, 1))
        self.assertEqual(overdue("overdue", self.private.pk, datetime.date(2026, 3, 2)),
                         [action])
        self.assertEqual(overdue("overdue", self.private.pk, datetime.date(2026, 3, 1)), [])

    def test_it_swaps_text_in(self):
        by_role = Prepared(lambda _key, pid, role: Membership.objects.filter(
            partnership_id=pid, role=role), int, str)
        self.assertEqual([m.organisation for m in by_role("role", self.private.pk, "lead")],
                         [self.trust])
        self.assertEqual([m.organisation for m in by_role("role", self.private.pk, "core")],
                         [self.ministry])

    def test_it_refuses_an_argument_that_is_not_a_parameter_of_the_query(self):
        unused = Prepared(lambda _key, pid: BrokerAssignment.objects.all(), int)
        with self.assertRaises(ValueError):
            unused("all", self.private.pk)

    def test_it_refuses_arguments_of_another_type(self):
        with self.assertRaises(TypeError):
            MEMBERS("members", str(self.private.pk))
        with self.assertRaises(TypeError):
            MEMBERS("members")


class PreparedAccessTests(PartneringTestCase):
    def test_it_finds_the_same_partnerships_and_ties_as_the_rule(self):
        from partnering.partnerships.access import _visible_one

        for user in (self.alice, self.bob, self.carol, self.olga, self.admin):
            visible = set(visible_partnerships(user).values_list("pk", flat=True))
            for partnership in Partnership.objects.all():
                found = _visible_one(user, partnership.pk)
                self.assertEqual(found is not None, partnership.pk in visible,
                                 (user.username, partnership.title))
        self.assertTrue(access_for(self.bob, self.private).is_broker)
        self.assertTrue(access_for(self.alice, self.private).is_lead)
        self.assertFalse(access_for(self.olga, self.private).is_member)
        self.assertEqual(access_for(self.carol, self.private).represents,
                         {self.ministry.pk: False})


class PreparedJsonTests(PartneringTestCase):
    def test_it_decodes_json_columns_as_the_orm_does(self):
        from partnering.registry.models import Organisation

        self.trust.motivations = ["access to finance", "ünïcode", {"nested": [1, 2.5, None]}]
        self.trust.save()
        Organisation.objects.filter(pk=self.ministry.pk).update(motivations=[])
        by_id = Prepared(lambda _key, pk: Organisation.objects.filter(pk=pk).values(
            "motivations", "interests"), int)
        for organisation in (self.trust, self.ministry):
            plain = list(Organisation.objects.filter(pk=organisation.pk).values(
                "motivations", "interests"))
            self.assertEqual(by_id("json", organisation.pk), plain)
        self.assertEqual(by_id("json", self.trust.pk)[0]["motivations"][2],
                         {"nested": [1, 2.5, None]})
