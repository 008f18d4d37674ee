from contextlib import nullcontext

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from partnering.assessments import ratelimit, services
from partnering.assessments.api import portfolio_rows
from partnering.assessments.charts import bar_chart, gap_chart, trend_chart
from partnering.assessments.forms import (
    ImportForm,
    InvitationsForm,
    PlanItemForm,
    PlanStatusForm,
    RoundForm,
    answers_from_form,
    initial_from_answers,
    response_form,
)
from partnering.assessments.models import Instrument, Perspective, content_language, label
from partnering.assessments.results import response_rate, round_results, trend
from partnering.assessments.xlsform import export_xlsform, import_xlsform, responses_csv
from partnering.notifications.outgoing import status_label, with_mail_status
from partnering.partnerships.access import round_or_404, visible_partnership
from partnering.registry.models import Organisation
from partnering.viewhelpers import act, apply_errors, show_errors


def _code(value: str) -> str | None:
    return value.lower() if value.isalpha() and 2 <= len(value) <= 3 else None


def _lang(request) -> str:
    """The language of an instrument's content: `?lang=` when given, else the interface's."""
    return _code(request.GET.get("lang", "")) or content_language(translation.get_language())


def _respond_lang(request) -> str:
    """The respondent's language: `?lang=`, else the one their form was in, else the
    interface's."""
    if "lang" in request.GET:
        return _lang(request)
    return _code(request.POST.get("lang", "")) or _lang(request)


def _interface(lang: str):
    """The interface strings in the survey's language too, when it is a shipped one."""
    if lang in dict(settings.LANGUAGES):
        return translation.override(lang)
    return nullcontext()


def _language_names() -> dict:
    return dict(settings.LANGUAGES)


def instrument_list(request):
    return render(request, "assessments/instrument_list.html", {
        "instruments": Instrument.objects.all(), "label": label})


def instrument_detail(request, instrument_id: int):
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    lang = _lang(request)
    return render(request, "assessments/instrument_detail.html", {
        "instrument": instrument, "lang": lang, "label": label,
        "language_names": _language_names(),
        "sections": instrument.sections.prefetch_related("questions__dimension"),
        "dimensions": instrument.dimensions.all()})


def instrument_xlsform(request, instrument_id: int):
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    response = HttpResponse(
        export_xlsform(instrument),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{instrument.key}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def instrument_import(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > 5 * 1024 * 1024:
                raise ValidationError({"file": _("The workbook is larger than 5 MB.")})
            instrument = import_xlsform(request.user, upload.read(),
                                        key=form.cleaned_data["key"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Instrument imported."))
            return redirect("assessment_instrument", instrument.pk)
    return render(request, "assessments/instrument_import.html", {"form": form})


# --- rounds of a partnership and of an organisation ------------------------------------



@require_http_methods(["GET", "POST"])
def partnership_rounds(request, partnership_id: int):
    partnership = visible_partnership(request, partnership_id)
    if not partnership.access.can_contribute:
        # Health checks are the members' own reflection; the public sees the partnership only.
        raise Http404
    form = RoundForm(request.POST or None, partnership=True)
    if request.method == "POST":
        if not partnership.access.can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = services.create_round(
                    request.user, data["instrument"], title=data["title"],
                    opens_at=data["opens_at"], closes_at=data["closes_at"],
                    partnership=partnership, grouping=data["grouping"] or "organisation")
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Round started: now invite the respondents."))
                return redirect("assessment_invitations", round_.pk)
    rounds = partnership.assessment_rounds.select_related("instrument")
    return render(request, "assessments/partnership_rounds.html", {
        "partnership": partnership, "access": partnership.access, "rounds": rounds,
        "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_assessments(request, organisation_id: int):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    can_manage = services.organisation_admin(request.user, organisation.pk)
    form = RoundForm(request.POST or None, partnership=False)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = services.create_round(
                    request.user, data["instrument"], title=data["title"],
                    opens_at=data["opens_at"], closes_at=data["closes_at"],
                    organisation=organisation)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Round started: now invite staff and partners."))
                return redirect("assessment_invitations", round_.pk)
    rows = portfolio_rows(request.user, organisation)
    points = [{"round": r["round"], "scores": {"all": r["score"]}} for r in rows]
    return render(request, "assessments/portfolio.html", {
        "organisation": organisation, "rows": rows, "can_manage": can_manage, "form": form,
        "chart": trend_chart(points, [])})


def round_detail(request, round_id: int):
    round_ = round_or_404(request, round_id)
    lang = _lang(request)
    group_id = request.GET.get("group", "")
    perspective = request.GET.get("perspective", "")
    data = round_results(
        round_, group_id=int(group_id) if group_id.isdigit() and len(group_id) < 12 else None,
        perspective=perspective if perspective in Perspective.values else None, lang=lang)
    points = trend(round_, lang)
    return render(request, "assessments/round_detail.html", {
        "round": round_, "access": round_.access, "r": data, "lang": lang,
        "groups": round_.groups.all(), "perspectives": Perspective.choices,
        "group_id": group_id, "perspective": perspective,
        "bars": bar_chart(data["dimensions"]), "gap_svg": gap_chart(data["gaps"]),
        "trend_svg": trend_chart(points, []), "trend": points,
        "dimension_codes": [(d["code"], d["label"]) for d in data["dimensions"]],
    })


@require_http_methods(["GET", "POST"])
def round_invitations(request, round_id: int):
    round_ = round_or_404(request, round_id, need="manage")
    form = InvitationsForm(request.POST or None, round_=round_)
    links = []
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # all the lines, or none
                for name, email in form.cleaned_data["people"]:
                    invitation, token = services.invite(
                        request.user, round_, group=form.cleaned_data["group"], email=email,
                        name=name)
                    links.append((invitation, services.response_link(token)))
        except ValidationError as error:
            apply_errors(form, error)
            links = []
        else:
            messages.success(request, ngettext(
                "%(n)s invitation queued: it is sent by e-mail in a moment.",
                "%(n)s invitations queued: they are sent by e-mail in a moment.",
                len(links)) % {"n": len(links)})
            form = InvitationsForm(round_=round_)
    return _invitations_page(request, round_, form, links)


@require_POST
def round_invitation_link(request, round_id: int, invitation_id: int):
    """A new personal link for one person, shown once to the round's stewards."""
    round_ = round_or_404(request, round_id, need="manage")
    invitation = get_object_or_404(round_.invitations, pk=invitation_id)
    try:
        token = services.new_link(request.user, invitation)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("assessment_invitations", round_.pk)
    return _invitations_page(request, round_, InvitationsForm(round_=round_),
                             [(invitation, services.response_link(token))])


def _invitations_page(request, round_, form, links):
    response = render(request, "assessments/round_invitations.html", {
        "round": round_, "form": form, "links": links,
        "invitations": with_mail_status(round_.invitations.select_related("group")),
        "mail_status": status_label,
        "rate": response_rate(round_)})
    if links:  # secret links: not kept by the browser or any cache (no-store)
        add_never_cache_headers(response)
    return response


@require_POST
def round_reminders(request, round_id: int):
    round_ = round_or_404(request, round_id, need="manage")
    try:
        count = services.send_reminders(request.user, round_)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, ngettext(
            "%(n)s reminder queued: it is sent by e-mail in a moment.",
            "%(n)s reminders queued: they are sent by e-mail in a moment.",
            count) % {"n": count})
    return redirect("assessment_invitations", round_.pk)


@require_POST
def round_close(request, round_id: int):
    """Close an open round now: no more answers, and the results show."""
    round_ = round_or_404(request, round_id, need="manage")
    return act(request, services.close_round, request.user, round_,
               message=_("Round closed: the results show for groups large enough."),
               back=reverse("assessment_round", args=[round_.pk]))


def round_csv(request, round_id: int):
    round_ = round_or_404(request, round_id, need="manage")
    try:
        content = responses_csv(round_)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("assessment_round", round_.pk)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}.csv"'
    return response


@require_http_methods(["GET", "POST"])
def round_summit(request, round_id: int):
    round_ = round_or_404(request, round_id)
    form = PlanItemForm(request.POST or None, round_=round_)
    if request.method == "POST":
        if not round_.access.can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_plan_item(
                    request.user, round_, title=data["title"], due_date=data["due_date"],
                    dimension=data["dimension"],
                    owner_organisation=data.get("owner_organisation"),
                    owner_name=data.get("owner_name") or "")
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Action added to the plan."))
                return redirect("assessment_summit", round_.pk)
    data = round_results(round_, lang=_lang(request))
    return render(request, "assessments/round_summit.html", {
        "round": round_, "access": round_.access, "form": form, "r": data,
        "items": round_.plan_items.select_related("action", "dimension"),
        "status_form": PlanStatusForm()})


@require_POST
def plan_item_status(request, round_id: int):
    round_ = round_or_404(request, round_id, need="manage")
    item_id = request.POST.get("item", "")
    if not (item_id.isdigit() and len(item_id) < 12):
        raise Http404
    item = get_object_or_404(round_.plan_items, pk=int(item_id))
    form = PlanStatusForm(request.POST)
    if form.is_valid():
        services.set_plan_item_status(request.user, item, form.cleaned_data["status"])
        messages.success(request, _("Status updated."))
    return redirect("assessment_summit", round_.pk)


# --- the respondent's page (no sign-in; the token is the key) --------------------------

@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    try:
        ratelimit.check(request, token)
    except ratelimit.RateLimited as error:
        return HttpResponse(str(error), status=429, content_type="text/plain")
    invitation = services.invitation_for(token)
    lang = _respond_lang(request)
    with _interface(lang):
        return _respond(request, token, invitation, lang)


def _respond(request, token: str, invitation, lang: str):
    """The respondent's page, its notices and buttons in the survey's language."""
    round_ = invitation.round
    response = services.response_for(invitation, token)
    if request.method == "POST":
        form = response_form(round_.instrument, lang, data=request.POST)
        if form.is_valid() and _saved(request, token, form, lang, response):
            return redirect(reverse("assessment_respond", args=[token]) + f"?lang={lang}")
    else:
        form = response_form(round_.instrument, lang, initial=initial_from_answers(response))
    return render(request, "assessments/respond.html", {
        "round": round_, "form": form, "lang": lang, "instrument": round_.instrument,
        "submitted": bool(response and response.submitted), "group": invitation.group,
        "label": label, "language_names": _language_names()})


def _saved(request, token: str, form, lang: str, response) -> bool:
    """Save the answers of a valid form; its errors go on the form."""
    try:
        services.save_answers(token, answers_from_form(form),
                              submit="submit" in request.POST, language=lang)
    except ValidationError as error:
        for field, errors in getattr(error, "error_dict", {}).items():
            code = field.removeprefix("answers.")
            for item in errors:
                form.add_error(code if code in form.fields else None, item)
        if not hasattr(error, "error_dict"):
            apply_errors(form, error)
        return False
    submitted = "submit" in request.POST or (response and response.submitted)
    messages.success(request, _("Thank you: your answers are submitted. You can change them "
                                "until the round closes.") if submitted else
                     _("Saved. Come back with your link to finish."))
    return True
