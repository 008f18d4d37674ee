"""How fast are the notification fan-out and the digests, and do their queries stay flat?

Builds a fresh database with one partnership whose 1,000 member organisations each have a
representative with an account (half of them want phase changes at once, by e-mail, half
in French), fans out one `partnership.phase_moved` event to them (the fan-out job and the
e-mail job, as a worker runs them, mail to Django's in-memory backend), then gives 10,000
people three waiting daily-digest items each and runs the digests once. Prints the time and
the number of SQL queries of each, on SQLite and on PostgreSQL.

    python bench/notifications.py [--scale 1.0] [--skip-postgres]
           [--postgres postgres://postgres@127.0.0.1:5432/partnering_bench_notifications]
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import benchmark_arguments, run_on_both_databases  # noqa: E402


def timed(function):
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        function()
    return {"seconds": round(time.perf_counter() - started, 2), "queries": len(queries)}


def build_members(n: int):
    from django.contrib.auth import get_user_model

    from partnering.notifications.models import NotificationSettings
    from partnering.partnerships.models import Membership, Partnership, Representative
    from partnering.registry.models import Organisation, Person

    partnership = Partnership.objects.create(title="Bench partnership", visibility="private",
                                             problem_statement="A shared problem")
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Member {i}", sector="private", iati_type="70") for i in range(n)])
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"member{i}", email=f"member{i}@example.org")
         for i in range(n)])
    people = Person.objects.bulk_create([Person(name=f"Member {user.username}", organisation=org,
                                                user=user)
                                         for org, user in zip(orgs, users, strict=True)])
    memberships = Membership.objects.bulk_create(
        [Membership(partnership=partnership, organisation=org) for org in orgs])
    Representative.objects.bulk_create([Representative(membership=m, person=p)
                                        for m, p in zip(memberships, people, strict=True)])
    NotificationSettings.objects.bulk_create(
        [NotificationSettings(user=user, frequencies={"phase_changed": "immediately"},
                              language="fr") for user in users[::2]])
    return partnership


def build_digests(n: int) -> None:
    from django.contrib.auth import get_user_model

    from partnering.notifications.models import Delivery, Notification, NotificationSettings

    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"reader{i}", email=f"reader{i}@example.org")
         for i in range(n)])
    NotificationSettings.objects.bulk_create(  # their hour has come, whenever this runs
        [NotificationSettings(user=user, digest_hour=0) for user in users], batch_size=5000)
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=user, category="phase_changed", cause=f"bench:{k}",
                      partnership_title=f"Partnership {k}", title=f"News {k}", url="/")
         for user in users for k in range(3)], batch_size=5000)
    Delivery.objects.bulk_create([Delivery(notification=n, channel="email", frequency="daily")
                                  for n in notifications], batch_size=5000)


def worker(scale: float, repeat: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS_IMMEDIATE = True
    mail.outbox = []
    from partnering.audit.services import record
    from partnering.notifications import digests
    from partnering.notifications.tasks import fan_out

    recipients, people = int(1_000 * scale), int(10_000 * scale)
    partnership = build_members(recipients)
    event = record(None, "partnership.phase_moved", partnership,
                   partnership_id=partnership.pk)
    result = {"database": connection.vendor, "recipients": recipients, "people": people}
    result["fan_out"] = timed(lambda: fan_out.func(event.pk))
    result["fan_out"]["emails"] = len(mail.outbox)
    build_digests(people)
    mail.outbox = []
    result["digests"] = timed(digests.run)
    result["digests"]["emails"] = len(mail.outbox)
    return result


def main() -> None:
    args = benchmark_arguments(__doc__.split("\n\n")[0],
                               "1.0: a fan-out to 1,000 people, digests for 10,000",
                               "partnering_bench_notifications")
    if args.worker:
        print(json.dumps(worker(args.scale, args.repeat)))
        return
    for result in run_on_both_databases(__file__, args):
        print(f"{result['database']}:")
        for key, what in (("fan_out", f"fan-out of one event to {result['recipients']:,} "
                                      "people"),
                          ("digests", f"digest run for {result['people']:,} people")):
            figures = result[key]
            print(f"  {what}: {figures['seconds']} s, {figures['queries']} queries, "
                  f"{figures['emails']:,} e-mails")


if __name__ == "__main__":
    main()
