"""The jobs page in French, and what running a job again says."""

from datetime import UTC, datetime

import time_machine
from django.contrib.messages import get_messages
from django.test import override_settings
from django.utils import translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partnering.jobs.queue import enqueue
from tests.base import PartneringTestCase
from tests.jobs import sample_tasks

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)


@override_settings(TASKS_IMMEDIATE=False)
class JobsInFrenchTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel(NOW, tick=False):
            cls.queued = DBTaskResult.objects.get(pk=enqueue(sample_tasks.once, 1).id)

    def test_it_shows_the_jobs_page_in_french(self):
        self.sign_in(self.admin)
        with translation.override("fr"):
            page = self.client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        self.assertIn("Tâches en arrière-plan", page)
        self.assertIn("Tâches, les plus récentes d’abord", page)
        self.assertIn("En attente", page)

    def test_it_refuses_in_french_to_run_a_job_that_did_not_fail(self):
        self.sign_in(self.admin)
        self.assertEqual(self.queued.status, TaskResultStatus.READY)
        with translation.override("fr"):
            response = self.client.post(f"/jobs/{self.queued.pk}/rerun/", HTTP_ACCEPT_LANGUAGE="fr")
            said = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertEqual(said, ["Seule une tâche en échec peut être relancée."])
