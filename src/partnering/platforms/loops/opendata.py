"""The loop metrics of every consultation of a public platform, for the open-data zip
(labelled as an anonymous visitor reads them: private forums are not named)."""

from django.contrib.auth.models import AnonymousUser

from partnering.platforms.loops.metrics import loop_metrics
from partnering.platforms.loops.tables import as_data
from partnering.platforms.models import Consultation
from partnering.platforms.vocabulary import PlatformVisibility as Visibility

COLUMNS = ["submissions", "answered", "answered_share", "median_days", "p90_days", "overdue",
           "overdue_share", "delivered_share", "heard_responses", "heard_share",
           "partly_heard_share", "accepted"]
HEADER = ["platform", "consultation_id", "consultation", "answer_deadline", "time_zone",
          "dimension", "group", *COLUMNS]


def _rows():
    visitor = AnonymousUser()
    for consultation in Consultation.objects.filter(
            platform__visibility=Visibility.PUBLIC).select_related("platform").order_by("pk"):
        data = as_data(loop_metrics(consultation), visitor)
        head = [consultation.platform.title, consultation.pk, consultation.title,
                data["answer_deadline"], data["time_zone"]]
        yield [*head, "total", "", *(data["total"][c] for c in COLUMNS)]
        for name, rows in data["by"].items():
            for row in rows:
                yield [*head, name, row["label"], *(row[c] for c in COLUMNS)]


def loop_tables():
    yield ("consultation_loop_metrics.csv", HEADER, _rows())
