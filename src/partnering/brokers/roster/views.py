"""The roster's pages: the public roster with its filters (anyone), a broker's profile with
their accreditations and current assignments, joining the roster and editing a profile (the
broker, platform admins), recording accreditations (platform admins)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnering.brokers import access
from partnering.brokers.assignments.ratings import ratings_for
from partnering.brokers.forms import AccreditationForm, ProfileForm, RosterFilterForm
from partnering.brokers.roster import services
from partnering.brokers.roster.queries import current_assignments, roster, with_accreditations
from partnering.registry.permissions import person_of
from partnering.viewhelpers import act, handle_form

PAGE_SIZE = 50
PROFILE_INITIAL = ["kind", "bio", "languages", "countries", "regions", "sectors",
                   "specialties", "days_per_month", "listed"]


def roster_page(request):
    form = RosterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = roster(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(with_accreditations(profiles), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "brokers/roster.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "own": access.own_profile(request.user),
        "everyone": request.user.is_authenticated and request.user.is_superuser})


def profile_page(request, broker_profile_id: int):
    profile = access.profile_or_404(request.user, broker_profile_id,
                                    queryset=with_accreditations(
                                        access.visible_profiles(request.user).select_related(
                                            "person__organisation", "organisation",
                                            "mentor")))
    can_edit = access.can_edit_profile(request.user, profile)
    logbook = access.visible_logbooks(request.user).filter(broker=profile).first()
    return render(request, "brokers/profile.html", {
        "profile": profile, "can_edit": can_edit, "logbook": logbook,
        "assignments": current_assignments(profile, request.user)
        if request.user.is_authenticated else [],
        "ratings": ratings_for(request.user, profile),
        "accreditation_form": AccreditationForm() if request.user.is_superuser else None})


def _save_profile(profile=None, person=None):
    def save(actor, **data):
        if profile is None:
            return services.create_profile(actor, person=person, **data)
        return services.update_profile(actor, profile, **data)
    return save


@login_required
def join(request):
    person = person_of(request.user)
    if person is None:
        return render(request, "brokers/join_first.html", status=200)
    existing = access.own_profile(request.user)
    if existing is not None:
        return redirect("broker_profile_edit", existing.pk)
    form = ProfileForm(request.POST or None)
    return handle_form(request, form, _save_profile(person=person), request.user,
                       message=_("You are on the broker roster."),
                       success=lambda p: reverse("broker_profile", args=[p.pk]),
                       render_page=lambda f: render(request, "brokers/profile_form.html",
                                                    {"form": f, "profile": None}))


@login_required
def edit(request, broker_profile_id: int):
    profile = access.profile_or_404(request.user, broker_profile_id)
    if not access.can_edit_profile(request.user, profile):
        raise PermissionDenied
    initial = {name: getattr(profile, name) for name in PROFILE_INITIAL}
    initial.update(organisation=profile.organisation, mentor=profile.mentor)
    form = ProfileForm(request.POST or None, initial=initial)
    return handle_form(request, form, _save_profile(profile=profile), request.user,
                       message=_("Profile saved."),
                       success=reverse("broker_profile", args=[profile.pk]),
                       render_page=lambda f: render(request, "brokers/profile_form.html",
                                                    {"form": f, "profile": profile}))


@login_required
@require_POST
def accreditation_add(request, broker_profile_id: int):
    profile = access.profile_or_404(request.user, broker_profile_id)
    form = AccreditationForm(request.POST)
    back = reverse("broker_profile", args=[profile.pk])
    if not form.is_valid():
        from partnering.viewhelpers import show_form_errors

        show_form_errors(request, form)
        return redirect(back)
    return act(request, services.add_accreditation, request.user, profile,
               message=_("Accreditation recorded."), back=back, **form.cleaned_data)


@login_required
@require_POST
def accreditation_remove(request, broker_profile_id: int, accreditation_id: int):
    profile = access.profile_or_404(request.user, broker_profile_id)
    accreditation = get_object_or_404(profile.accreditations, pk=accreditation_id)
    return act(request, services.remove_accreditation, request.user, accreditation,
               message=_("Accreditation removed."),
               back=reverse("broker_profile", args=[profile.pk]))
