"""The jobs of the feedback loop: delivering an answer, reminding the secretariat of
answers falling due, counting a consultation's loop metrics again after a change."""

from django.utils.translation import gettext_lazy as _

from partnering.jobs.queue import background_task


@background_task(label=_("Deliver an answer to every origin"), attempts=3, backoff=60)
def deliver_answer(answer_id: int) -> dict:
    from partnering.platforms.loops.delivery import deliver

    return deliver(answer_id)


@background_task(label=_("Remind secretariats of answers falling due"), attempts=3, backoff=60)
def remind_answer_deadlines() -> dict:
    from partnering.platforms.loops.reminders import run

    return run()


@background_task(label=_("Count a consultation's feedback loop again"), attempts=1)
def count_loop_metrics(consultation_id: int) -> dict:
    from partnering.platforms.loops.metrics import count_again

    return count_again(consultation_id)
