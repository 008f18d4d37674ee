"""Pages of the partnering agreement: the overview, each version, editing, sign-off, the
difference between versions and the printable page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partnering.agreements import diff as differ
from partnering.agreements import exports, services
from partnering.agreements.forms import (
    AddTermsForm,
    CommitmentForm,
    DeliverableForm,
    DeliverableStatusForm,
    DiffForm,
    SignForm,
    StartForm,
    TermsForm,
    VersionForm,
    WithdrawForm,
)
from partnering.agreements.models import SECTIONS
from partnering.agreements.queries import (
    agreement_summary,
    commitments_by_member,
    deliverable_summary,
    deliverables,
    get_version,
    party_status,
    total_committed,
    version_rows,
)
from partnering.agreements.templates import TEMPLATES, unfinished
from partnering.agreements.vocabulary import DeliverableStatus, VersionStatus
from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor
from partnering.monitoring.charts import progress_bar
from partnering.partnerships.access import (
    contributable_partnership,
    manageable_partnership,
    visible_partnership,
)
from partnering.viewhelpers import apply_errors

PAGE_SIZE = 25








def _version_url(partnership, number: int) -> str:
    return f"/partnerships/{partnership.pk}/agreement/versions/{number}/"


def _fail(request, url: str, error: ValidationError | PermissionDenied):
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or "You do not have permission to do this.")
    else:
        for text in error.messages:
            messages.error(request, text)
    return redirect(url)


def _landed(request, partnership, version, changed) -> None:
    """Say where an edit landed: a new draft when the agreed version was edited."""
    if changed.number != version.number:
        messages.success(request, f"Saved in a new draft, version {changed.number}. Version "
                                  f"{version.number} stays agreed until every member signs "
                                  "the new one.")
    else:
        messages.success(request, "Saved.")


def agreement(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    access = partnership.access
    summary = agreement_summary(partnership)
    current = summary["in_progress"]
    current = get_version(partnership, current.number) if current else None
    rows = version_rows(partnership)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    can_start = access.can_contribute and partnership.is_active and current is None
    items = list(deliverables(partnership))
    return render(request, "agreements/agreement.html", {
        "partnership": partnership, "access": access, "agreed": summary["agreed"],
        "current": current, "parties": party_status(current) if current else [],
        "page": page, "templates": TEMPLATES.values(),
        "start_form": StartForm(has_versions=bool(page.paginator.count)) if can_start
        else None,
        "deliverables": items, "deliverable_counts": deliverable_summary(items),
        "can_edit_deliverables": services.may_edit_deliverables(request.user, partnership,
                                                                access),
        "deliverable_statuses": DeliverableStatus.choices, "bar": progress_bar,
    })


@login_required
@require_POST
def start(request, partnership_id: int):
    partnership = contributable_partnership(request, partnership_id)
    back = f"/partnerships/{partnership.pk}/agreement/"
    form = StartForm(request.POST, has_versions=partnership.agreement_versions.exists())
    if not form.is_valid():
        return _fail(request, back, ValidationError(
            [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]))
    try:
        if form.cleaned_data["source"] == "latest":
            version = services.start_from_latest(request.user, partnership)
        else:
            version = services.start_from_template(
                request.user, partnership,
                template=form.cleaned_data["template"] or "partnering_agreement",
                valuation_currency=form.cleaned_data["valuation_currency"] or "")
    except ValidationError as error:
        return _fail(request, back, error)
    messages.success(request, f"Draft version {version.number} started. Replace the guidance "
                              "in [square brackets] with what the partners agree.")
    return redirect(_version_url(partnership, version.number))


def version_page(request, partnership_id: int, version_number: int, withdraw_form=None):
    partnership = visible_partnership(request, partnership_id)
    access = partnership.access
    version = get_version(partnership, version_number)
    active = partnership.is_active
    signable = services.signable_for(request.user, version) if active else []
    may_write = services.speaks_for(request.user, partnership, access) \
        if access.can_contribute else set()
    is_draft = version.status == VersionStatus.DRAFT
    is_agreed = version.status == VersionStatus.AGREED
    return render(request, "agreements/version.html", {
        "partnership": partnership, "access": access, "version": version,
        "sections": [(name, title, getattr(version, name), unfinished(getattr(version, name)))
                     for name, title, _ in SECTIONS],
        "rule": exports.rule_lines(version),
        "parties": party_status(version),
        "commitments": commitments_by_member(version),
        "total": total_committed(version),
        "can_edit": access.can_contribute and active and (is_draft or is_agreed),
        "may_write": may_write, "can_manage": access.can_manage and active,
        "problems": services.proposal_problems(version)
        if is_draft and access.can_manage else [],
        "sign_form": SignForm(organisations=signable) if signable else None,
        "withdraw_form": (withdraw_form or WithdrawForm())
        if version.status == VersionStatus.PROPOSED and access.can_manage and active else None,
        "missing_terms": _members_without_terms(partnership, version)
        if is_draft and access.can_contribute and active else [],
        "history": for_visitor(AuditEvent.objects.for_object(version)[:20],
                               member=access.can_contribute),
    })


def _members_without_terms(partnership, version) -> list:
    parties = {t.organisation_id for t in version.member_terms.all()}
    return [m.organisation for m in partnership.memberships.select_related("organisation")
            if m.organisation_id not in parties]


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, partnership_id: int, version_number: int):
    partnership = contributable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    form = VersionForm(request.POST or None, initial=VersionForm.initial_for(version))
    editable = version.status in (VersionStatus.DRAFT, VersionStatus.AGREED) and \
        partnership.is_active
    if request.method == "POST" and editable and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items()
                if name in form.changed_data}
        try:
            changed = services.update_version(request.user, version, **data) if data \
                else version
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _landed(request, partnership, version, changed)
            return redirect(_version_url(partnership, changed.number))
    return render(request, "agreements/version_form.html", {
        "partnership": partnership, "access": partnership.access, "version": version,
        "form": form, "editable": editable,
    })


def _terms(version, terms_id: int):
    return get_object_or_404(version.member_terms.all(), pk=terms_id)


@login_required
@require_http_methods(["GET", "POST"])
def terms_edit(request, partnership_id: int, version_number: int, terms_id: int):
    partnership = contributable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    terms = _terms(version, terms_id)
    if not services.may_write_for(request.user, partnership, terms.organisation_id,
                                  partnership.access):
        raise PermissionDenied
    terms.version = version
    form = TermsForm(request.POST or None, initial=TermsForm.initial_for(terms))
    editable = version.status in (VersionStatus.DRAFT, VersionStatus.AGREED) and \
        partnership.is_active
    if request.method == "POST" and editable and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            changed = services.update_terms(request.user, terms, **data) if data else terms
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _landed(request, partnership, version, changed.version)
            return redirect(_version_url(partnership, changed.version.number) + "#terms")
    return render(request, "agreements/terms_form.html", {
        "partnership": partnership, "access": partnership.access, "version": version,
        "terms": terms, "form": form, "editable": editable,
    })


@login_required
@require_POST
def terms_add(request, partnership_id: int, version_number: int):
    partnership = contributable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    url = _version_url(partnership, version.number)
    candidates = _members_without_terms(partnership, version)
    form = AddTermsForm(request.POST, organisations=candidates)
    if not form.is_valid():
        return _fail(request, url, ValidationError("Choose a member without terms."))
    organisation = next(o for o in candidates if o.pk == form.cleaned_data["organisation"])
    try:
        terms = services.add_terms(request.user, version, organisation=organisation)
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, f"Terms of {organisation} added; fill them in.")
    return redirect(f"{_version_url(partnership, terms.version.number)}terms/{terms.pk}/edit/")


@login_required
@require_POST
def terms_delete(request, partnership_id: int, version_number: int, terms_id: int):
    partnership = manageable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    terms = _terms(version, terms_id)
    terms.version = version
    url = _version_url(partnership, version.number)
    try:
        services.delete_terms(request.user, terms)
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, f"{terms.organisation} is no longer a party to this draft.")
    return redirect(url)


def _writable_parties(request, partnership, version) -> list:
    access = partnership.access
    own = services.speaks_for(request.user, partnership, access)
    return [t.organisation for t in version.member_terms.all()
            if access.can_manage or t.organisation_id in own]


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add(request, partnership_id: int, version_number: int):
    partnership = contributable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    organisations = _writable_parties(request, partnership, version)
    if not organisations:
        raise PermissionDenied
    form = CommitmentForm(request.POST or None, organisations=organisations)
    editable = version.status in (VersionStatus.DRAFT, VersionStatus.AGREED) and \
        partnership.is_active
    if request.method == "POST" and editable and form.is_valid():
        data = dict(form.cleaned_data)
        org_id = data.pop("organisation")
        organisation = next(o for o in organisations if o.pk == org_id)
        try:
            commitment = services.add_commitment(request.user, version,
                                                 organisation=organisation, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _landed(request, partnership, version, commitment.version)
            return redirect(_version_url(partnership, commitment.version.number)
                            + "#commitments")
    return render(request, "agreements/commitment_form.html", {
        "partnership": partnership, "access": partnership.access, "version": version,
        "form": form, "commitment": None, "editable": editable,
    })


def _commitment(version, commitment_id: int):
    commitment = get_object_or_404(version.commitments.all(), pk=commitment_id)
    commitment.version = version
    return commitment


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, partnership_id: int, version_number: int, commitment_id: int):
    partnership = contributable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    commitment = _commitment(version, commitment_id)
    if not services.may_write_for(request.user, partnership, commitment.organisation_id,
                                  partnership.access):
        raise PermissionDenied
    form = CommitmentForm(request.POST or None, organisations=[commitment.organisation],
                          initial=CommitmentForm.initial_for(commitment))
    editable = version.status in (VersionStatus.DRAFT, VersionStatus.AGREED) and \
        partnership.is_active
    if request.method == "POST" and editable and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data
                if name != "organisation"}
        try:
            changed = services.update_commitment(request.user, commitment, **data) if data \
                else commitment
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _landed(request, partnership, version, changed.version)
            return redirect(_version_url(partnership, changed.version.number) + "#commitments")
    return render(request, "agreements/commitment_form.html", {
        "partnership": partnership, "access": partnership.access, "version": version,
        "form": form, "commitment": commitment, "editable": editable,
    })


@login_required
@require_POST
def commitment_delete(request, partnership_id: int, version_number: int, commitment_id: int):
    partnership = contributable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    commitment = _commitment(version, commitment_id)
    url = _version_url(partnership, version.number)
    try:
        services.delete_commitment(request.user, commitment)
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, "Commitment removed.")
    return redirect(url + "#commitments")


@login_required
@require_POST
def propose(request, partnership_id: int, version_number: int):
    partnership = manageable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    url = _version_url(partnership, version.number)
    try:
        services.propose(request.user, version)
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, f"Version {version.number} is proposed: every member "
                              "organisation's representative with a mandate can now sign it.")
    return redirect(url)


@login_required
@require_POST
def withdraw(request, partnership_id: int, version_number: int):
    partnership = manageable_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    url = _version_url(partnership, version.number)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _fail(request, url, ValidationError("Say why the version goes back to draft."))
    try:
        services.withdraw(request.user, version, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, f"Version {version.number} is a draft again; its signatures "
                              "were cleared.")
    return redirect(url)


@login_required
@require_POST
def sign(request, partnership_id: int, version_number: int):
    partnership = visible_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    url = _version_url(partnership, version.number)
    members = [m.organisation for m in partnership.memberships.select_related("organisation")]
    form = SignForm(request.POST, organisations=members)
    if not form.is_valid():
        return _fail(request, url, ValidationError("Choose the organisation you sign for."))
    organisation = next(o for o in members if o.pk == form.cleaned_data["organisation"])
    try:
        services.sign(request.user, version, organisation=organisation)
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    version.refresh_from_db()
    if version.status == VersionStatus.AGREED:
        messages.success(request, f"Signed for {organisation}. Every member has signed: "
                                  f"version {version.number} is agreed.")
    else:
        messages.success(request, f"Signed for {organisation}.")
    return redirect(url)


def diff_page(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    numbers = list(partnership.agreement_versions.order_by("number")
                   .values_list("number", flat=True))
    query = request.GET.copy()
    if "from" not in query and len(numbers) >= 2:
        query.update({"from": numbers[-2], "to": numbers[-1]})
    form = DiffForm(query if "from" in query else None, numbers=numbers)
    result = None
    if form.is_bound and form.is_valid():
        old = get_version(partnership, form.cleaned_data["from"])
        new = get_version(partnership, form.cleaned_data["to"])
        result = differ.compare(old, new, form.cleaned_data["mode"] or "word")
    return render(request, "agreements/diff.html", {
        "partnership": partnership, "access": partnership.access, "form": form,
        "result": result, "numbers": numbers,
    })


def print_page(request, partnership_id: int, version_number: int):
    partnership = visible_partnership(request, partnership_id)
    version = get_version(partnership, version_number)
    return render(request, "agreements/print.html", {
        "partnership": partnership, "version": version, "doc": exports.document(version),
    })


# --- Deliverables --------------------------------------------------------------------------

def _deliverables_url(partnership) -> str:
    return f"/partnerships/{partnership.pk}/agreement/#deliverables"


def _deliverable(partnership, deliverable_id: int):
    deliverable = get_object_or_404(
        partnership.deliverables.select_related("responsible_organisation"),
        pk=deliverable_id)
    deliverable.partnership = partnership
    return deliverable


def _member_organisations(partnership) -> list:
    return [m.organisation for m in partnership.memberships.select_related("organisation")
            .order_by("organisation__name")]


def _deliverable_form_page(request, partnership, form, deliverable=None):
    return render(request, "agreements/deliverable_form.html", {
        "partnership": partnership, "access": partnership.access, "form": form,
        "deliverable": deliverable,
    }, status=422 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_add(request, partnership_id: int):
    partnership = manageable_partnership(request, partnership_id)
    form = DeliverableForm(request.POST or None,
                           organisations=_member_organisations(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            deliverable = services.create_deliverable(request.user, partnership,
                                                      **form.data_for_service())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Deliverable “{deliverable.title}” added.")
            return redirect(_deliverables_url(partnership))
    return _deliverable_form_page(request, partnership, form)


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request, partnership_id: int, deliverable_id: int):
    partnership = manageable_partnership(request, partnership_id)
    deliverable = _deliverable(partnership, deliverable_id)
    form = DeliverableForm(request.POST or None,
                           organisations=_member_organisations(partnership),
                           initial=DeliverableForm.initial_for(deliverable))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_deliverable(request.user, deliverable, **form.data_for_service())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Deliverable saved.")
            return redirect(_deliverables_url(partnership))
    return _deliverable_form_page(request, partnership, form, deliverable)


@login_required
@require_POST
def deliverable_status(request, partnership_id: int, deliverable_id: int):
    partnership = manageable_partnership(request, partnership_id)
    deliverable = _deliverable(partnership, deliverable_id)
    url = _deliverables_url(partnership)
    form = DeliverableStatusForm(request.POST)
    if not form.is_valid():
        return _fail(request, url, ValidationError("Choose a status."))
    try:
        services.set_deliverable_status(request.user, deliverable,
                                        status=form.cleaned_data["status"])
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, f"“{deliverable.title}” is "
                              f"{deliverable.get_status_display().lower()}.")
    return redirect(url)


@login_required
@require_POST
def deliverable_delete(request, partnership_id: int, deliverable_id: int):
    partnership = manageable_partnership(request, partnership_id)
    deliverable = _deliverable(partnership, deliverable_id)
    url = _deliverables_url(partnership)
    try:
        services.delete_deliverable(request.user, deliverable)
    except (ValidationError, PermissionDenied) as error:
        return _fail(request, url, error)
    messages.success(request, f"Deliverable “{deliverable.title}” removed.")
    return redirect(url)
