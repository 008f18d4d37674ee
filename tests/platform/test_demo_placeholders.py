"""Every demo record reads like the real case it is drawn from: no "Partner A", "Recipient
Government", "Respondent 3", "pending1-16@example.org" or "Platform Admin"."""

import re

from django.contrib.auth import get_user_model

from partnering.assessments.models import Invitation
from partnering.audit.models import AuditEvent
from partnering.monitoring.models import Measurement
from partnering.partnerships.models import Partnership
from partnering.platform.demo import load_demo, persona_usernames
from partnering.platform.demo.iati import demo_copy
from partnering.registry.models import Organisation, Person
from tests.base import PartneringTestCase

PLACEHOLDER = re.compile(
    r"\b(?:Partner [A-Z]\b|Recipient Government|EC_INTPA|pending\d|Not yet answered|"
    r"Respondent \d|Platform Admin|Organi[sz]ation \d|Person \d|User \d|Lorem|placeholder|"
    r"Test\b|Dummy|Foo|TBD)|^[a-z]+\d+[-@]", re.I | re.M)


class DemoPlaceholdersTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def texts(self):
        """Every name and address a user of the demo reads, with where it comes from."""
        yield from (("organisation", name) for name in
                    Organisation.objects.values_list("name", flat=True))
        yield from (("person", name) for name in Person.objects.values_list("name", flat=True))
        for user in get_user_model().objects.filter(username__in=persona_usernames()):
            yield "account", user.get_full_name()
        for invitation in Invitation.objects.all():
            yield "survey invitation", invitation.name
            yield "survey invitation", invitation.email
        yield from (("partnership", p.title) for p in Partnership.objects.all())
        for m in Measurement.objects.select_related("reported_by"):
            yield "value", m.comment + " " + m.evidence_url
            if m.reported_by:
                yield "value reported by", m.reported_by.get_full_name()
        yield from (("audit trail", name) for name in
                    AuditEvent.objects.values_list("actor_name", flat=True).distinct())

    def test_it_has_no_placeholder_names(self):
        found = sorted({(kind, text) for kind, text in self.texts()
                        if PLACEHOLDER.search(text or "")})
        self.assertEqual(found, [])

    def test_it_names_who_reported_each_value(self):
        reporters = {m.reported_by.get_full_name() for m in
                     Measurement.objects.select_related("reported_by") if m.reported_by}
        self.assertIn("Emir Delić", reporters)
        self.assertNotIn("", reporters)

    def test_it_recognises_placeholders(self):
        for text in ("Partner A global", "Recipient Government", "Respondent 3",
                     "pending1-16@example.org", "Platform Admin", "h25-3-16-0@example.org"):
            self.assertRegex(text, PLACEHOLDER)
        for text in ("Amela Hodžić", "amela.hodzic@example.org", "World Vision Malawi"):
            self.assertNotRegex(text, PLACEHOLDER)

    def test_it_imports_the_iati_file_without_its_anonymised_partners(self):
        copy = demo_copy().decode()
        self.assertNotIn("Partner A", copy)
        self.assertIn("Government of the Republic of the Congo", copy)
        self.assertTrue(Organisation.objects.filter(
            name="Government of the Republic of the Congo").exists())
