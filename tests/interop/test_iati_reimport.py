"""Re-importing updates in place: no duplicates, nothing lost that people changed or added
by hand, older versions skipped."""

from decimal import Decimal

from partnering.audit.models import AuditEvent
from partnering.finance.models import Budget, ResourceFlow
from partnering.interop.models import IatiActivity
from partnering.monitoring.models import Indicator, IndicatorTarget, Measurement, Result
from partnering.partnerships import services
from partnering.partnerships.models import Meeting, Membership, Partnership, PhaseTransition
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase
from tests.interop.iati_files import TempFiles, activity, document, run

ID = "XM-DAC-41114-REIMPORT"
PARTICIPANTS = [("XM-DAC-41114", "40", "2", "UNDP"), ("NL-1", "10", "1", "Netherlands MFA"),
                ("", "", "4", "Water Users Association")]


def body(*, budget_1="1000", budget_2="2000", second_flow=True, second_period=False) -> str:
    flow = """<transaction><transaction-type code="3"/><transaction-date iso-date="2023-03-01"/>
 <value currency="USD" value-date="2023-03-01">500</value>
 <receiver-org><narrative>Water Users Association</narrative></receiver-org></transaction>"""
    period = """<period><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <target value="80"/></period>"""
    return f"""<recipient-country code="NE"/>
<budget type="1" status="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
 <value currency="USD" value-date="2023-01-01">{budget_1}</value></budget>
<budget type="1" status="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
 <value currency="USD" value-date="2024-01-01">{budget_2}</value></budget>
<transaction><transaction-type code="2"/><transaction-date iso-date="2023-01-10"/>
 <value currency="USD" value-date="2023-01-10">3000</value></transaction>
{flow if second_flow else ""}
<result type="1"><title><narrative>Water points built</narrative></title>
 <indicator measure="1"><title><narrative>Working water points</narrative></title>
  <baseline year="2022" value="10"/>
  <period><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <target value="40"/><actual value="35"/></period>
  {period if second_period else ""}
 </indicator>
</result>"""


def version(last_updated: str, **changes) -> bytes:
    title = changes.pop("title", "Clean water")
    description = changes.pop("description", "Safe water for every school.")
    status = changes.pop("status", "2")
    return document(activity(ID, last_updated=last_updated, titles={"": title},
                             description=description, status=status,
                             participants=PARTICIPANTS, body=body(**changes)))


def counts() -> dict:
    return {model.__name__: model.objects.count()
            for model in (Partnership, Organisation, Membership, IatiActivity, Budget,
                          ResourceFlow, Result, Indicator, IndicatorTarget, Measurement)}


class ReimportTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.files = TempFiles()
        cls.v1 = cls.files.write("v1.xml", version("2024-01-01T00:00:00Z"))
        cls.v2 = cls.files.write("v2.xml", version(
            "2024-06-01T00:00:00Z", title="Clean water, phase 2", status="3",
            description="Safe water for every school and clinic.", budget_1="1100",
            budget_2="2500", second_flow=False, second_period=True))
        cls.first = run([cls.v1], cls.admin)
        cls.partnership = Partnership.objects.get(iati__iati_identifier=ID)

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def test_it_changes_nothing_when_the_same_file_comes_again(self):
        before, events = counts(), AuditEvent.objects.count()
        report = run([self.v1], self.admin)
        self.assertEqual((report.created, report.updated, report.unchanged), (0, 0, 1))
        self.assertEqual(report.organisations_created, 0)
        self.assertEqual(counts(), before)
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_it_records_the_import_in_the_partnership_history(self):
        events = AuditEvent.objects.filter(partnership_id=self.partnership.pk)
        self.assertTrue(events.filter(action="partnership.created",
                                      object_type="partnerships.partnership",
                                      actor=self.admin).exists())
        self.assertEqual(events.filter(object_type="partnerships.membership").count(), 3)

    def test_it_updates_in_place_and_keeps_what_people_changed_or_added(self):
        p = self.partnership
        services.update_partnership(self.admin, p, title="Clean water for Tillabéri schools")
        services.add_member(self.admin, p, organisation=self.ministry, role="core")
        services.record_meeting(self.admin, p, date="2024-02-01", purpose="Review")
        association = p.memberships.get(organisation__name="Water Users Association")
        services.update_member(self.admin, association, role="associate")
        Budget.objects.filter(partnership=p, import_key="b1").update(value=Decimal("999"))
        own = Indicator.objects.create(partnership=p, name="Girls attending school")
        before = counts()

        report = run([self.v2], self.admin)

        self.assertEqual((report.created, report.updated, report.skipped), (0, 1, 0))
        p = self.reload(p)
        self.assertEqual(p.title, "Clean water for Tillabéri schools")
        self.assertEqual(p.problem_statement, "Safe water for every school and clinic.")
        self.assertEqual((p.phase, p.status), ("sustaining", "active"))
        self.assertTrue(PhaseTransition.objects.filter(partnership=p, to_phase="sustaining")
                        .exists())
        moved = AuditEvent.objects.get(partnership_id=p.pk, action="partnership.phase_moved")
        self.assertEqual(moved.changes["phase"][1], "sustaining")
        self.assertEqual(moved.actor, self.admin)
        self.assertTrue(p.memberships.filter(organisation=self.ministry).exists())
        self.assertEqual(p.memberships.get(pk=association.pk).role, "associate")
        self.assertTrue(Meeting.objects.filter(partnership=p, purpose="Review").exists())
        self.assertTrue(Indicator.objects.filter(pk=own.pk).exists())
        budgets = dict(Budget.objects.filter(partnership=p).values_list("import_key", "value"))
        self.assertEqual(budgets, {"b1": Decimal("999.00"), "b2": Decimal("2500.00")})
        self.assertEqual(ResourceFlow.objects.filter(partnership=p).count(), 1)
        self.assertEqual(IndicatorTarget.objects.filter(indicator__partnership=p).count(), 2)
        after = counts()
        self.assertEqual(after["Membership"], before["Membership"])
        self.assertEqual(after["Organisation"], before["Organisation"])
        self.assertEqual(after["ResourceFlow"], before["ResourceFlow"] - 1)
        kept = " ".join(n["message"] for n in report.notes)
        self.assertIn("title", kept)
        self.assertIn("budgets b1", kept)

        older = run([self.v1], self.admin)
        self.assertEqual((older.skipped, older.updated), (1, 0))
        self.assertIn("before the version already imported", older.problems[0]["message"])
        self.assertEqual(self.reload(p).problem_statement,
                         "Safe water for every school and clinic.")

    def test_it_makes_a_private_import_public_only_when_asked(self):
        run([self.v1], self.admin)
        self.assertEqual(self.reload(self.partnership).visibility, "private")
        report = run([self.v1], self.admin, public=True)
        self.assertEqual(report.updated, 1)
        self.assertEqual(self.reload(self.partnership).visibility, "public")
        run([self.v1], self.admin)  # without --public: stays public
        self.assertEqual(self.reload(self.partnership).visibility, "public")
