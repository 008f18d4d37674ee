"""New activities are written a batch at a time (one INSERT per table, not one save per row),
and an activity that comes again in the same XML is not written again."""

from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.audit.models import AuditEvent
from partnering.finance.models import Budget, ResourceFlow
from partnering.interop.iati import services
from partnering.interop.models import IatiActivity
from partnering.monitoring.models import Indicator, IndicatorTarget, Measurement
from partnering.partnerships.models import ChecklistItem, Membership, Partnership
from partnering.partnerships.services import checklist_items
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase
from tests.interop.iati_files import TempFiles, activity, document, run

PARTICIPANTS = [("XM-DAC-41114", "40", "2", "UNDP"), ("NL-1", "10", "1", "Netherlands MFA"),
                ("", "", "4", "Water Users Association")]
BODY = """<recipient-country code="NE"/>
<budget type="1" status="1"><period-start iso-date="2023-01-01"/>
 <period-end iso-date="2023-12-31"/><value currency="USD" value-date="2023-01-01">1000</value>
</budget>
<transaction><transaction-type code="3"/><transaction-date iso-date="2023-03-01"/>
 <value currency="USD" value-date="2023-03-01">500</value>
 <receiver-org><narrative>Water Users Association</narrative></receiver-org></transaction>
<result type="1"><title><narrative>Water points built</narrative></title>
 <indicator measure="1"><title><narrative>Working water points</narrative></title>
  <baseline year="2022" value="10"/>
  <period><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <target value="40"/><actual value="35"/></period>
 </indicator>
</result>"""
WRITES = ("INSERT", "UPDATE", "DELETE")


def activities(count: int, prefix: str) -> bytes:
    return document(*(activity(f"XM-DAC-41114-{prefix}-{number}", participants=PARTICIPANTS,
                               body=BODY) for number in range(count)))


class BatchImportTest(PartneringTestCase):
    def setUp(self):
        super().setUp()
        self.files = TempFiles()
        self.addCleanup(self.files.cleanup)

    def import_counting_queries(self, count: int, prefix: str, **options) -> tuple:
        path = self.files.write(f"{prefix}.xml", activities(count, prefix))
        with CaptureQueriesContext(connection) as queries:
            report = run([path], self.admin, **options)
        return report, [q["sql"] for q in queries]

    def test_it_writes_many_new_activities_in_about_as_many_queries_as_a_few(self):
        models = (Partnership, Membership, Budget, ResourceFlow, Indicator, IndicatorTarget,
                  Measurement)
        before = {model: model.objects.count() for model in models}
        few, few_queries = self.import_counting_queries(4, "FEW")
        many, many_queries = self.import_counting_queries(60, "MANY")
        self.assertEqual((few.created, many.created, many.skipped), (4, 60, 0))
        # One INSERT per table per batch; SQLite splits an INSERT at 999 parameters, so
        # fifteen times the activities may take a few more (one save per row: ~1,400 more).
        self.assertLessEqual(len(many_queries) - len(few_queries), 15)
        for model in models:
            each = 3 if model is Membership else 1
            self.assertEqual(model.objects.count() - before[model], 64 * each, model.__name__)

    def test_it_gives_each_new_partnership_what_one_started_by_hand_gets(self):
        self.import_counting_queries(3, "HAND")
        partnership = Partnership.objects.filter(iati__isnull=False).first()
        self.assertEqual(
            list(ChecklistItem.objects.filter(partnership=partnership).order_by(
                "phase", "position").values_list("phase", "position", "text", "status")),
            sorted((i.phase, i.position, i.text, i.status)
                   for i in checklist_items(Partnership(path="generic"))))
        self.assertEqual(partnership.transitions.count(), 1)
        events = AuditEvent.objects.filter(partnership_id=partnership.pk)
        self.assertEqual(events.filter(action="partnership.created", actor=self.admin).count(), 1)
        self.assertEqual(events.filter(object_type="partnerships.membership").count(), 3)
        indicator = Indicator.objects.get(partnership=partnership)
        self.assertEqual((indicator.latest_value, indicator.final_target_value), (35, 40))

    def test_it_writes_nothing_when_the_same_activities_come_again(self):
        first, _ = self.import_counting_queries(3, "SAME")
        self.assertEqual(first.created, 3)
        updated = dict(Partnership.objects.values_list("pk", "updated"))
        imported_at = dict(IatiActivity.objects.values_list("pk", "imported_at"))
        events = AuditEvent.objects.count()
        path = self.files.write("SAME.xml", activities(3, "SAME"))
        with CaptureQueriesContext(connection) as queries:
            again = run([path], self.admin)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 3))
        self.assertEqual([q["sql"] for q in queries
                          if q["sql"].lstrip().upper().startswith(WRITES)], [])
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(dict(Partnership.objects.values_list("pk", "updated")), updated)
        self.assertEqual(dict(IatiActivity.objects.values_list("pk", "imported_at")),
                         imported_at)

    def test_it_writes_the_same_activities_again_when_the_import_makes_them_public(self):
        self.import_counting_queries(2, "OPEN")
        report, _ = self.import_counting_queries(2, "OPEN", public=True)
        self.assertEqual(report.updated, 2)
        imported = Partnership.objects.filter(iati__iati_identifier__contains="-OPEN-")
        self.assertEqual(sorted(imported.values_list("visibility", flat=True)),
                         ["public", "public"])

    def test_it_writes_each_activity_alone_when_its_batch_fails(self):
        new_partnership = services.new_partnership

        def refusing(actor, fields, **options):
            if fields["title"] == "Broken":
                raise ValidationError({"title": "This title is refused."})
            return new_partnership(actor, fields, **options)

        activities_ = [activity(f"XM-DAC-41114-MIXED-{n}", participants=PARTICIPANTS, body=BODY,
                                titles={"": "Broken" if n == 1 else f"Water {n}"})
                       for n in range(4)]
        path = self.files.write("mixed.xml", document(*activities_))
        organisations = Organisation.objects.count()
        with mock.patch.object(services, "new_partnership", refusing):
            report = run([path], self.admin)
        self.assertEqual((report.created, report.skipped), (3, 1))
        self.assertEqual([p["activity"] for p in report.problems], ["XM-DAC-41114-MIXED-1"])
        self.assertIn("This title is refused", report.problems[0]["message"])
        self.assertEqual(IatiActivity.objects.filter(
            iati_identifier__startswith="XM-DAC-41114-MIXED").count(), 3)
        self.assertEqual(Organisation.objects.count() - organisations,
                         report.organisations_created)

    def test_it_writes_an_activity_that_comes_twice_in_one_file_in_file_order(self):
        first = activity("XM-DAC-41114-TWICE", participants=PARTICIPANTS, body=BODY,
                         last_updated="2024-01-01T00:00:00Z", titles={"": "First title"})
        second = activity("XM-DAC-41114-TWICE", participants=PARTICIPANTS, body=BODY,
                          last_updated="2024-02-01T00:00:00Z", titles={"": "Second title"})
        path = self.files.write("twice.xml", document(first, first, second))
        report = run([path], self.admin)
        self.assertEqual((report.created, report.unchanged, report.updated), (1, 1, 1))
        self.assertEqual(Partnership.objects.get(
            iati__iati_identifier="XM-DAC-41114-TWICE").title, "Second title")

    def test_it_neither_validates_nor_reads_again_a_file_whose_activities_are_unchanged(self):
        self.import_counting_queries(3, "ONCE")
        path = self.files.write("ONCE.xml", activities(3, "ONCE"))
        with (mock.patch("partnering.interop.iati.xml.activities_schema") as schema,
              mock.patch("partnering.interop.iati.importer.iter_activity_batches") as second):
            again = run([path], self.admin)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 3))
        self.assertEqual(schema.return_value.validate.call_count, 0)
        self.assertEqual(second.call_count, 0)

    def test_it_compares_an_identifier_that_comes_twice_with_what_its_first_wrote(self):
        one = activity("XM-DAC-41114-BACK", participants=PARTICIPANTS, body=BODY,
                       last_updated="2024-02-01T00:00:00Z", titles={"": "One title"})
        other = activity("XM-DAC-41114-BACK", participants=PARTICIPANTS, body=BODY,
                         last_updated="2024-02-01T00:00:00Z", titles={"": "Other title"})
        run([self.files.write("one.xml", document(one))], self.admin)
        report = run([self.files.write("back.xml", document(other, one))], self.admin)
        self.assertEqual((report.updated, report.unchanged), (2, 0))
        self.assertEqual(Partnership.objects.get(
            iati__iati_identifier="XM-DAC-41114-BACK").title, "One title")


class PartnershipChecksTest(PartneringTestCase):
    """A new partnership's fields are checked once per batch for each value they take."""

    FIELDS = {"title": "Water", "problem_statement": "Thirst", "formality": "formal",
              "level": "cooperation", "countries": ["NE"]}

    def new(self, checked: set, **fields):
        return services.new_partnership(self.admin, {**self.FIELDS, **fields},
                                        phase="running", status="active", reason="",
                                        checked=checked)

    def test_it_still_refuses_a_value_no_earlier_partnership_of_the_batch_had(self):
        checked: set = set()
        self.new(checked)
        self.assertIn(("formality", "formal"), checked)
        with self.assertRaises(ValidationError) as refused:
            self.new(checked, formality="sometimes")
        self.assertIn("formality", refused.exception.message_dict)

    def test_it_runs_the_partnerships_own_rules_for_each(self):
        checked: set = set()
        self.new(checked)
        with self.assertRaises(ValidationError) as refused:
            self.new(checked, countries=["NE", "XX"])
        self.assertIn("countries", refused.exception.message_dict)
