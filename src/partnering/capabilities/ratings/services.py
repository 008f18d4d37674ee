"""The 360° view: asking named raters, answering, and the results the person sees."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.capabilities import access
from partnering.capabilities.framework.models import LEVELS, Competency
from partnering.capabilities.framework.services import current_levels
from partnering.capabilities.ratings.models import (
    MIN_RATERS,
    PeerRating,
    PeerScore,
    RatingRequest,
)
from partnering.guards import require


@transaction.atomic
def ask_for_ratings(actor, person, raters: list) -> list[RatingRequest]:
    """Rating requests to named raters (people of the registry with an account). A rater
    already asked and yet to answer is not asked twice."""
    require(access.may_ask_ratings(actor, person),
            _("Only the person, their manager or mentor ask for ratings."))
    made = []
    for rater in raters:
        if rater.pk == person.pk:
            raise ValidationError({"raters": _("A person does not rate themselves here: use "
                                               "the self-assessment.")})
        if rater.user_id is None:
            raise ValidationError({"raters": _("%(name)s has no account to answer with.")
                                   % {"name": rater.name}})
        request, created = RatingRequest.objects.get_or_create(
            subject=person, rater=rater, answered=False, defaults={"asked_by": actor})
        if created:
            record(actor, "rating.requested", request)
            made.append(request)
    return made


@transaction.atomic
def answer_rating(actor, request: RatingRequest, *, levels: dict, comment: str = ""):
    """The rater's levels by competency code and a comment. The rating is stored with no
    link to the rater (ratings/models.py)."""
    me = access.own_person(actor)
    require(bool(me and me.pk == request.rater_id and not request.answered))
    competencies = dict(Competency.objects.filter(active=True).values_list("code", "pk"))
    if not levels:
        raise ValidationError({"levels": _("Give a level for at least one competency.")})
    for code, level in levels.items():
        if code not in competencies or level not in LEVELS:
            raise ValidationError({"levels": _("Give levels 1 to 4 of the framework's "
                                               "competencies.")})
    rating = PeerRating.objects.create(subject_id=request.subject_id, comment=comment,
                                       month=timezone.localdate().replace(day=1))
    PeerScore.objects.bulk_create([PeerScore(rating=rating, competency_id=competencies[c],
                                             level=level) for c, level in levels.items()])
    request.answered = True
    request.save(update_fields=["answered"])
    record(actor, "rating.given", request)  # that they answered, never what
    return request


def view_360(person) -> dict:
    """Self against others, per competency. Others' figure only from MIN_RATERS raters up:
    below that, `others` is None and `suppressed` says so. Comments only then, in an order
    that says nothing of who wrote them."""
    raters = PeerRating.objects.filter(subject=person).count()
    shown = raters >= MIN_RATERS
    others = {}
    if shown:
        others = {row["competency_id"]: row for row in PeerScore.objects.filter(
            rating__subject=person).values("competency_id").annotate(
            average=Avg("level"), count=Count("id"))}
    own = current_levels(person)
    rows = []
    for competency in Competency.objects.filter(active=True):
        other = others.get(competency.pk)
        enough = bool(other and other["count"] >= MIN_RATERS)
        rows.append({"competency_id": competency.pk, "code": competency.code,
                     "name": competency.name, "group": competency.group,
                     "self": own.get(competency.code),
                     "others": round(other["average"], 1) if enough else None,
                     "raters": other["count"] if enough else None})
    comments = sorted(PeerRating.objects.filter(subject=person).exclude(comment="")
                      .values_list("comment", flat=True)) if shown else []
    return {"raters": raters if shown else None, "suppressed": not shown,
            "min_raters": MIN_RATERS, "rows": rows, "comments": comments}


def open_requests_for(user):
    """The rating requests `user` was asked and has yet to answer."""
    me = access.own_person(user)
    if me is None:
        return RatingRequest.objects.none()
    return RatingRequest.objects.filter(rater=me, answered=False).select_related("subject")


def asked_raters(person) -> dict:
    """How many were asked to rate the person and how many answered: never who answered
    (with the names of those yet to answer, the answers could be told apart)."""
    requests = RatingRequest.objects.filter(subject=person)
    return {"asked": requests.count(), "answered": requests.filter(answered=True).count()}
