"""Background jobs of the open-data app (partnering/jobs/queue.py): IATI imports and registry
import confirmations. Both are safe to run again (an import updates in place what it wrote),
so a job whose worker died is run again, up to three times."""

from django.utils.translation import gettext_lazy as _

from partnering.interop.iati import jobs as iati_jobs
from partnering.interop.registry import jobs as registry_jobs
from partnering.jobs.queue import background_task


@background_task(label=_("IATI import"), attempts=3, backoff=5,
                 on_requeue=iati_jobs.job_requeued, on_failure=iati_jobs.job_lost)
def run_iati_import(job_id: int) -> None:
    iati_jobs.run_job(job_id)


@background_task(label=_("Registry import"), attempts=3, backoff=5,
                 on_requeue=registry_jobs.job_requeued, on_failure=registry_jobs.job_lost)
def confirm_registry_import(job_id: int) -> None:
    registry_jobs.run_job(job_id)
