"""A partnership's lifecycle page: its phases and checklists, moving on, closing and
reopening."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.partnerships import services
from partnering.partnerships.access import (
    contributable_partnership,
    manageable_partnership,
    visible_partnership,
)
from partnering.partnerships.forms import (
    ChecklistItemForm,
    CloseForm,
    NewChecklistItemForm,
    ReopenForm,
    TransitionForm,
)
from partnering.partnerships.queries import checklist_by_phase, checklist_progress
from partnering.partnerships.views.common import back_to, refuse
from partnering.partnerships.vocabulary import ItemStatus
from partnering.viewhelpers import act, apply_errors

LIFECYCLE = "lifecycle"


def lifecycle_page(request, partnership_id: int, transition_form=None):
    partnership = visible_partnership(request, partnership_id)
    by_phase = checklist_by_phase(partnership)
    phases = [{"phase": phase, "checklist": by_phase[phase.code],
               "progress": checklist_progress(by_phase[phase.code]),
               "is_current": phase.code == partnership.phase}
              for phase in partnership.lifecycle_path.phases]
    access = partnership.access
    active = partnership.is_active
    return render(request, "partnerships/lifecycle.html", {
        "partnership": partnership, "access": access, "phases": phases,
        "transitions": partnership.transitions.all(),
        "can_tick": access.can_contribute and active,
        "transition_form": (transition_form or TransitionForm(partnership=partnership))
        if access.can_manage and active else None,
        "close_form": CloseForm() if access.can_manage and active else None,
        "reopen_form": ReopenForm() if access.can_manage and not active else None,
        "open_now": [i.label for i in by_phase[partnership.phase] if i.status == "open"],
    })


@login_required
@require_POST
def checklist_update(request, partnership_id: int, item_id: int):
    partnership = contributable_partnership(request, partnership_id)
    item = get_object_or_404(partnership.checklist, pk=item_id)
    form = ChecklistItemForm(request.POST)
    if not form.is_valid():
        return refuse(request, partnership, _("Choose a status."), LIFECYCLE)
    status = dict(ItemStatus.choices).get(form.cleaned_data["status"], "")
    return act(request, services.update_checklist_item, request.user, item,
               message=_("“%(item)s”: %(status)s.") % {"item": item.label, "status": status},
               back=back_to(partnership, LIFECYCLE), **form.cleaned_data)


@login_required
@require_POST
def checklist_add(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    form = NewChecklistItemForm(request.POST)
    if not form.is_valid():
        return refuse(request, partnership, _("Write the item."), LIFECYCLE)
    return act(request, services.add_checklist_item, request.user, partnership,
               message=_("Item added."), back=back_to(partnership, LIFECYCLE),
               **form.cleaned_data)


@login_required
@require_POST
def phase_move(request, partnership_id: int):
    """Move on; a refusal (open checklist items to confirm) shows on the lifecycle page's
    form."""
    partnership = manageable_partnership(request, partnership_id)
    form = TransitionForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            transition = services.move_to_phase(request.user, partnership, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Moved to %(phase)s.")
                             % {"phase": transition.to_phase_name})
            return redirect(back_to(partnership, LIFECYCLE))
    return lifecycle_page(request, partnership_id, transition_form=form)


@login_required
@require_POST
def partnership_close(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return refuse(request, partnership, _("Give the reason."), LIFECYCLE)
    return act(request, services.close_partnership, request.user, partnership,
               message=_("Recorded."), back=back_to(partnership, LIFECYCLE),
               **form.cleaned_data)


@login_required
@require_POST
def partnership_reopen(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return refuse(request, partnership, _("Give the reason."), LIFECYCLE)
    return act(request, services.reopen_partnership, request.user, partnership,
               message=_("Reopened."), back=back_to(partnership, LIFECYCLE),
               **form.cleaned_data)
