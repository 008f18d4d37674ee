"""Pages of the partnership's deliverables (on the agreement page): the stewards add, edit,
move and remove them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.agreements import services
from partnering.agreements.forms import DeliverableForm, DeliverableStatusForm
from partnering.agreements.views.common import refuse
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import act, handle_form


def _deliverables_url(partnership) -> str:
    return f"/partnerships/{partnership.pk}/agreement/#deliverables"


def _deliverable(request, partnership_id: int, deliverable_id: int):
    """One deliverable of a partnership the user manages, with its partnership loaded."""
    partnership = partnership_or_404(request, partnership_id, need="manage")
    deliverable = get_object_or_404(
        partnership.deliverables.select_related("responsible_organisation"),
        pk=deliverable_id)
    deliverable.partnership = partnership
    return deliverable


def _form(request, partnership, deliverable=None) -> DeliverableForm:
    organisations = [m.organisation for m in partnership.memberships
                     .select_related("organisation").order_by("organisation__name")]
    initial = DeliverableForm.initial_for(deliverable) if deliverable else None
    return DeliverableForm(request.POST or None, organisations=organisations, initial=initial)


def _page(request, partnership, deliverable=None):
    def page(form):
        return render(request, "agreements/deliverable_form.html", {
            "partnership": partnership, "access": partnership.access, "form": form,
            "deliverable": deliverable,
        })
    return page


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_add(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="manage")
    form = _form(request, partnership)

    def create(**_cleaned):
        return services.create_deliverable(request.user, partnership,
                                           **form.data_for_service())

    title = request.POST.get("title", "").strip()
    return handle_form(request, form, create,
                       message=_("Deliverable “%(title)s” added.") % {"title": title},
                       success=_deliverables_url(partnership),
                       render_page=_page(request, partnership))


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request, partnership_id: int, deliverable_id: int):
    deliverable = _deliverable(request, partnership_id, deliverable_id)
    partnership = deliverable.partnership
    form = _form(request, partnership, deliverable)

    def update(**_cleaned):
        return services.update_deliverable(request.user, deliverable,
                                           **form.data_for_service())

    return handle_form(request, form, update, message=_("Deliverable saved."),
                       success=_deliverables_url(partnership),
                       render_page=_page(request, partnership, deliverable))


@login_required
@require_POST
def deliverable_status(request, partnership_id: int, deliverable_id: int):
    deliverable = _deliverable(request, partnership_id, deliverable_id)
    url = _deliverables_url(deliverable.partnership)
    form = DeliverableStatusForm(request.POST)
    if not form.is_valid():
        refuse(request, _("Choose a status."))
        return redirect(url)

    def move(**kwargs):
        services.set_deliverable_status(request.user, deliverable, **kwargs)

    label = dict(form.fields["status"].choices).get(form.cleaned_data["status"], "")
    return act(request, move, status=form.cleaned_data["status"], back=url,
               message=_("“%(title)s” is %(status)s.")
               % {"title": deliverable.title, "status": str(label).lower()})


@login_required
@require_POST
def deliverable_delete(request, partnership_id: int, deliverable_id: int):
    deliverable = _deliverable(request, partnership_id, deliverable_id)
    return act(request, services.delete_deliverable, request.user, deliverable,
               back=_deliverables_url(deliverable.partnership),
               message=_("Deliverable “%(title)s” removed.") % {"title": deliverable.title})
