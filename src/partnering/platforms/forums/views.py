"""Pages of platforms and forums: the list, a platform with its forums as a tree by level,
a forum with its members, facilitator, partnerships and the items waiting to go up; the
secretariat's forms (platforms, levels, forums, members)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.partnerships.access import visible_partnerships
from partnering.platforms import access
from partnering.platforms.consultations.items import path_labels, waiting_items
from partnering.platforms.forums import services
from partnering.platforms.forums.forms import ForumForm, LevelForm, MemberForm, PlatformForm
from partnering.platforms.forums.tree import forum_tree
from partnering.platforms.models import Consultation
from partnering.viewhelpers import handle_form


def platform_list(request):
    platforms = access.visible_platforms(request.user).order_by("title", "id")
    return render(request, "platforms/platform_list.html", {
        "platforms": platforms, "may_create": access.may_create_platform(request.user)})


def platform_detail(request, platform_id: int):
    platform = access.platform_or_404(request, platform_id)
    forums = access.visible_forums(request.user).filter(platform=platform).select_related(
        "level", "chair")
    return render(request, "platforms/platform_detail.html", {
        "platform": platform, "access": platform.access,
        "levels": platform.levels.order_by("-rank"), "tree": forum_tree(forums),
        "consultations": platform.consultations.order_by("-opens_on", "-id")})


def _form_page(request, template, form, **context):
    return render(request, template, {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def platform_create(request):
    if not access.may_create_platform(request.user):
        raise PermissionDenied
    form = PlatformForm(request.POST or None)
    return handle_form(
        request, form, services.create_platform, request.user,
        message=_("Platform created."),
        success=lambda platform: reverse("platform", args=[platform.pk]),
        render_page=lambda form: _form_page(request, "platforms/platform_form.html", form))


@login_required
@require_http_methods(["GET", "POST"])
def level_create(request, platform_id: int):
    platform = access.platform_or_404(request, platform_id, "manage")
    form = LevelForm(request.POST or None)
    return handle_form(
        request, form, services.add_level, request.user, platform,
        message=_("Level added."), success=reverse("platform", args=[platform.pk]),
        render_page=lambda form: _form_page(request, "platforms/level_form.html", form,
                                            platform=platform))


@login_required
@require_http_methods(["GET", "POST"])
def forum_create(request, platform_id: int):
    platform = access.platform_or_404(request, platform_id, "manage")
    form = ForumForm(request.POST or None, platform=platform, user=request.user)
    return handle_form(
        request, form, services.create_forum, request.user, platform,
        message=_("Forum created."), success=lambda forum: reverse("forum", args=[forum.pk]),
        render_page=lambda form: _form_page(request, "platforms/forum_form.html", form,
                                            platform=platform))


def forum_detail(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id)
    waiting = list(waiting_items(forum).select_related("consultation")[:100])
    today = timezone.localtime(timezone.now(), forum.platform.zone).date()
    consultations = [c for c in Consultation.objects.filter(
        platform_id=forum.platform_id, levels=forum.level_id) if c.is_open_on(today)]
    return render(request, "platforms/forum_detail.html", {
        "forum": forum, "platform": forum.platform, "access": forum.access,
        "memberships": forum.memberships.select_related("organisation", "person"),
        "partnerships": visible_partnerships(request.user).filter(forums=forum),
        "below": access.visible_forums(request.user).filter(parent=forum).select_related(
            "level"),
        "above": access.visible_forums(request.user).filter(pk=forum.parent_id).first(),
        "waiting": list(zip(waiting, path_labels(waiting, request.user), strict=True)),
        "meetings": forum.meetings.all()[:20], "open_consultations": consultations,
        "member_form": MemberForm() if forum.access.can_manage else None})


@login_required
@require_http_methods(["GET", "POST"])
def forum_member_add(request, forum_id: int):
    forum = access.forum_or_404(request, forum_id, "manage")
    form = MemberForm(request.POST or None)
    return handle_form(
        request, form, services.add_forum_member, request.user, forum,
        message=_("Member added."), success=reverse("forum", args=[forum.pk]),
        render_page=lambda form: _form_page(request, "platforms/member_form.html", form,
                                            forum=forum))
