"""Pages for everyone: a partnership's grievance page (published service levels; its cases
for handlers), the filing form (no account needed; by a partnership's page, or by its intake
link when the partnership is private), the page that shows the case code and secret once,
and the complainant's page reached by code and secret (with the files they gave)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.grievances import access, clocks, codes, services
from partnering.grievances.forms import AppealForm, FileForm, FollowForm, ReplyForm
from partnering.grievances.models import GrievanceSettings
from partnering.grievances.views.shared import (
    FILED_KEY,
    file_response,
    followed_case,
    forget_case,
    private,
    remember_case,
    with_clocks,
)
from partnering.grievances.vocabulary import Severity, State
from partnering.viewhelpers import apply_errors, show_errors

LIST_SIZE = 100


def published_levels(partnership=None, *, platform=None) -> list[dict]:
    levels = clocks.service_levels(partnership, platform=platform)
    return [{"severity": label, "days": levels[value]} for value, label in Severity.choices]


def overview(request, partnership_id: int):
    """The partnership's grievance page: how to file, the published service levels, and for
    its handlers and stewards the cases they may see."""
    partnership = access.partnership_or_404(request, partnership_id)
    cases, state = None, request.GET.get("state", "")
    if access.may_see_partnership_cases(request.user, partnership):
        rows = access.visible_grievances(request.user).filter(partnership=partnership)
        if state in State.values:
            rows = rows.filter(state=state)
        cases = with_clocks(rows.select_related("assigned_to", "about_organisation")[:LIST_SIZE])
    settings = GrievanceSettings.objects.filter(partnership=partnership).first()
    return render(request, "grievances/overview.html", {
        "partnership": partnership, "levels": published_levels(partnership),
        "cases": cases, "state": state, "states": State.choices,
        "intake_open": settings is None or settings.intake_open,
        "intake_link": settings.intake_key if settings and cases is not None else "",
        "may_enter": access.may_enter(request.user, partnership)})


def _file(request, partnership=None, *, platform=None):
    """The filing form of a partnership or (`platform`) a platform."""
    owner = {"platform": platform} if platform is not None else {"partnership": partnership}
    settings = GrievanceSettings.objects.filter(**owner).first()
    if settings is not None and not settings.intake_open:
        return render(request, "grievances/closed.html", owner)
    form = FileForm(request.POST or None, request.FILES or None, **owner)
    if request.method == "POST" and form.is_valid():
        try:
            codes.check_filing_rate(request)
            data = dict(form.cleaned_data)
            filed = services.file_grievance(files=data.pop("files"), **owner, **data)
        except codes.RateLimited as error:
            return HttpResponse(str(error), status=429, content_type="text/plain")
        except ValidationError as error:
            apply_errors(form, error)
        else:
            request.session[FILED_KEY] = {"code": filed.grievance.code, "secret": filed.secret}
            return redirect("grievance_filed")
    response = render(request, "grievances/file.html", {
        **owner, "form": form, "levels": published_levels(**owner)})
    if form.is_bound:
        response.status_code = 422
    return private(response)


@require_http_methods(["GET", "POST"])
def file(request, partnership_id: int):
    return _file(request, access.partnership_or_404(request, partnership_id))


@require_http_methods(["GET", "POST"])
def file_by_link(request, intake_key: str):
    """The filing form through the partnership's intake link: works for a private
    partnership too (the link is unguessable; it shows the partnership's name only)."""
    settings = get_object_or_404(GrievanceSettings.objects.select_related(
        "partnership", "platform"), intake_key=intake_key[:32])
    return _file(request, settings.partnership, platform=settings.platform)


def filed(request):
    """The case code and secret, shown once."""
    held = request.session.pop(FILED_KEY, None)
    if not held:
        return redirect("grievance_follow")
    return private(render(request, "grievances/filed.html", held))


@require_http_methods(["GET", "POST"])
def follow(request):
    """Enter the case code and secret. A wrong code and a wrong secret get the same answer;
    look-ups are rate-limited per code and per address."""
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = codes.normalise_code(form.cleaned_data["code"]) or form.cleaned_data["code"]
        try:
            codes.check_rate(request, code)
        except codes.RateLimited as error:
            return HttpResponse(str(error), status=429, content_type="text/plain")
        grievance = services.find_case(code, form.cleaned_data["secret"])
        if grievance is not None:
            remember_case(request, grievance)
            return redirect("grievance_my_case")
        form.add_error(None, _("No case matches this code and secret."))
    response = render(request, "grievances/follow.html", {"form": form})
    if form.is_bound:
        response.status_code = 422
    return private(response)


def _mine(request):
    grievance = followed_case(request)
    if grievance is None:
        raise Http404
    return grievance


def my_case(request):
    grievance = followed_case(request)
    if grievance is None:
        return redirect("grievance_follow")
    calendar = clocks.calendar_of(grievance)
    return private(render(request, "grievances/my_case.html", {
        "case": grievance, "clocks": clocks.clocks_of(grievance, calendar),
        "messages_": grievance.messages.all(),
        "files": grievance.attachments.filter(from_complainant=True),
        "events": grievance.events.filter(public=True),
        "appeals": list(grievance.appeals.values_list("code", flat=True)),
        "reply_form": ReplyForm(), "appeal_form": AppealForm()}))


def my_file(request, grievance_attachment_id: int):
    """A file the complainant gave with their case, back to them (a handler's files are
    the handlers' record: 404 here, as for anyone without the case's code and secret)."""
    stored = get_object_or_404(_mine(request).attachments.filter(from_complainant=True),
                               pk=grievance_attachment_id)
    return file_response(stored)


def _complainant_act(request, service, message: str, *args, **kwargs):
    try:
        service(*args, **kwargs)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, message)
    return redirect("grievance_my_case")


@require_POST
def my_reply(request):
    grievance = _mine(request)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("grievance_my_case")
    return _complainant_act(request, services.complainant_reply, _("Your answer was sent."),
                            grievance, text=form.cleaned_data["text"],
                            files=form.cleaned_data["files"])


@require_POST
def my_confirm(request):
    return _complainant_act(request, services.confirm_closure,
                            _("Thank you: the case is closed."), _mine(request))


@require_POST
def my_appeal(request):
    grievance = _mine(request)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you appeal."))
        return redirect("grievance_my_case")
    try:
        appeal = services.appeal(grievance, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        show_errors(request, error)
        return redirect("grievance_my_case")
    messages.success(request, _("Your appeal is case %(code)s: follow it with the same "
                                "secret.") % {"code": appeal.code})
    remember_case(request, appeal)
    return redirect("grievance_my_case")


@require_POST
def my_leave(request):
    forget_case(request)
    return redirect("grievance_follow")
