"""`partnering grievances receive-mail < message.eml`: file the grievance of one RFC 822
message read from standard input (an MTA can pipe each message of the intake address to
it), and answer its sender with the case code and secret (`grievances.intake_mail`).
`partnering grievances check-clocks` runs the hourly job of the grievance deadlines now."""

import json
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Grievances: receive-mail (file a grievance from a message on standard input), " \
           "check-clocks (reminders and escalations now)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["receive-mail", "check-clocks"])
        parser.add_argument("--no-reply", action="store_true",
                            help="file the message without answering its sender")

    def handle(self, *args, **options):
        if options["action"] == "check-clocks":
            from partnering.grievances import learning, reminders

            result = reminders.run()
            result["recurring"] = learning.check_all_recurring()
        else:
            from partnering.grievances.intake_mail import receive

            result = receive(sys.stdin.buffer.read(), reply=not options["no_reply"]).as_dict()
        self.stdout.write(json.dumps(result))
        if result.get("status") not in (None, "filed", "automatic", "case_reply"):
            sys.exit(1)
