"""The history's "What changed" lists in French: every field the demo records is named by a
French label, never by its stored name, and values are shown by their French display (a
choice's label, Oui/Non, a French date), never by their stored codes."""

import html
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import translation

from partnering.audit.changes import field_label, readable, shown
from partnering.audit.models import AuditEvent
from partnering.platform.demo import load_demo

# Labels that French writes as English does.
SAME_IN_FRENCH = {"Date", "Description", "Forum", "Impact", "Influence", "Instrument",
                  "Mentor", "Mission", "Question",
                  "Motivations", "Note", "Notes", "Option", "Options", "Organisation",
                  "Parties", "Phase", "Quorum (%)", "Version"}
CHANGES = re.compile(r'<dl class="changes">(.*?)</dl>', re.S)


class HistoryInFrenchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.fields = sorted({(object_type, name) for object_type, changes
                             in AuditEvent.objects.values_list("object_type", "changes")
                             for name in changes or {}})

    def test_it_names_every_field_the_demo_records_in_french(self):
        self.assertGreater(len(self.fields), 150)
        untranslated = []
        for object_type, name in self.fields:
            english = field_label(object_type, name)
            with translation.override("fr"):
                french = field_label(object_type, name)
            if french == name.replace("_", " ") or "_" in french or (
                    french == english and french not in SAME_IN_FRENCH):
                untranslated.append((object_type, name, french))
        self.assertEqual(untranslated, [])

    def test_it_names_fields_as_people_read_them(self):
        with translation.override("fr"):
            self.assertEqual(field_label("agreements.agreementversion", "decision_rule"),
                             "Règle de décision")
            self.assertEqual(field_label("agreements.agreementversion", "grievance_exit"),
                             "Réclamations et retrait")
            self.assertEqual(field_label("governance.decision", "outcome"), "Résultat")
        self.assertEqual(field_label("agreements.agreementversion", "kpis"), "KPIs set upfront")
        self.assertEqual(field_label("registry.person", "job_title"), "Job title")

    def test_it_shows_values_by_their_french_display(self):
        with translation.override("fr"):
            self.assertEqual(shown("discovery.callresponse", "status", "shortlisted"),
                             "Présélectionnée")
            self.assertEqual(shown("partnerships.checklistitem", "status", "open"), "Ouvert")
            self.assertEqual(shown("registry.person", "is_organisation_admin", False), "Non")
            self.assertEqual(shown("partnerships.meeting", "date", "2025-05-06"), "6 mai 2025")
            self.assertEqual(shown("governance.proposal", "review_date", "2027-06-07"),
                             "7 juin 2027")
            self.assertEqual(shown("agreements.resourcecommitment", "amount", "24000"),
                             "24\u202f000")
            self.assertEqual(shown("partnerships.meeting", "location", ""), "")
        self.assertEqual(shown("discovery.callresponse", "status", "shortlisted"),
                         "Shortlisted")
        self.assertEqual(shown("partnerships.meeting", "date", "2025-05-06"), "6 May 2025")

    def test_it_reads_a_recorded_event_in_french(self):
        event = AuditEvent.objects.filter(object_type="agreements.agreementversion",
                                          changes__has_key="decision_rule").first()
        with translation.override("fr"):
            changes = {change.label: change for change in readable(event)}
        self.assertIn("Règle de décision", changes)
        self.assertNotIn("consensus", changes["Règle de décision"].after.split(" ")[0])

    def test_it_renders_the_history_page_in_french(self):
        event = AuditEvent.objects.filter(object_type="agreements.agreementversion",
                                          changes__has_key="decision_rule").first()
        admin = get_user_model().objects.filter(is_superuser=True).first()
        self.client.force_login(admin)
        response = self.client.get(f"/partnerships/{event.partnership_id}/history/",
                                   {"kind": event.action}, HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(response.status_code, 200)
        lists = html.unescape(" ".join(CHANGES.findall(response.content.decode())))
        self.assertIn("<dt>Règle de décision</dt>", lists)
        self.assertIn("Consensus", lists)
        self.assertNotIn("decision rule", lists)
        self.assertNotIn("<dt>kpis</dt>", lists)
