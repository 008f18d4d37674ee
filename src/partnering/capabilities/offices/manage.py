"""Pages that change an office (everything the API does, without JavaScript): open an office,
edit it and name its manager, add and remove its people, open assessment rounds and course
cohorts, enrol people and record completions; the course catalogue (platform admins add
courses). Only those capabilities/access.py lets manage the office reach them; anyone else
gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.capabilities import access
from partnering.capabilities.offices import forms, services
from partnering.capabilities.offices.models import Cohort, Course, Enrolment, OfficeMember
from partnering.viewhelpers import act, handle_form


def _managed_or_404(request, office_id: int):
    office = access.office_or_404(request.user, office_id)
    if not access.can_manage_office(request.user, office):
        raise Http404
    return office


@login_required
@require_http_methods(["GET", "POST"])
def office_create(request):
    organisations = forms.organisations_for(request.user)
    if not organisations.exists():
        raise Http404
    form = forms.OfficeForm(request.POST or None, organisations=organisations)

    def save(organisation, **data):
        return services.create_office(request.user, organisation=organisation, **data)

    return handle_form(request, form, save, message=_("The office is open."),
                       success=lambda office: reverse("office_manage", args=[office.pk]),
                       render_page=lambda form: render(
                           request, "capabilities/office_form.html", {"form": form}))


def _page(request, office, status=200, **bound):
    forms_ = {
        "office_form": forms.OfficeForm(organisation=office.organisation, initial={
            "name": office.name, "manager": office.manager_id,
            "description": office.description}),
        "member_form": forms.MemberForm(office=office), "round_form": forms.RoundForm(),
        "cohort_form": forms.CohortForm(), **bound}
    response = render(request, "capabilities/office_manage.html", {
        "office": office, **forms_,
        "members": office.members.select_related("person"),
        "rounds": office.rounds.all(),
        "cohorts": office.cohorts.select_related("course")})
    response.status_code = status
    return response


@require_http_methods(["GET", "POST"])
def office_manage(request, office_id: int):
    office = _managed_or_404(request, office_id)
    if request.method == "GET":
        return _page(request, office)
    form = forms.OfficeForm(request.POST, organisation=office.organisation)
    return handle_form(
        request, form, lambda **data: services.update_office(request.user, office, **data),
        message=_("Office saved."), success=reverse("office_manage", args=[office.pk]),
        render_page=lambda form: _page(request, office, office_form=form))


def _post(request, office, form, key, service, message):
    return handle_form(request, form, service, message=message,
                       success=reverse("office_manage", args=[office.pk]),
                       render_page=lambda form: _page(request, office, **{key: form}))


@require_POST
def member_add(request, office_id: int):
    office = _managed_or_404(request, office_id)
    return _post(request, office, forms.MemberForm(request.POST, office=office),
                 "member_form", lambda person, role: services.add_member(
                     request.user, office, person, role=role), _("Added to the office."))


@require_POST
def member_remove(request, office_id: int, office_member_id: int):
    office = _managed_or_404(request, office_id)
    member = get_object_or_404(OfficeMember, pk=office_member_id, office=office)
    return act(request, services.remove_member, request.user, member,
               message=_("Removed from the office."),
               back=reverse("office_manage", args=[office.pk]))


@require_POST
def round_open(request, office_id: int):
    office = _managed_or_404(request, office_id)
    return _post(request, office, forms.RoundForm(request.POST), "round_form",
                 lambda **data: services.open_round(request.user, office, **data),
                 _("The assessment round is open: people record their self-assessment "
                   "for it."))


@require_POST
def cohort_open(request, office_id: int):
    office = _managed_or_404(request, office_id)
    return _post(request, office, forms.CohortForm(request.POST), "cohort_form",
                 lambda course, **data: services.open_cohort(request.user, office, course,
                                                             **data),
                 _("The cohort is open."))


@require_http_methods(["GET", "POST"])
def cohort_detail(request, office_id: int, cohort_id: int):
    office = _managed_or_404(request, office_id)
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id,
                               office=office)
    form = forms.EnrolForm(request.POST or None, cohort=cohort)
    back = reverse("office_cohort", args=[office.pk, cohort.pk])
    return handle_form(
        request, form, lambda person: services.enrol(request.user, cohort, person),
        message=_("Enrolled."), success=back,
        render_page=lambda form: render(request, "capabilities/cohort.html", {
            "office": office, "cohort": cohort, "form": form,
            "complete_form": forms.CompleteForm(),
            "enrolments": cohort.enrolments.select_related("person")}))


@require_POST
def enrolment_complete(request, office_id: int, cohort_id: int, enrolment_id: int):
    office = _managed_or_404(request, office_id)
    enrolment = get_object_or_404(Enrolment.objects.select_related("cohort__office"),
                                  pk=enrolment_id, cohort_id=cohort_id,
                                  cohort__office=office)
    form = forms.CompleteForm(request.POST)
    back = reverse("office_cohort", args=[office.pk, cohort_id])
    if not form.is_valid():
        messages.error(request, _("Give the date of completion."))
        return redirect(back)
    return act(request, services.complete_enrolment, request.user, enrolment,
               on=form.cleaned_data["on"], message=_("Completion recorded."), back=back)


@login_required
@require_http_methods(["GET", "POST"])
def courses(request):
    form = forms.CourseForm(request.POST or None) if access.is_admin(request.user) else None
    if request.method == "POST" and form is None:
        raise Http404

    def page(form):
        return render(request, "capabilities/courses.html", {
            "courses": Course.objects.all(), "form": form})
    if form is None:
        return page(None)
    return handle_form(request, form, lambda **data: services.create_course(request.user,
                                                                            **data),
                       message=_("Course added."), success=reverse("courses"),
                       render_page=page)
