from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.audit.models import AuditEvent
from partnering.audit.visibility import for_visitor
from partnering.partnerships.access import visible_partnerships
from partnering.partnerships.vocabulary import MemberRole
from partnering.registry import permissions, services
from partnering.registry.forms import OrganisationForm, OrganisationSearchForm, PersonForm
from partnering.registry.models import Organisation, Person
from partnering.registry.queries import PAGE_COLUMNS, listed_organisations
from partnering.registry.vocabulary import SECTOR_MOTIVATIONS
from partnering.viewhelpers import apply_errors

PAGE_SIZE = 25


def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = listed_organisations(
        request.user, PAGE_COLUMNS, text=filters.get("q", ""),
        sector=filters.get("sector", ""), iati_type=filters.get("iati_type", ""),
        country=filters.get("country", ""), sdg=filters.get("sdg"), labels=True)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/organisation_list.html", {
        "form": form, "page": page, "query": _query_without_page(request),
        "can_create": permissions.can_create_organisation(request.user),
    })


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def organisation_detail(request, organisation_id: int):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).prefetch_related("sdg_goals"),
        pk=organisation_id)
    partnerships = (visible_partnerships(request.user)
                    .filter(memberships__organisation=organisation)
                    .values("pk", "title", "phase", "status", "memberships__role"))
    people = (Person.objects.visible_to(request.user).filter(organisation=organisation)
              if request.user.is_authenticated else Person.objects.none())
    return render(request, "registry/organisation_detail.html", {
        "organisation": organisation, "partnerships": list(partnerships), "people": people,
        "sector_motivation": SECTOR_MOTIVATIONS.get(organisation.sector),
        "member_roles": dict(MemberRole.choices),
        "can_edit": permissions.can_edit_organisation(request.user, organisation),
        "history": for_visitor(AuditEvent.objects.for_object(organisation)[:20],
                               member=True),
    })


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(request.user, **form.service_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(name)s is in the registry.") % {"name": organisation})
            return redirect("organisation", organisation.pk)
    return render(request, "registry/organisation_form.html",
                  {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, organisation_id: int):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user),
                                     pk=organisation_id)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None,
                            initial=OrganisationForm.initial_for(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(request.user, organisation, **form.service_data())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("organisation", organisation.pk)
    return render(request, "registry/organisation_form.html",
                  {"form": form, "organisation": organisation})


@login_required
def person_list(request):
    people = Person.objects.visible_to(request.user).select_related("organisation")
    query = request.GET.get("q", "")[:200]
    for word in query.split()[:8]:
        people = people.filter(name__icontains=word)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/person_list.html",
                  {"page": page, "q": query, "query": _query_without_page(request)})


@login_required
def person_detail(request, person_id: int):
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("organisation"), pk=person_id)
    visible = visible_partnerships(request.user)
    represents = person.representations.filter(
        membership__partnership__in=visible).select_related(
        "membership__partnership", "membership__organisation")
    brokers = person.broker_assignments.filter(partnership__in=visible).select_related(
        "partnership")
    return render(request, "registry/person_detail.html", {
        "person": person, "represents": represents, "brokers": brokers,
        "can_edit": permissions.can_edit_person(request.user, person),
        "history": AuditEvent.objects.for_object(person)[:20],
    })


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = int(request.GET["organisation"])
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(name)s is in the registry.") % {"name": person})
            return redirect("person", person.pk)
    return render(request, "registry/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, person_id: int):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    if not permissions.can_edit_person(request.user, person):
        raise PermissionDenied
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("person", args=[person.pk]))
    return render(request, "registry/person_form.html", {"form": form, "person": person})
