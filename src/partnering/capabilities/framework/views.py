"""Pages of the competency framework, a person's competency profile (self against others),
the self-assessment and the 360° rating requests. A person's pages answer 404 to anyone
capabilities/access.py does not allow, signed in or not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.assessments.models import LIKERT_LABELS, label
from partnering.capabilities import access
from partnering.capabilities.development.models import DevelopmentPlan
from partnering.capabilities.forms import CompetencyForm, RaterForm, RatingForm, SelfAssessmentForm
from partnering.capabilities.framework import services
from partnering.capabilities.framework.models import LEVEL_NAMES, Competency
from partnering.capabilities.offices.models import Enrolment
from partnering.capabilities.ratings import services as ratings
from partnering.viewhelpers import act, handle_form


def framework(request):
    return render(request, "capabilities/framework.html", {
        "competencies": services.framework(), "level_names": LEVEL_NAMES,
        "me": access.own_person(request.user),
        "can_edit": access.is_admin(request.user)})


@require_http_methods(["GET", "POST"])
def competency_edit(request, competency_id: int):
    if not access.is_admin(request.user):
        raise Http404
    competency = get_object_or_404(Competency.objects.prefetch_related("levels"),
                                   pk=competency_id)
    initial = {"name": competency.name, "description": competency.description,
               **{f"level_{lv.level}": lv.in_practice for lv in competency.levels.all()}}
    form = CompetencyForm(request.POST or None, initial=initial, competency=competency)

    def save(name, description, **levels):
        services.update_competency(request.user, competency, name=name,
                                   description=description)
        for key, text in levels.items():
            services.describe_level(request.user, competency, int(key[-1]), text)
        return competency

    return handle_form(
        request, form, save, message=_("Competency saved."),
        success=reverse("competency_framework") + f"#c-{competency.code}",
        render_page=lambda form: render(request, "capabilities/competency_form.html",
                                        {"competency": competency, "form": form}))


def profile(request, person_id: int):
    person = access.person_or_404(request.user, person_id)
    may_ask = access.may_ask_ratings(request.user, person)
    return render(request, "capabilities/profile.html", {
        "person": person, "view": ratings.view_360(person), "asked": ratings.asked_raters(person),
        "level_names": LEVEL_NAMES, "is_self": access.is_self(request.user, person),
        "rater_form": RaterForm(person=person) if may_ask else None,
        "plans": DevelopmentPlan.objects.filter(person=person),
        "mentors": person.mentoring_pairs_as_mentee.select_related("mentor"),
        "mentees": person.mentoring_pairs_as_mentor.select_related("mentee"),
        "enrolments": Enrolment.objects.filter(person=person).select_related("cohort__course"),
        "can_plan": access.can_see_person(request.user, person)})


@require_POST
def ask_ratings(request, person_id: int):
    person = access.person_or_404(request.user, person_id)
    form = RaterForm(request.POST, person=person)
    back = reverse("capability_profile", args=[person.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    return act(request, ratings.ask_for_ratings, request.user, person,
               list(form.cleaned_data["raters"]), closes_on=form.cleaned_data["closes_on"],
               message=_("Rating requests sent."), back=back)


@require_POST
def close_campaign(request, person_id: int, rating_campaign_id: int):
    person = access.person_or_404(request.user, person_id)
    campaign = access.campaign_or_404(request.user, person, rating_campaign_id)
    if not access.may_ask_ratings(request.user, person):
        raise Http404
    return act(request, ratings.close_campaign, request.user, campaign,
               message=_("The campaign is closed: its figures are fixed from now on."),
               back=reverse("capability_profile", args=[person.pk]) + "#profile")


def _agreement_choices() -> list:
    return [(value, label(text)) for value, text in LIKERT_LABELS.items()]


@require_http_methods(["GET", "POST"])
def self_assessment(request, person_id: int):
    person = access.person_or_404(request.user, person_id)
    if not access.is_self(request.user, person):
        raise Http404
    competencies = services.framework()
    for c in competencies:
        c.question_label = label(c.question.label) if c.question_id else c.name
    form = SelfAssessmentForm(request.POST or None, competencies=competencies,
                              agreement_choices=_agreement_choices())

    def save(**_data):
        answers, levels = form.split()
        return services.record_self_assessment(request.user, person, answers=answers,
                                               levels=levels)

    return handle_form(
        request, form, save, message=_("Your levels are recorded."),
        success=reverse("capability_profile", args=[person.pk]),
        render_page=lambda form: render(request, "capabilities/self_assessment.html",
                                        {"person": person, "form": form}))


@login_required
def rating_requests(request):
    return render(request, "capabilities/rating_requests.html",
                  {"requests": ratings.open_requests_for(request.user)})


@require_http_methods(["GET", "POST"])
def rating_answer(request, rating_request_id: int):
    rating_request = access.open_request_or_404(request.user, rating_request_id)
    competencies = services.framework()
    form = RatingForm(request.POST or None, competencies=competencies)

    def save(comment, **_levels):
        return ratings.answer_rating(request.user, rating_request, levels=form.levels(),
                                     comment=comment)

    return handle_form(
        request, form, save, message=_("Thank you: your rating is recorded, without your "
                                       "name."),
        success=reverse("rating_requests"),
        render_page=lambda form: render(request, "capabilities/rating_form.html", {
            "rating_request": rating_request, "form": form}))
