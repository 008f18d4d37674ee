"""Pages of the agreement as a whole and of each version: the overview, starting a draft,
a version, editing its text, the difference between versions and the printable page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.agreements import diff as differ
from partnering.agreements import exports, services
from partnering.agreements.forms import DiffForm, SignForm, StartForm, VersionForm, WithdrawForm
from partnering.agreements.models import SECTIONS
from partnering.agreements.queries import (
    agreement_summary,
    commitments_by_member,
    current_version,
    deliverable_list,
    deliverable_summary,
    get_version,
    party_status,
    total_committed,
    version_rows,
)
from partnering.agreements.templates import TEMPLATES, unfinished
from partnering.agreements.views.common import (
    editable,
    members_without_terms,
    save_edit,
    version_url,
)
from partnering.agreements.vocabulary import DeliverableStatus, VersionStatus
from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor
from partnering.kept import MARK, kept, original, with_token
from partnering.kept import render as kept_render
from partnering.monitoring.charts import progress_bar
from partnering.partnerships.access import partnership_or_404
from partnering.viewhelpers import show_errors, show_form_errors

PAGE_SIZE = 25


def agreement(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
    access = partnership.access
    can_edit = services.may_edit_deliverables(request.user, partnership, access)
    number = request.GET.get("page", "")[:12]
    body = kept("agreement", partnership.pk, number, can_edit, original(request),
                build=lambda: _agreement_body(request, partnership, number, can_edit))
    can_start = access.can_contribute and partnership.is_active and not body["in_progress"]
    return render(request, "agreements/agreement.html", {
        "partnership": partnership, "access": access,
        "top": with_token(request, body["top"]), "versions": body["versions"],
        "has_versions": body["has_versions"], "templates": TEMPLATES.values(),
        "start_form": StartForm(has_versions=body["has_versions"]) if can_start else None,
    })


def _agreement_body(request, partnership, number: str, can_edit: bool):
    """The page's sections about the partnership, the same for every reader who may see it
    (and may or may not edit its deliverables); nothing in them turns with the clock but the
    date, which is in their key."""
    summary = agreement_summary(partnership)
    current = summary["in_progress"]
    current = current_version(partnership, current.number) if current else None
    page = Paginator(version_rows(partnership), PAGE_SIZE).get_page(number)
    items = deliverable_list(partnership)
    top = kept_render(
        "agreements/_agreement_top.html", request=request, partnership=partnership,
        agreed=summary["agreed"], current=current,
        parties=party_status(current) if current else [], deliverables=items,
        deliverable_counts=deliverable_summary(items), can_edit_deliverables=can_edit,
        deliverable_statuses=DeliverableStatus.choices, bar=progress_bar, csrf_input=MARK)
    versions = kept_render("agreements/_agreement_versions.html", partnership=partnership,
                           page=page)
    return {"top": top, "versions": versions, "in_progress": current is not None,
            "has_versions": bool(page.paginator.count)}, None


def _start(user, partnership, *, source, template, valuation_currency):
    if source == "latest":
        return services.start_from_latest(user, partnership)
    return services.start_from_template(user, partnership,
                                        template=template or "partnering_agreement",
                                        valuation_currency=valuation_currency or "")


@login_required
@require_POST
def start(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    back = f"/partnerships/{partnership.pk}/agreement/"
    form = StartForm(request.POST, has_versions=partnership.agreement_versions.exists())
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    try:
        version = _start(request.user, partnership, **form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(back)
    messages.success(request, _("Draft version %(n)s started. Replace the guidance in "
                                "[square brackets] with what the partners agree.")
                     % {"n": version.number})
    return redirect(version_url(partnership, version.number))


def _version_context(request, partnership, version) -> dict:
    """What the version page shows and offers this user."""
    access = partnership.access
    active = partnership.is_active
    is_draft = version.status == VersionStatus.DRAFT
    return {
        "sections": [(name, title, getattr(version, name), unfinished(getattr(version, name)))
                     for name, title, _guidance in SECTIONS],
        "rule": exports.rule_lines(version),
        "parties": party_status(version),
        "commitments": commitments_by_member(version),
        "total": total_committed(version),
        "can_edit": access.can_contribute and editable(partnership, version),
        "may_write": services.speaks_for(request.user, partnership, access)
        if access.can_contribute else set(),
        "can_manage": access.can_manage and active,
        "problems": services.proposal_problems(version)
        if is_draft and access.can_manage else [],
        "missing_terms": members_without_terms(partnership, version)
        if is_draft and access.can_contribute and active else [],
        "history": for_visitor(AuditEvent.objects.for_object(version)[:20],
                               member=access.can_contribute),
    }


def _signoff_forms(request, partnership, version, withdraw_form) -> dict:
    """The sign form for whoever may sign now, the withdraw form for the stewards."""
    active = partnership.is_active
    signable = services.signable_for(request.user, version) if active else []
    proposed = version.status == VersionStatus.PROPOSED
    return {
        "sign_form": SignForm(organisations=signable) if signable else None,
        "withdraw_form": (withdraw_form or WithdrawForm())
        if proposed and partnership.access.can_manage and active else None,
    }


def version_page(request, partnership_id: int, version_number: int, withdraw_form=None):
    partnership = partnership_or_404(request, partnership_id)
    version = get_version(partnership, version_number)
    return render(request, "agreements/version.html", {
        "partnership": partnership, "access": partnership.access, "version": version,
        **_version_context(request, partnership, version),
        **_signoff_forms(request, partnership, version, withdraw_form),
    })


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, partnership_id: int, version_number: int):
    partnership = partnership_or_404(request, partnership_id, need="contribute")
    version = get_version(partnership, version_number)
    form = VersionForm(request.POST or None, initial=VersionForm.initial_for(version))

    def page(form):
        return render(request, "agreements/version_form.html", {
            "partnership": partnership, "access": partnership.access, "version": version,
            "form": form, "editable": editable(partnership, version),
        })

    return save_edit(request, form, services.update_version, version, version=version,
                     landed_in=lambda changed: changed, render_page=page)


def diff_page(request, partnership_id: int):
    partnership = partnership_or_404(request, partnership_id)
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
    partnership = partnership_or_404(request, partnership_id)
    version = get_version(partnership, version_number)
    return render(request, "agreements/print.html", {
        "language": get_language() or "en",
        "partnership": partnership, "version": version, "doc": exports.document(version),
    })
