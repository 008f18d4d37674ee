"""How IATI activities map onto partnerships: lifecycle phases from the activity status,
SDGs from tags, sectors and indicator references, member roles, organisation matching
across files and publishers, resource flows."""

from partnering.finance.models import ResourceFlow
from partnering.interop.models import IatiActivity, OrganisationAlias
from partnering.monitoring.models import Indicator
from partnering.partnerships.models import PhaseTransition
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase
from tests.interop.iati_files import TempFiles, activity, document, run

UNDP = ("XM-DAC-41114", "40", "United Nations Development Programme")


def partnership(identifier: str):
    return IatiActivity.objects.select_related("partnership").get(
        iati_identifier=identifier).partnership


class StatusMappingTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.files = TempFiles()
        started = '<activity-date type="2" iso-date="2020-01-01"/>'
        planned = '<activity-date type="1" iso-date="2030-01-01"/>'
        activities = [activity(f"XM-DAC-41114-S{code}", status=code, dates=started)
                      for code in "123456"]
        activities.append(activity("XM-DAC-41114-S5-PLANNED", status="5", dates=planned))
        cls.report = run([cls.files.write("status.xml", document(*activities))])

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def phase(self, identifier):
        p = partnership(identifier)
        return p.phase, p.status

    def test_it_maps_each_activity_status_to_a_phase(self):
        self.assertEqual(self.report.created, 7)
        self.assertEqual(self.phase("XM-DAC-41114-S1"), ("exploration", "active"))
        self.assertEqual(self.phase("XM-DAC-41114-S2"), ("running", "active"))
        self.assertEqual(self.phase("XM-DAC-41114-S3"), ("sustaining", "active"))
        self.assertEqual(self.phase("XM-DAC-41114-S4"), ("sustaining", "closed"))
        self.assertEqual(self.phase("XM-DAC-41114-S6"), ("running", "active"))

    def test_it_closes_cancelled_activities_where_they_stopped(self):
        self.assertEqual(self.phase("XM-DAC-41114-S5"), ("running", "closed"))
        self.assertEqual(self.phase("XM-DAC-41114-S5-PLANNED"), ("exploration", "closed"))
        self.assertIn("Cancelled in IATI", partnership("XM-DAC-41114-S5").status_reason)

    def test_it_notes_a_suspension_in_the_phase_history(self):
        transition = PhaseTransition.objects.get(partnership=partnership("XM-DAC-41114-S6"))
        self.assertIn("Suspended in IATI", transition.reason)
        self.assertEqual(transition.actor_name, "IATI import")


class SdgMappingTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.files = TempFiles()
        body = """
<sector vocabulary="1" code="14030" percentage="100"/>
<sector vocabulary="7" code="5"/>
<sector vocabulary="8" code="6.1"/>
<sector vocabulary="9" code="3.3.1"/>
<tag vocabulary="2" code="4"/>
<tag vocabulary="3" code="4.1"/>
<tag vocabulary="2" code="18"/>
<tag vocabulary="1" code="c_8309"><narrative>Water supply</narrative></tag>
<result type="2"><title><narrative>Fewer people hungry</narrative></title>
 <indicator measure="2" ascending="0">
  <title><narrative>Prevalence of undernourishment</narrative></title>
  <reference vocabulary="9" code="2.1.1"/>
  <baseline year="2020" iso-date="2020-01-01" value="21.5"/>
  <period><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <target value="15"/><actual value="18.2"/></period>
 </indicator>
</result>"""
        cls.report = run([cls.files.write("sdg.xml", document(activity("XM-DAC-41114-SDG",
                                                                       body=body)))])
        cls.p = partnership("XM-DAC-41114-SDG")

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def test_it_takes_goals_and_targets_from_tags_and_sectors(self):
        self.assertEqual(sorted(self.p.sdg_goals.values_list("number", flat=True)),
                         [2, 3, 4, 5, 6])
        self.assertEqual(sorted(self.p.sdg_targets.values_list("code", flat=True)),
                         ["2.1", "3.3", "4.1", "6.1"])

    def test_it_links_an_indicator_with_reference_vocabulary_9(self):
        indicator = Indicator.objects.get(partnership=self.p)
        self.assertEqual(indicator.sdg_indicator.code, "2.1.1")
        self.assertEqual((indicator.measure, indicator.direction), ("2", "down"))
        self.assertEqual(str(indicator.baseline_value), "21.5000")
        self.assertEqual(str(indicator.targets.get().value), "15.0000")
        measurement = indicator.measurements.get()
        self.assertEqual((str(measurement.value), measurement.period_start.isoformat()),
                         ("18.2000", "2023-01-01"))
        self.assertEqual(indicator.result.level, "2")
        # Progress stored for the dashboards: (18.2 − 21.5) / (15 − 21.5).
        self.assertEqual(str(indicator.latest_value), "18.2000")
        self.assertAlmostEqual(indicator.progress, 3.3 / 6.5)

    def test_it_keeps_dac_sectors_and_other_tags_on_the_iati_record(self):
        self.assertEqual(self.p.iati.sectors[0]["code"], "14030")
        self.assertEqual(self.p.iati.sectors[0]["name"], "Basic drinking water supply and "
                                                         "basic sanitation")
        self.assertEqual([t["code"] for t in self.p.iati.tags], ["c_8309"])

    def test_it_reports_an_unknown_sdg_with_its_line(self):
        problem = next(p for p in self.report.problems if "“18”" in p["message"])
        self.assertGreater(problem["line"], 1)
        self.assertIn("not an SDG goal", problem["message"])


class MembersAndOrganisationsTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Organisation.objects.filter(pk=cls.trust.pk).update(identifier="GB-CHC-1234567")
        cls.files = TempFiles()
        first = activity("XM-DAC-41114-M1", participants=[
            ("XM-DAC-41114", "40", "2", "UNDP"),
            ("NL-1", "10", "1", "Netherlands Ministry of Foreign Affairs"),
            ("gb-chc-1234567", "22", "4", "Sahel Water Trust (Niger)"),
            ("", "", "4", "Ministère de l'Eau"),
            ("N/A", "", "3", "Banque Sahélienne"),
            ("44000", "40", "1", "World Bank"),
            ("GB-COH-01234567", "70", "4", "Pump Makers Ltd"),
        ], body="""
<transaction><transaction-type code="2"/><transaction-date iso-date="2023-02-01"/>
 <value currency="USD" value-date="2023-02-01">1000000</value>
 <receiver-org ref="GB-CHC-1234567"><narrative>Sahel Water Trust</narrative></receiver-org>
</transaction>
<transaction><transaction-type code="1"/><transaction-date iso-date="2023-01-15"/>
 <value currency="EUR" value-date="2023-01-15">250000</value>
 <provider-org ref="NL-1" type="10"><narrative>Netherlands MFA</narrative></provider-org>
</transaction>""")
        second = activity("GB-CHC-1234567-M2", reporting=("GB-CHC-1234567", "22", "SWT"),
                          participants=[
                              ("GB-CHC-1234567", "22", "4", "SWT"),
                              ("", "", "1", "MINISTERE DE L EAU"),
                              ("XM-DAC-44000", "40", "1", "IBRD"),
                              ("NL-1", "10", "3", "Ministry of Foreign Affairs"),
                              ("FR-RCS-999", "70", "4", "Pump Makers Ltd"),
                          ])
        cls.first = run([cls.files.write("first.xml", document(first))])
        cls.second = run([cls.files.write("second.xml", document(second))])
        cls.p1 = partnership("XM-DAC-41114-M1")
        cls.p2 = partnership("GB-CHC-1234567-M2")

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def member(self, p, **lookup):
        return p.memberships.get(**{f"organisation__{k}": v for k, v in lookup.items()})

    def test_it_maps_iati_roles_to_member_roles(self):
        self.assertEqual(self.member(self.p1, identifier="XM-DAC-41114").role, "lead")
        nl = self.member(self.p1, iati_aliases__value="NL-1")
        self.assertEqual((nl.role, nl.iati_role), ("core", "1"))
        bank = self.member(self.p1, name="Banque Sahélienne")
        self.assertEqual((bank.role, bank.iati_role), ("associate", "3"))
        self.assertEqual(self.member(self.p1, pk=self.trust.pk).iati_role, "4")

    def test_it_matches_registry_identifiers_whatever_the_case(self):
        self.assertEqual(self.member(self.p2, pk=self.trust.pk).role, "lead")
        self.assertEqual(Organisation.objects.filter(identifier__iexact="GB-CHC-1234567")
                         .count(), 1)

    def test_it_keeps_refs_that_are_not_org_ids_as_aliases_across_publishers(self):
        nl = Organisation.objects.get(iati_aliases__kind="ref", iati_aliases__value="NL-1")
        self.assertEqual(nl.identifier, "")
        self.assertEqual(nl.memberships.count(), 2)

    def test_it_matches_organisations_without_ref_by_normalised_name(self):
        ministry = Organisation.objects.get(name="Ministère de l'Eau")
        self.assertEqual(ministry.memberships.count(), 2)
        self.assertEqual(ministry.sector, "public")  # no IATI type: guessed from the name

    def test_it_ignores_placeholder_refs(self):
        self.assertFalse(OrganisationAlias.objects.filter(value="N/A").exists())

    def test_it_treats_a_bare_dac_code_and_its_org_id_as_one(self):
        bank = Organisation.objects.get(iati_aliases__value="44000")
        self.assertEqual(bank.memberships.count(), 2)

    def test_it_keeps_two_organisations_with_one_name_and_two_refs(self):
        self.assertEqual(Organisation.objects.filter(name="Pump Makers Ltd").count(), 2)
        self.assertTrue(Organisation.objects.filter(identifier="GB-COH-01234567").exists())

    def test_it_counts_created_and_matched_organisations(self):
        self.assertEqual((self.first.organisations_created, self.first.organisations_matched),
                         (6, 1))
        self.assertEqual((self.second.organisations_created,
                          self.second.organisations_matched), (1, 4))

    def test_it_records_flows_with_the_publisher_as_implicit_party(self):
        undp = Organisation.objects.get(identifier="XM-DAC-41114")
        commitment = ResourceFlow.objects.get(partnership=self.p1, transaction_type="2")
        self.assertEqual((commitment.provider, commitment.receiver), (undp, self.trust))
        incoming = ResourceFlow.objects.get(partnership=self.p1, transaction_type="1")
        self.assertEqual(incoming.receiver, undp)
        self.assertEqual(incoming.provider.iati_aliases.get(kind="ref").value, "NL-1")
        self.assertEqual(incoming.provider_name, "Netherlands MFA")
        self.assertEqual((str(incoming.value), incoming.currency), ("250000.00", "EUR"))
