"""A partnership's members, their representatives and its brokers: the page and its
inline forms."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.partnerships import services
from partnering.partnerships.access import manageable_partnership, visible_partnership
from partnering.partnerships.forms import (
    BrokerForm,
    MemberForm,
    MemberRoleForm,
    RepresentativeForm,
)
from partnering.partnerships.models import Representative
from partnering.partnerships.queries import members_of, representative_candidates
from partnering.partnerships.views.common import back_to, refuse
from partnering.viewhelpers import act


def members(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    memberships = list(members_of(partnership))
    can_manage = partnership.access.can_manage and partnership.is_active
    return render(request, "partnerships/members.html", {
        "partnership": partnership, "access": partnership.access, "members": memberships,
        "brokers": partnership.brokers.select_related("person__organisation"),
        "can_manage": can_manage,
        "member_form": MemberForm(partnership=partnership) if can_manage else None,
        "broker_form": BrokerForm() if can_manage else None,
        "candidates": representative_candidates(partnership, memberships)
        if can_manage else {},
        "role_forms": {m.pk: MemberRoleForm(initial={"role": m.role, "iati_role": m.iati_role},
                                            prefix=f"r{m.pk}")
                       for m in memberships} if can_manage else {},
    })


@login_required
@require_POST
def member_add(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = MemberForm(request.POST, partnership=partnership)
    if not form.is_valid():
        return refuse(request, partnership,
                      [f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
                       for k, v in form.errors.items()])
    return act(request, services.add_member, request.user, partnership,
               message=_("%(organisation)s joined.")
               % {"organisation": form.cleaned_data["organisation"]},
               back=back_to(partnership), **form.cleaned_data)


@login_required
@require_POST
def member_update(request, partnership_id: int, member_id: int):
    partnership = manageable_partnership(request, partnership_id)
    membership = get_object_or_404(partnership.memberships, pk=member_id)
    form = MemberRoleForm(request.POST, prefix=f"r{member_id}")
    if not form.is_valid():
        return refuse(request, partnership, _("Choose a role."))
    return act(request, services.update_member, request.user, membership,
               message=_("Role saved."), back=back_to(partnership), **form.cleaned_data)


@login_required
@require_POST
def member_remove(request, partnership_id: int, member_id: int):
    partnership = manageable_partnership(request, partnership_id)
    membership = get_object_or_404(partnership.memberships, pk=member_id)
    return act(request, services.remove_member, request.user, membership,
               reason=request.POST.get("reason", "")[:500],
               message=_("%(organisation)s left the partnership.")
               % {"organisation": membership.organisation},
               back=back_to(partnership))


@login_required
@require_POST
def representative_add(request, partnership_id: int, member_id: int):
    partnership = manageable_partnership(request, partnership_id)
    membership = get_object_or_404(partnership.memberships, pk=member_id)
    form = RepresentativeForm(request.POST, membership=membership, prefix=f"m{member_id}")
    if not form.is_valid():
        return refuse(request, partnership, _("Choose a person of this organisation."))
    return act(request, services.add_representative, request.user, membership,
               message=_("Representative added."), back=back_to(partnership),
               **form.cleaned_data)


@login_required
@require_POST
def representative_update(request, partnership_id: int, representative_id: int):
    """Grant or withdraw a representative's mandate, or remove the representative."""
    partnership = manageable_partnership(request, partnership_id)
    rep = get_object_or_404(
        Representative.objects.filter(membership__partnership=partnership)
        .select_related("person", "membership__organisation"), pk=representative_id)
    action = request.POST.get("action")
    if action == "remove":
        return act(request, services.remove_representative, request.user, rep,
                   message=_("%(person)s no longer represents %(organisation)s.")
                   % {"person": rep.person, "organisation": rep.membership.organisation},
                   back=back_to(partnership))
    return act(request, services.set_mandate, request.user, rep, action == "grant",
               message=_("Mandate saved."), back=back_to(partnership))


@login_required
@require_POST
def broker_add(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = BrokerForm(request.POST)
    if not form.is_valid():
        return refuse(request, partnership, _("Choose a person."))
    return act(request, services.add_broker, request.user, partnership,
               message=_("Broker added."), back=back_to(partnership), **form.cleaned_data)


@login_required
@require_POST
def broker_remove(request, partnership_id: int, broker_id: int):
    partnership = manageable_partnership(request, partnership_id)
    return act(request, services.remove_broker, request.user,
               get_object_or_404(partnership.brokers, pk=broker_id),
               message=_("Broker removed."), back=back_to(partnership))
