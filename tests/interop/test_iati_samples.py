"""Real publishers' files import with the counts the XML itself gives (counted in the test
with lxml, not by the importer), each file once per class."""

from partnering.finance.models import Budget, ResourceFlow
from partnering.interop.models import IatiActivity, OrganisationAlias
from partnering.monitoring.models import Indicator, Result
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase
from tests.interop.iati_files import expected, run, sample, schema


class SampleChecks:
    file = ""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.path = sample(cls.file)
        cls.expect = expected(cls.path)
        cls.organisations_before = Organisation.objects.count()
        cls.report = run([cls.path])

    def imported(self):
        return Partnership.objects.filter(iati__isnull=False)

    def test_it_imports_every_valid_activity(self):
        self.assertEqual(self.report.created, self.expect["activities"])
        self.assertEqual(self.report.skipped, self.expect["invalid"])
        self.assertEqual(IatiActivity.objects.count(), self.expect["activities"])
        self.assertEqual(self.imported().count(), self.expect["activities"])

    def test_it_registers_each_organisation_once(self):
        self.assertEqual(self.report.organisations_created, self.expect["organisations"])
        self.assertEqual(Organisation.objects.count() - self.organisations_before,
                         self.expect["organisations"])
        self.assertEqual(self.report.organisations_matched, 0)

    def test_it_imports_every_result_and_indicator(self):
        self.assertEqual(Indicator.objects.filter(partnership__in=self.imported()).count(),
                         self.expect["indicators"])
        self.assertEqual(Result.objects.filter(partnership__in=self.imported()).count(),
                         self.expect["results"])

    def test_it_imports_budgets_and_transactions(self):
        self.assertEqual(Budget.objects.count(), self.expect["budgets"])
        self.assertEqual(ResourceFlow.objects.count(), self.expect["transactions"])

    def test_it_keeps_imported_partnerships_private_with_a_lead(self):
        for partnership in self.imported().prefetch_related("memberships"):
            self.assertEqual(partnership.visibility, "private")
            self.assertIn("lead", [m.role for m in partnership.memberships.all()])

    def test_it_reports_no_problem_in_a_clean_file(self):
        if self.expect["invalid"]:
            return
        self.assertEqual(self.report.problems, [])


class CafSampleTest(SampleChecks, PartneringTestCase):
    file = "CAF-ActivityFile-2025-10-10.xml"

    def test_it_maps_sdg_goal_tags(self):
        # 877 tags in vocabulary 2 (SDG goals) over 478 activities
        partnership = IatiActivity.objects.get(iati_identifier="XM-DAC-46008-cfa012402").partnership
        self.assertEqual(sorted(partnership.sdg_goals.values_list("number", flat=True)),
                         [8, 9, 12])
        self.assertEqual(partnership.countries, ["SV"])

    def test_it_names_organisations_without_ref_once_whatever_the_case(self):
        # "MINISTERIO DE ECONOMíA Y FINANZAS" and "Ministerio de Economía y Finanzas"
        alias = OrganisationAlias.objects.get(kind="name",
                                              value="ministerio de economia y finanzas")
        self.assertGreater(alias.organisation.memberships.count(), 27)

    def test_it_makes_the_publisher_the_implicit_provider(self):
        caf = Organisation.objects.get(identifier="XM-DAC-46008")
        commitments = ResourceFlow.objects.filter(transaction_type="2")
        self.assertTrue(commitments.exists())
        self.assertFalse(commitments.exclude(provider=caf).exists())


class WhoSampleTest(SampleChecks, PartneringTestCase):
    file = "who-arg.xml"

    def test_it_maps_sdg_target_tags_to_targets_and_goals(self):
        partnership = IatiActivity.objects.get(
            iati_identifier="XM-DAC-928-AR-2016-17-01.001.AM01.ARG01").partnership
        self.assertIn("3.3", partnership.sdg_targets.values_list("code", flat=True))
        self.assertIn(3, partnership.sdg_goals.values_list("number", flat=True))


class WorldBankSampleTest(SampleChecks, PartneringTestCase):
    file = "worldbank-679.xml"

    def test_it_imports_targets_and_actuals_per_period(self):
        indicator = Indicator.objects.filter(
            partnership__iati__iati_identifier="44000-P145054",
            name="Number of staff receiving knowledge transfer on HVDC technology/ "
                 "Transmission Dispatch").first()
        self.assertEqual(str(indicator.baseline_value), "0.0000")
        target = indicator.targets.get()
        self.assertEqual((str(target.value), target.date.isoformat()), ("40.0000", "2025-12-31"))
        actual = indicator.measurements.get()
        self.assertEqual(str(actual.value), "20.0000")

    def test_it_keeps_qualitative_values_as_published(self):
        activity = IatiActivity.objects.get(iati_identifier="44000-P145054")
        texts = [p.get("target") for v in activity.periods.values() for p in v["periods"]]
        self.assertIn("Yes", texts)

    def test_it_keeps_refs_that_are_not_org_ids_as_aliases(self):
        alias = OrganisationAlias.objects.get(kind="ref", value="44000")
        self.assertEqual(alias.organisation.identifier, "")  # "44000" is not an org-id


class NetherlandsSampleTest(SampleChecks, PartneringTestCase):
    file = "netherlands-mfa-example.xml"

    def test_it_gives_an_organisation_with_several_roles_one_membership(self):
        partnership = IatiActivity.objects.get(iati_identifier="NL-1-PPR-24706").partnership
        mfa = partnership.memberships.get(organisation__identifier="XM-DAC-7")
        self.assertEqual((mfa.role, mfa.iati_role), ("lead", "2"))
        roles = [p["role"] for p in partnership.iati.participants
                 if p["organisation"] == mfa.organisation_id]
        self.assertEqual(roles, ["1", "2", "3"])

    def test_it_closes_closed_activities(self):
        partnership = IatiActivity.objects.get(iati_identifier="NL-1-PPR-24706").partnership
        self.assertEqual((partnership.phase, partnership.status), ("sustaining", "closed"))
        self.assertIn("Closed in IATI", partnership.status_reason)


class DportalSampleTest(SampleChecks, PartneringTestCase):
    file = "dportal-food-security.xml"


class AcfSpainSampleTest(SampleChecks, PartneringTestCase):
    file = "acfspain-ph.xml"

    def test_it_reads_an_older_version_and_says_so(self):
        self.assertIn("2.02", self.report.notes[0]["message"])
        self.assertEqual(IatiActivity.objects.first().version, "2.02")


class SchemaErrorSampleTest(SampleChecks, PartneringTestCase):
    file = "undp-gabon-one-schema-error.xml"

    def test_it_skips_the_activity_that_breaks_the_schema_with_its_line(self):
        xsd = schema()
        from lxml import etree

        root = etree.parse(self.path).getroot()
        bad = [a for a in root.iterfind("iati-activity") if not xsd.validate(a)]
        self.assertEqual(len(bad), 1)
        line = xsd.error_log[0].line
        self.assertEqual(self.report.skipped, 1)
        self.assertEqual(self.report.created, 0)
        problem = self.report.problems[0]
        self.assertEqual(problem["line"], line)
        self.assertIn("schema", problem["message"])
        self.assertEqual(problem["activity"], "XM-DAC-41114-PROJECT-00042420")
