"""Pages of partnerships offices: the office view (its people's competency profile as a heat
map with its table, trends across assessment rounds, course cohorts), its role profiles
(adapt, edit, download as DOCX or PDF). An office answers 404 to anyone
capabilities/access.py does not allow; no individual is shown but to those it allows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.capabilities import access
from partnering.capabilities.forms import RoleProfileForm
from partnering.capabilities.framework.models import LEVEL_NAMES, LEVELS
from partnering.capabilities.offices import exports, queries, services
from partnering.capabilities.offices.charts import heat_map_svg
from partnering.capabilities.offices.forms import organisations_for
from partnering.capabilities.offices.models import RoleProfile
from partnering.viewhelpers import handle_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def office_list(request):
    return render(request, "capabilities/office_list.html", {
        "offices": access.offices_for(request.user).select_related("organisation"),
        "can_create": organisations_for(request.user).exists()})


def office_detail(request, office_id: int):
    office = access.office_or_404(request.user, office_id)
    data = queries.heat_map(office)
    visible = access.sees_individuals(request.user, office)
    members = list(office.members.select_related("person"))
    for member in members:
        member.visible = member.person_id in visible
    return render(request, "capabilities/office_detail.html", {
        "office": office, "heat": data, "chart": heat_map_svg(data), "levels": LEVELS,
        "level_names": LEVEL_NAMES, "trends": queries.trends(office),
        "cohorts": queries.enrolments(office), "members": members,
        "competencies": [(row["code"], row["name"]) for row in data["rows"]],
        "profiles": RoleProfile.objects.filter(office__in=[office.pk, None]).order_by(
            "office_id", "order", "id"),
        "can_manage": access.can_manage_office(request.user, office),
        "accreditations": queries.accreditations(
            access.accreditation_people(request.user, office, visible)),
        "survey_rounds": queries.survey_rounds(office, request.user)})


def _profile(request, office_id: int, role_profile_id: int):
    office = access.office_or_404(request.user, office_id)
    return office, access.role_profile_or_404(request.user, office, role_profile_id)


@require_http_methods(["GET", "POST"])
def role_profile(request, office_id: int, role_profile_id: int):
    office, profile = _profile(request, office_id, role_profile_id)
    requirements = list(profile.requirements.select_related("competency"))
    editable = profile.office_id == office.pk and access.can_manage_office(request.user,
                                                                           office)
    if request.method == "POST" and not editable:
        raise Http404
    form = RoleProfileForm(request.POST or None, requirements=requirements, initial={
        "title": profile.title, "grade": profile.grade, "purpose": profile.purpose,
        "responsibilities": profile.responsibilities}) if editable else None

    def page(form):
        return render(request, "capabilities/role_profile.html", {
            "office": office, "profile": profile, "requirements": requirements,
            "level_names": LEVEL_NAMES, "form": form,
            "can_adapt": profile.office_id is None and access.can_manage_office(
                request.user, office)})
    if form is None:
        return page(None)

    def save(**data):
        return services.update_role_profile(request.user, profile, levels=form.levels(),
                                            **{k: v for k, v in data.items()
                                               if not k.startswith("c_")})
    return handle_form(request, form, save, message=_("Role profile saved."),
                       success=reverse("office_role_profile", args=[office.pk, profile.pk]),
                       render_page=page)


@require_POST
def role_profile_adapt(request, office_id: int, role_profile_id: int):
    office, template = _profile(request, office_id, role_profile_id)
    if not access.can_manage_office(request.user, office) or template.office_id is not None:
        raise Http404
    copy = services.adapt_role_profile(request.user, office, template)
    messages.success(request, _("The office's own copy is ready to edit."))
    return redirect("office_role_profile", office.pk, copy.pk)


def _download(profile, content: bytes, media_type: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    name = slugify(profile.title) or "role-profile"
    response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    return response


def role_profile_docx(request, office_id: int, role_profile_id: int):
    _office, profile = _profile(request, office_id, role_profile_id)
    return _download(profile, exports.to_docx(profile), DOCX, "docx")


def role_profile_pdf(request, office_id: int, role_profile_id: int):
    _office, profile = _profile(request, office_id, role_profile_id)
    return _download(profile, exports.to_pdf(profile), "application/pdf", "pdf")
