"""Export as IATI 2.03: valid against the shipped schema, complete, and stable through
import → export → import."""

import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import override_settings
from lxml import etree

from partnering.audit.services import _plain
from partnering.interop.iati.export import export_bytes
from partnering.interop.models import IatiActivity, OrganisationAlias
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase
from tests.interop.iati_files import TempFiles, activity, document, run, sample, schema

SAMPLES = ("worldbank-679.xml", "netherlands-mfa-example.xml", "dportal-food-security.xml",
           "acfspain-ph.xml")
RICH = """<recipient-country code="NE" percentage="60"/>
<recipient-country code="ML" percentage="40"/>
<recipient-region code="289" vocabulary="1"/>
<sector vocabulary="1" code="14030" percentage="100"/>
<tag vocabulary="2" code="6"/><tag vocabulary="3" code="6.1"/>
<budget type="1" status="2">
 <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
 <value currency="USD" value-date="2023-01-01">120000.50</value></budget>
<transaction ref="T-1"><transaction-type code="3"/><transaction-date iso-date="2023-05-01"/>
 <value currency="USD" value-date="2023-05-01">40000</value>
 <description><narrative>First tranche</narrative></description>
 <receiver-org ref="NL-KVK-30214009" type="21"><narrative>Water NGO</narrative></receiver-org>
</transaction>
<result type="2"><title><narrative>Safe water</narrative></title>
 <indicator measure="2" ascending="1">
  <title><narrative>Households with safe water</narrative></title>
  <reference vocabulary="9" code="6.1.1"/>
  <baseline year="2022" iso-date="2022-12-31" value="41">
   <comment><narrative>Survey</narrative></comment></baseline>
  <period><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <target value="60"/>
   <actual value="55"><comment><narrative>Mid-term survey</narrative></comment></actual></period>
 </indicator>
</result>"""


def snapshot() -> dict:
    """What the imported partnerships hold, by IATI identifier, with organisations by ref or
    name (their ids change between imports)."""
    def org(o):
        if o is None:
            return None
        alias = OrganisationAlias.objects.filter(organisation=o, kind="ref").order_by("pk")
        return o.identifier or (alias[0].value if alias else o.name)

    state = {}
    for a in IatiActivity.objects.select_related("partnership"):
        p = a.partnership
        state[a.iati_identifier] = {
            **{f: _plain(getattr(p, f)) for f in (
                "title", "problem_statement", "scope", "countries", "geography", "start_date",
                "end_date", "funding", "duration", "stakeholder_mix", "phase", "status",
                "status_reason", "visibility")},
            "sdgs": [sorted(p.sdg_goals.values_list("number", flat=True)),
                     sorted(p.sdg_targets.values_list("code", flat=True))],
            "members": sorted((org(m.organisation), m.role, m.iati_role)
                              for m in p.memberships.select_related("organisation")),
            "budgets": sorted(_plain([b.period_start, b.period_end, b.budget_type, b.status,
                                      b.value, b.currency, b.value_date])
                              for b in p.budgets.all()),
            "flows": sorted(_plain([f.transaction_type, f.date, f.value, f.currency,
                                    f.value_date, org(f.provider), f.provider_name,
                                    org(f.receiver), f.receiver_name, f.description,
                                    f.reference]) for f in p.resource_flows.all()),
            "indicators": sorted(json.dumps(_plain([
                i.result.title if i.result else None, i.result.level if i.result else None,
                i.name, i.measure, i.direction, i.baseline_value, i.baseline_date,
                i.baseline_comment, i.sdg_indicator.code if i.sdg_indicator else None,
                sorted(_plain([t.date, t.value, t.comment]) for t in i.targets.all()),
                sorted(_plain([m.period_start, m.period_end, m.value, m.comment])
                       for m in i.measurements.all())])) for i in p.indicators.all()),
            "iati": {f: _plain(getattr(a, f)) for f in (
                "reporting_org_ref", "default_language", "titles", "descriptions",
                "activity_status", "dates", "regions", "sectors", "last_updated",
                "country_percentages", "tags", "periods", "default_currency")},
        }
    return state


class ExportTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.files = TempFiles()
        cls.rich = cls.files.write("rich.xml", document(activity(
            "XM-DAC-41114-RICH", titles={"": "Clean water", "fr": "De l'eau potable"},
            lang="en", body=RICH)))
        cls.paths = [sample(name) for name in SAMPLES] + [cls.rich]
        cls.report = run(cls.paths)

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def assert_valid(self, xml: bytes) -> etree._Element:
        root = etree.fromstring(xml)
        xsd = schema()
        self.assertTrue(xsd.validate(root), xsd.error_log)
        return root

    def test_it_writes_valid_iati_for_every_imported_activity(self):
        root = self.assert_valid(export_bytes(Partnership.objects.filter(iati__isnull=False)))
        self.assertEqual(len(root.findall("iati-activity")), IatiActivity.objects.count())

    @override_settings(IATI_PUBLISHER_REF="GB-CHC-1234567", IATI_PUBLISHER_NAME="Our office")
    def test_it_writes_valid_iati_for_partnerships_made_here(self):
        root = self.assert_valid(export_bytes([self.private, self.public]))
        activity_ = root.find("iati-activity")
        self.assertEqual(activity_.findtext("iati-identifier"),
                         f"GB-CHC-1234567-{self.private.pk}")
        self.assertEqual(activity_.find("reporting-org").get("ref"), "GB-CHC-1234567")
        self.assertEqual(activity_.findtext("title/narrative"), self.private.title)
        roles = {(p.findtext("narrative"), p.get("role"))
                 for p in activity_.iterfind("participating-org")}
        self.assertEqual(roles, {("Sahel Water Trust", "2"), ("Ministry of Water", "2")})
        self.assertEqual([t.get("code") for t in activity_.iterfind("tag")], ["6", "6.1"])
        self.assertEqual(activity_.find("activity-status").get("code"), "1")

    def test_it_writes_members_sectors_sdgs_money_and_results(self):
        p = Partnership.objects.get(iati__iati_identifier="XM-DAC-41114-RICH")
        root = self.assert_valid(export_bytes([p]))
        a = root.find("iati-activity")
        self.assertEqual([(n.text, n.get("{http://www.w3.org/XML/1998/namespace}lang"))
                          for n in a.find("title")],
                         [("Clean water", None), ("De l'eau potable", "fr")])
        self.assertEqual([(p.get("ref"), p.get("role"), p.get("type"))
                          for p in a.iterfind("participating-org")],
                         [("XM-DAC-41114", "2", "40")])
        self.assertEqual([(c.get("code"), c.get("percentage"))
                          for c in a.iterfind("recipient-country")],
                         [("ML", "40"), ("NE", "60")])
        self.assertEqual(a.find("sector").get("code"), "14030")
        self.assertEqual(sorted((t.get("vocabulary"), t.get("code")) for t in a.iter("tag")),
                         [("2", "6"), ("3", "6.1")])
        self.assertEqual(a.findtext("budget/value"), "120000.5")
        transaction = a.find("transaction")
        self.assertEqual(transaction.get("ref"), "T-1")
        self.assertEqual(transaction.find("receiver-org").get("ref"), "NL-KVK-30214009")
        self.assertIsNone(transaction.find("provider-org"))  # the publisher, implicit
        indicator = a.find("result/indicator")
        self.assertEqual(indicator.find("reference").get("code"), "6.1.1")
        self.assertEqual(indicator.find("baseline").get("value"), "41")
        self.assertEqual(indicator.findtext("baseline/comment/narrative"), "Survey")
        period = indicator.find("period")
        self.assertEqual((period.find("period-start").get("iso-date"),
                          period.find("target").get("value"),
                          period.find("actual").get("value")), ("2023-01-01", "60", "55"))

    def test_it_is_stable_through_import_export_import(self):
        before = snapshot()
        exported = self.files.write("export.xml", export_bytes(
            Partnership.objects.filter(iati__isnull=False).order_by("pk")))
        again = run([exported])
        self.assertEqual((again.created, again.updated, again.skipped),
                         (0, 0, 0), again.problems[:3])
        self.assertEqual(again.unchanged, len(before))
        self.assertEqual(snapshot(), before)
        # And into a registry that has never seen these files:
        organisations = Organisation.objects.count()
        Partnership.objects.filter(iati__isnull=False).delete()
        Organisation.objects.exclude(pk__in=[self.trust.pk, self.ministry.pk, self.bottler.pk,
                                             self.brokers_org.pk, self.elsewhere.pk]).delete()
        fresh = run([exported])
        self.assertEqual(fresh.created, len(before))
        self.assertEqual(Organisation.objects.count(), organisations)
        self.assertEqual(snapshot(), before)

    def test_it_answers_the_api_with_the_visibility_rules(self):
        url = f"/api/v1/partnerships/{self.private.pk}/iati.xml"
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.sign_in(self.carol)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        self.assert_valid(response.content)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 404)
        public = self.client.get(f"/api/v1/partnerships/{self.public.pk}/iati.xml")
        self.assertEqual(public.status_code, 200)
        self.assertEqual(self.client.get("/api/v1/partnerships/999999/iati.xml").status_code,
                         404)

    def test_it_exports_from_the_command_line(self):
        out = self.files.write("cli.xml", b"")
        call_command("export_iati", "--out", out, "--partnership", str(self.private.pk),
                     "--partnership", str(self.public.pk), stdout=StringIO())
        with open(out, "rb") as handle:
            root = self.assert_valid(handle.read())
        self.assertEqual(len(root), 2)
        with self.assertRaises(CommandError) as refused:
            call_command("export_iati", "--out", out, "--partnership", "999999",
                         stdout=StringIO())
        self.assertEqual(refused.exception.returncode, 2)
