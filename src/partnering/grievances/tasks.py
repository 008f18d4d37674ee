"""The grievance jobs: the hourly look at every open case's clocks (reminders and
escalations, `grievances.reminders`) and at recurring categories (`grievances.learning`);
filing a grievance that came by e-mail (`grievances.intake_mail`)."""

from django.utils.translation import gettext_lazy as _

from partnering.jobs.queue import background_task


@background_task(label=_("Check the grievance deadlines"), attempts=3, backoff=60)
def check_clocks() -> dict:
    from partnering.grievances import learning, reminders

    result = reminders.run()
    result["recurring"] = learning.check_all_recurring()
    return result


@background_task(label=_("File a grievance received by e-mail"), attempts=3, backoff=60)
def receive_mail(raw: str) -> dict:
    from partnering.grievances import intake_mail

    return intake_mail.receive(raw.encode()).as_dict()
