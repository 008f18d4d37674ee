"""/api/v1/competency-framework: the framework (platform admins edit it), a person's
competency profile (self against others: the 360° view), self-assessments and rating
requests. A person's records answer 404 to anyone capabilities/access.py does not allow."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from partnering.capabilities import access
from partnering.capabilities.api.rows import competency_row
from partnering.capabilities.api.schemas import (
    CampaignOut,
    CompetencyIn,
    CompetencyOut,
    CompetencyPatch,
    LevelIn,
    ProfileOut,
    RatingIn,
    RatingRequestIn,
    RatingRequestOut,
    SelfAssessmentIn,
    SelfAssessmentOut,
)
from partnering.capabilities.framework import services
from partnering.capabilities.framework.models import Competency
from partnering.capabilities.offices.models import OfficeRound
from partnering.capabilities.ratings import services as ratings
from partnering.registry.models import Person
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, require_user

router = Router(tags=["competency framework"])


def _competency(competency_id: int) -> Competency:
    return get_object_or_404(Competency.objects.select_related("question")
                             .prefetch_related("levels"), pk=competency_id)


@router.get("", response={200: list[CompetencyOut], **READ_ERRORS},
            summary="The competency framework", description="The active competencies, each "
            "with four levels and what each looks like in practice.")
def list_competencies(request):
    return [competency_row(c) for c in services.framework()]


@router.post("", response={201: CompetencyOut, **WRITE_ERRORS},
             summary="Add a competency (platform admins)")
def create_competency(request, payload: CompetencyIn):
    require_user(request)
    competency = services.create_competency(request.user, **payload.model_dump())
    return Status(201, competency_row(_competency(competency.pk)))


@router.get("/competencies/{competency_id}", response={200: CompetencyOut, **READ_ERRORS},
            summary="A competency with its levels")
def get_competency(request, competency_id: int):
    return competency_row(_competency(competency_id))


@router.patch("/competencies/{competency_id}", response={200: CompetencyOut, **WRITE_ERRORS},
              summary="Change a competency (platform admins)")
def update_competency(request, competency_id: int, payload: CompetencyPatch):
    require_user(request)
    data = payload.model_dump(exclude_unset=True)
    if any(value is None for value in data.values()):
        raise ValidationError(_("A field sent cannot be null."))
    services.update_competency(request.user, _competency(competency_id), **data)
    return competency_row(_competency(competency_id))


@router.put("/competencies/{competency_id}/levels",
            response={200: CompetencyOut, **WRITE_ERRORS},
            summary="Describe what a level looks like in practice (platform admins)")
def describe_level(request, competency_id: int, payload: LevelIn):
    require_user(request)
    services.describe_level(request.user, _competency(competency_id), payload.level,
                            payload.in_practice)
    return competency_row(_competency(competency_id))


@router.get("/people/{person_id}", response={200: ProfileOut, **READ_ERRORS},
            summary="A person's competency profile: self against others (360°)",
            description="Others' figures only from a closed campaign with 5 raters or "
                        "more (`suppressed` otherwise), fixed once closed; never who said what. "
                        "Visible to the person, their manager, mentor and "
                        "platform admins; 404 to anyone else.")
def get_profile(request, person_id: int):
    person = access.person_or_404(request.user, person_id)
    return {"person_id": person.pk, "name": person.name, **ratings.view_360(person),
            **ratings.asked_raters(person)}


@router.post("/people/{person_id}/self-assessments",
             response={201: SelfAssessmentOut, **WRITE_ERRORS},
             summary="Record one's own self-assessment",
             description="`answers`: agreement 1–5 to the partnering competencies "
                         "self-assessment's questions, by question code (each maps onto a "
                         "competency: 1–2 → level 1, 3 → 2, 4 → 3, 5 → 4); `levels`: levels "
                         "given directly for the competencies no question asks about.")
def create_self_assessment(request, person_id: int, payload: SelfAssessmentIn):
    require_user(request)
    person = access.person_or_404(request.user, person_id)
    round_ = None
    if payload.round_id is not None:
        round_ = OfficeRound.objects.filter(pk=payload.round_id).first()
        if round_ is None:
            raise ValidationError({"round_id": _("No such assessment round.")})
    made = services.record_self_assessment(
        request.user, person, answers=payload.answers, levels=payload.levels, round=round_,
        taken_on=payload.taken_on)
    return Status(201, {"id": made.pk, "person_id": person.pk, "round_id": made.round_id,
                        "taken_on": made.taken_on, "levels": made.levels})


@router.post("/people/{person_id}/rating-requests",
             response={201: list[RatingRequestOut], **WRITE_ERRORS},
             summary="Ask named raters to rate a person's competencies")
def ask_for_ratings(request, person_id: int, payload: RatingRequestIn):
    require_user(request)
    person = access.person_or_404(request.user, person_id)
    raters = list(Person.objects.filter(pk__in=payload.rater_ids))
    if len(raters) != len(set(payload.rater_ids)):
        raise ValidationError({"rater_ids": _("Name people of the registry.")})
    made = ratings.ask_for_ratings(request.user, person, raters, closes_on=payload.closes_on)
    return Status(201, [_request_row(r) for r in made])


@router.post("/people/{person_id}/rating-campaigns/{rating_campaign_id}/close",
             response={200: CampaignOut, **WRITE_ERRORS},
             summary="Close a rating campaign before its date",
             description="From then on its figures (from 5 answers up) are shown and never "
                         "change; no answer enters it any more.")
def close_campaign(request, person_id: int, rating_campaign_id: int):
    require_user(request)
    person = access.person_or_404(request.user, person_id)
    campaign = ratings.close_campaign(
        request.user, access.campaign_or_404(request.user, person, rating_campaign_id))
    return {key: value for key, value in ratings.campaign_results(campaign).items()
            if key in CampaignOut.model_fields}


def _request_row(r) -> dict:
    return {"id": r.pk, "subject_id": r.subject_id, "subject_name": r.subject.name,
            "answered": r.answered}


@router.get("/rating-requests", response={200: list[RatingRequestOut], **READ_ERRORS},
            summary="The ratings I was asked to give and have yet to give")
def my_rating_requests(request):
    require_user(request)
    return [_request_row(r) for r in ratings.open_requests_for(request.user)[:200]]


@router.post("/rating-requests/{rating_request_id}",
             response={200: RatingRequestOut, **WRITE_ERRORS},
             summary="Give a rating: a level per competency and a comment",
             description="Stored with no link to the rater: the person sees only the average "
                         "of 5 raters or more.")
def answer_rating(request, rating_request_id: int, payload: RatingIn):
    require_user(request)
    rating_request = access.open_request_or_404(request.user, rating_request_id)
    ratings.answer_rating(request.user, rating_request, levels=payload.levels,
                          comment=payload.comment)
    return _request_row(rating_request)
