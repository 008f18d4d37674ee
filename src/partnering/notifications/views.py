"""The inbox (/notifications/), settings, and the no-sign-in unsubscribe page."""

import zoneinfo
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnering.notifications import services, tokens
from partnering.notifications.categories import CATEGORIES, FREQUENCIES
from partnering.notifications.ledger import settings_of
from partnering.viewhelpers import show_errors


def _partnership_filter(request) -> int | None:
    raw = request.GET.get("partnership") or request.POST.get("partnership") or ""
    return int(raw) if raw.isdigit() else None


@login_required
@require_GET
def inbox(request):
    partnership_id = _partnership_filter(request)
    unread = request.GET.get("unread") == "1"
    page = Paginator(services.inbox(request.user, partnership_id=partnership_id,
                                    unread=unread), 50).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in [
        ("partnership", partnership_id or ""), ("unread", "1" if unread else "")] if value})
    return render(request, "notifications/inbox.html", {
        "page": page, "query": query, "partnership_id": partnership_id, "unread": unread,
        "partnerships": services.partnerships_in_inbox(request.user)})


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "notifications"


@login_required
@require_POST
def mark_read(request, notification_id: int):
    services.mark_read(request.user, notification_id)
    return redirect(_back(request))


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user, partnership_id=_partnership_filter(request))
    messages.success(request, ngettext("%(count)s notification marked read.",
                                       "%(count)s notifications marked read.", count)
                     % {"count": count})
    return redirect(_back(request))


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    current = settings_of(request.user)
    if request.method == "POST":
        data = {"frequencies": {code: request.POST[f"category-{code}"]
                                for code in CATEGORIES if f"category-{code}" in request.POST},
                "time_zone": request.POST.get("time_zone", ""),
                "digest_hour": int(request.POST["digest_hour"])
                if request.POST.get("digest_hour", "").isdigit() else None,
                "language": request.POST.get("language", "")}
        try:
            services.update_settings(request.user, data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notification_settings")
    return render(request, "notifications/settings.html", {
        "current": current, "categories": list(CATEGORIES.values()),
        "frequencies": FREQUENCIES, "languages": services.languages(),
        "time_zones": sorted(zoneinfo.available_timezones()), "hours": range(24)},
        status=422 if request.method == "POST" else 200)


@csrf_exempt  # the token is the proof; mail clients post the one-click form (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = tokens.read(token)
    if found is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True},
                      status=404)
    user_id, category = found
    label = _("the digest") if category == tokens.DIGEST else (
        CATEGORIES[category].label if category in CATEGORIES else category)
    context = {"invalid": False, "label": label, "done": False,
               "mandatory": category in CATEGORIES and CATEGORIES[category].mandatory}
    if request.method == "POST":
        context["done"] = services.unsubscribe(user_id, category)
    return render(request, "notifications/unsubscribe.html", context)
