"""The jobs page for platform admins (/jobs/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from partnering.jobs import services
from partnering.jobs.health import queue_state
from partnering.viewhelpers import show_errors


@login_required
@require_GET
def job_list(request):
    status = request.GET.get("status", "")
    if status not in services.STATUSES:
        status = ""
    page = Paginator(services.jobs(request.user, status), 50).get_page(request.GET.get("page"))
    return render(request, "jobs/jobs.html", {
        "rows": [services.describe(row) for row in page], "page": page, "status": status,
        "statuses": list(services.STATUSES), "queue": queue_state()})


@login_required
@require_POST
def job_rerun(request, job_id):
    try:
        services.rerun(request.user, str(job_id))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The job is queued again."))
    return redirect("jobs")
