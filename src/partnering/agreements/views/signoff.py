"""Sign-off from the version page: the stewards propose a draft or withdraw it to draft,
a member's representative with a mandate signs for it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.agreements import services
from partnering.agreements.forms import SignForm, WithdrawForm
from partnering.agreements.queries import get_version
from partnering.agreements.views.common import refuse, version_url
from partnering.agreements.vocabulary import VersionStatus
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import act


def _version(request, partnership_id: int, version_number: int, need: str):
    partnership = partnership_or_404(request, partnership_id, need=need)
    version = get_version(partnership, version_number)
    return version, version_url(partnership, version.number)


@login_required
@require_POST
def propose(request, partnership_id: int, version_number: int):
    version, url = _version(request, partnership_id, version_number, "manage")
    return act(request, services.propose, request.user, version, back=url,
               message=_("Version %(n)s is proposed: every member organisation's "
                         "representative with a mandate can now sign it.")
               % {"n": version.number})


@login_required
@require_POST
def withdraw(request, partnership_id: int, version_number: int):
    version, url = _version(request, partnership_id, version_number, "manage")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        refuse(request, _("Say why the version goes back to draft."))
        return redirect(url)
    return act(request, services.withdraw, request.user, version,
               reason=form.cleaned_data["reason"], back=url,
               message=_("Version %(n)s is a draft again; its signatures were cleared.")
               % {"n": version.number})


@login_required
@require_POST
def sign(request, partnership_id: int, version_number: int):
    version, url = _version(request, partnership_id, version_number, "view")
    partnership = version.partnership
    members = [m.organisation for m in partnership.memberships.select_related("organisation")]
    form = SignForm(request.POST, organisations=members)
    if not form.is_valid():
        refuse(request, _("Choose the organisation you sign for."))
        return redirect(url)
    organisation = next(o for o in members if o.pk == form.cleaned_data["organisation"])

    def sign_for():
        services.sign(request.user, version, organisation=organisation)
        version.refresh_from_db()
        if version.status == VersionStatus.AGREED:
            messages.success(request, _("Every member has signed: version %(n)s is agreed.")
                             % {"n": version.number})

    return act(request, sign_for, back=url,
               message=_("Signed for %(org)s.") % {"org": organisation})
