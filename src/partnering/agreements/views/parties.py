"""Pages of each member's own part of a version: its terms and the resources it commits.
A member's rows are written by its own representatives and by the stewards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.agreements import services
from partnering.agreements.forms import AddTermsForm, CommitmentForm, TermsForm
from partnering.agreements.queries import get_version
from partnering.agreements.views.common import (
    editable,
    landing,
    members_without_terms,
    refuse,
    save_edit,
    version_url,
)
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import act, handle_form, show_errors


def _version(request, partnership_id: int, version_number: int, need: str = "contribute"):
    partnership = partnership_or_404(request, partnership_id, need=need)
    return partnership, get_version(partnership, version_number)


def _row(rows, pk: int, version):
    """A member's row (terms or a commitment) of this version, with the version loaded."""
    row = get_object_or_404(rows.all(), pk=pk)
    row.version = version
    return row


def _require_writer(request, partnership, organisation_id: int) -> None:
    if not services.may_write_for(request.user, partnership, organisation_id,
                                  partnership.access):
        raise PermissionDenied


# --- Member terms --------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def terms_edit(request, partnership_id: int, version_number: int, terms_id: int):
    partnership, version = _version(request, partnership_id, version_number)
    terms = _row(version.member_terms, terms_id, version)
    _require_writer(request, partnership, terms.organisation_id)
    form = TermsForm(request.POST or None, initial=TermsForm.initial_for(terms))

    def page(form):
        return render(request, "agreements/terms_form.html", {
            "partnership": partnership, "access": partnership.access, "version": version,
            "terms": terms, "form": form, "editable": editable(partnership, version),
        })

    return save_edit(request, form, services.update_terms, terms, version=version,
                     landed_in=lambda changed: changed.version, anchor="#terms",
                     render_page=page)


@login_required
@require_POST
def terms_add(request, partnership_id: int, version_number: int):
    partnership, version = _version(request, partnership_id, version_number)
    url = version_url(partnership, version.number)
    candidates = members_without_terms(partnership, version)
    form = AddTermsForm(request.POST, organisations=candidates)
    if not form.is_valid():
        refuse(request, _("Choose a member without terms."))
        return redirect(url)
    organisation = next(o for o in candidates if o.pk == form.cleaned_data["organisation"])
    try:
        terms = services.add_terms(request.user, version, organisation=organisation)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
        return redirect(url)
    messages.success(request, _("Terms of %(org)s added; fill them in.")
                     % {"org": organisation})
    return redirect(f"{version_url(partnership, terms.version.number)}terms/{terms.pk}/edit/")


@login_required
@require_POST
def terms_delete(request, partnership_id: int, version_number: int, terms_id: int):
    partnership, version = _version(request, partnership_id, version_number, need="manage")
    terms = _row(version.member_terms, terms_id, version)
    return act(request, services.delete_terms, request.user, terms,
               message=_("%(org)s is no longer a party to this draft.")
               % {"org": terms.organisation},
               back=version_url(partnership, version.number))


# --- Resource commitments ------------------------------------------------------------------

def _commitment_page(request, partnership, version, commitment=None):
    def page(form):
        return render(request, "agreements/commitment_form.html", {
            "partnership": partnership, "access": partnership.access, "version": version,
            "form": form, "commitment": commitment,
            "editable": editable(partnership, version),
        })
    return page


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add(request, partnership_id: int, version_number: int):
    partnership, version = _version(request, partnership_id, version_number)
    access = partnership.access
    own = services.speaks_for(request.user, partnership, access)
    organisations = [t.organisation for t in version.member_terms.all()
                     if access.can_manage or t.organisation_id in own]
    if not organisations:
        raise PermissionDenied
    form = CommitmentForm(request.POST or None, organisations=organisations)

    def add(*, organisation: int, **data):
        chosen = next(o for o in organisations if o.pk == organisation)
        return services.add_commitment(request.user, version, organisation=chosen, **data)

    return handle_form(request, form, add, message=_("Saved."),
                       success=landing(request, version, lambda made: made.version, "#commitments"),
                       render_page=_commitment_page(request, partnership, version))


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, partnership_id: int, version_number: int, commitment_id: int):
    partnership, version = _version(request, partnership_id, version_number)
    commitment = _row(version.commitments, commitment_id, version)
    _require_writer(request, partnership, commitment.organisation_id)
    form = CommitmentForm(request.POST or None, organisations=[commitment.organisation],
                          initial=CommitmentForm.initial_for(commitment))
    return save_edit(request, form, services.update_commitment, commitment, version=version,
                     landed_in=lambda changed: changed.version, anchor="#commitments",
                     exclude=("organisation",),
                     render_page=_commitment_page(request, partnership, version, commitment))


@login_required
@require_POST
def commitment_delete(request, partnership_id: int, version_number: int, commitment_id: int):
    partnership, version = _version(request, partnership_id, version_number)
    commitment = _row(version.commitments, commitment_id, version)
    return act(request, services.delete_commitment, request.user, commitment,
               message=_("Commitment removed."),
               back=version_url(partnership, version.number) + "#commitments")
