"""The page where a member comments on a reported value or queries it: members who may not
report a value say what they know this way (services.comment_on_measurement)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.monitoring import services
from partnering.monitoring.forms import NoteForm
from partnering.monitoring.models import Measurement
from partnering.partnerships.access import visible_partnership
from partnering.viewhelpers import apply_errors


@login_required
@require_http_methods(["GET", "POST"])
def measurement_note(request, partnership_id: int, measurement_id: int):
    partnership = visible_partnership(request, partnership_id)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator", "reported_by_organisation"),
        indicator__partnership=partnership, pk=measurement_id)
    access = partnership.access
    if not services.can_comment(request.user, access, measurement):
        raise PermissionDenied
    may_query = services.can_validate(request.user, access, measurement)
    form = NoteForm(request.POST or None, may_query=may_query)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_on_measurement(request.user, measurement,
                                            text=form.cleaned_data["text"],
                                            query=form.cleaned_data.get("query", False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Value queried: it does not count until it is "
                                        "corrected or confirmed.")
                             if form.cleaned_data.get("query") else _("Comment added."))
            return redirect("indicator", partnership.pk, measurement.indicator_id)
    indicator = measurement.indicator
    intro = _("%(value)s for %(start)s to %(end)s, reported by %(who)s.") % {
        "value": f"{measurement.value.normalize():f}",
        "start": measurement.period_start.isoformat(),
        "end": measurement.period_end.isoformat(),
        "who": measurement.reported_by_organisation or _("the partnership")}
    if not may_query:
        intro += " " + _("Your organisation reported this value: comment on it, or correct it "
                         "if you reported it.")
    return render(request, "monitoring/form.html", {
        "partnership": partnership, "access": access, "form": form, "tab": "results",
        "title": _("Query or comment: %(name)s") % {"name": indicator.name},
        "back": f"/partnerships/{partnership.pk}/indicators/{indicator.pk}/", "intro": intro,
    })
