"""Notifications in French: the inbox and settings pages, the unsubscribe page, what a rule
says and the digest of a person who reads French."""

import datetime as dt

import time_machine
from django.core import mail
from django.utils import translation

from partnering.notifications import digests, ledger, rules
from partnering.notifications.models import Delivery, NotificationSettings
from partnering.notifications.rules import News
from partnering.notifications.tokens import make
from tests.base import PartneringTestCase

MORNING = dt.datetime(2026, 12, 7, 8, 30, tzinfo=dt.UTC)  # a Monday


class NotificationsInFrenchTest(PartneringTestCase):
    def test_it_shows_the_inbox_and_settings_in_french(self):
        self.sign_in(self.carol)
        with translation.override("fr"):
            inbox = self.client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
            settings = self.client.get("/notifications/settings/", HTTP_ACCEPT_LANGUAGE="fr")
        settings = settings.content.decode()
        self.assertIn("Tout marquer comme lu", inbox)
        self.assertIn("Rien à vous signaler pour l’instant.", inbox)
        self.assertIn("Paramètres des notifications", settings)
        self.assertIn("Une proposition attend la position de votre organisation", settings)
        self.assertIn("Dans un récapitulatif quotidien", settings)

    def test_it_asks_in_french_before_stopping_emails(self):
        url = f"/notifications/unsubscribe/{make(self.carol.pk, 'phase_changed')}/"
        with translation.override("fr"):
            page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        self.assertIn("Arrêter les e-mails pour « Un partenariat est passé à une autre "
                      "phase »", page.replace("&nbsp;", "\u00a0").replace("\u00a0", " "))

    def test_it_tells_a_french_reader_in_french(self):
        NotificationSettings.objects.create(user=self.carol, language="fr", digest_hour=7)
        event = partnership_moved(self)
        with time_machine.travel(MORNING - dt.timedelta(hours=2), tick=False):
            ledger.write(rules.phase_moved(event), "test:1", partnership_id=self.private.pk)
            due = ledger.write(News("value_due", {self.carol.pk}, lambda: "x", "/x/"),
                               "test:2", partnership_id=self.private.pk)
            Delivery.objects.filter(pk__in=due).update(frequency="daily")
        notice = self.carol.notifications.get(cause="test:1")
        self.assertTrue(notice.title.startswith("Water for Tillabéri est passé à la phase"))
        with time_machine.travel(MORNING, tick=False):
            digests.run()
        message, = [each for each in mail.outbox if each.to == [self.carol.email]]
        self.assertEqual(message.subject,
                         "[Partnering] Votre récapitulatif quotidien\u00a0: 2 nouveautés")
        self.assertIn("Action requise de votre part", message.body)
        self.assertIn("Toutes les notifications\u00a0: http", message.body)
        self.assertIn("Arrêter le récapitulatif", message.alternatives[0][0])


def partnership_moved(test):
    from partnering.audit.models import AuditEvent

    return AuditEvent.objects.create(
        actor=test.alice, actor_name="Alice Mensah", action="partnership.phase_moved",
        object_type="partnerships.partnership", object_id=str(test.private.pk),
        object_repr=test.private.title, partnership_id=test.private.pk)
