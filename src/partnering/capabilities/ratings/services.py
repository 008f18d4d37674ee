"""The 360° view in campaigns: opening one by asking named raters, answering while it is
open, closing it (by hand or at its closing date), and the results the person sees: those
of closed campaigns with MIN_RATERS answers or more, fixed once closed (ratings/models.py),
unless their raters are nearly those of another campaign shown (ratings/overlap.py)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.capabilities import access
from partnering.capabilities.framework.models import LEVELS, Competency
from partnering.capabilities.framework.services import current_levels
from partnering.capabilities.ratings import overlap
from partnering.capabilities.ratings.models import (
    MIN_RATERS,
    PeerRating,
    PeerScore,
    RatingCampaign,
    RatingRequest,
)
from partnering.guards import require

DEFAULT_WEEKS = 3


def open_campaign_of(person) -> RatingCampaign | None:
    """The person's campaign still taking answers, if any."""
    today = timezone.localdate()
    campaign = RatingCampaign.objects.filter(subject=person, closed_at=None).first()
    return campaign if campaign and campaign.is_open(today) else None


def _campaign_for(actor, person, closes_on: dt.date | None) -> RatingCampaign:
    campaign = open_campaign_of(person)
    if campaign is not None:
        return campaign
    close_due(person=person)  # one past its date is closed for good before a new one
    today = timezone.localdate()
    closes_on = closes_on or today + dt.timedelta(weeks=DEFAULT_WEEKS)
    if closes_on < today:
        raise ValidationError({"closes_on": _("A campaign closes today or later.")})
    campaign = RatingCampaign.objects.create(subject=person, opened_by=actor,
                                             closes_on=closes_on)
    record(actor, "rating.campaign_opened", campaign)
    return campaign


@transaction.atomic
def ask_for_ratings(actor, person, raters: list, *, closes_on: dt.date | None = None) -> list:
    """Rating requests to named raters (people of the registry with an account), in the
    person's open campaign (opened now, closing on `closes_on`, when there is none). A
    rater already asked in the campaign is not asked twice."""
    require(access.may_ask_ratings(actor, person),
            _("Only the person, their manager or mentor ask for ratings."))
    for rater in raters:
        if rater.pk == person.pk:
            raise ValidationError({"raters": _("A person does not rate themselves here: use "
                                               "the self-assessment.")})
        if rater.user_id is None:
            raise ValidationError({"raters": _("%(name)s has no account to answer with.")
                                   % {"name": rater.name}})
    campaign = _campaign_for(actor, person, closes_on)
    made = []
    for rater in raters:
        request, created = RatingRequest.objects.get_or_create(
            campaign=campaign, rater=rater, defaults={"subject": person, "asked_by": actor})
        if created:
            record(actor, "rating.requested", request)
            made.append(request)
    return made


@transaction.atomic
def answer_rating(actor, request: RatingRequest, *, levels: dict, comment: str = ""):
    """The rater's levels by competency code and a comment, while the campaign is open.
    The rating is stored with no link to the rater (ratings/models.py)."""
    me = access.own_person(actor)
    campaign = request.campaign
    require(bool(me and me.pk == request.rater_id and not request.answered and campaign
                 and campaign.is_open(timezone.localdate())))
    competencies = dict(Competency.objects.filter(active=True).values_list("code", "pk"))
    if not levels:
        raise ValidationError({"levels": _("Give a level for at least one competency.")})
    for code, level in levels.items():
        if code not in competencies or level not in LEVELS:
            raise ValidationError({"levels": _("Give levels 1 to 4 of the framework's "
                                               "competencies.")})
    rating = PeerRating.objects.create(subject_id=request.subject_id, campaign=campaign,
                                       comment=comment,
                                       month=timezone.localdate().replace(day=1))
    PeerScore.objects.bulk_create([PeerScore(rating=rating, competency_id=competencies[c],
                                             level=level) for c, level in levels.items()])
    request.answered = True
    request.save(update_fields=["answered"])
    record(actor, "rating.given", request)  # that they answered, never what
    return request


def _close(actor, campaign: RatingCampaign) -> RatingCampaign:
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["closed_at"])
    record(actor, "rating.campaign_closed", campaign)
    return campaign


@transaction.atomic
def close_campaign(actor, campaign: RatingCampaign) -> RatingCampaign:
    """Closed by the person, their manager or mentor before its date: from now on its
    figures (if it had MIN_RATERS answers) are shown and never change."""
    require(access.may_ask_ratings(actor, campaign.subject),
            _("Only the person, their manager or mentor close a campaign."))
    require(campaign.closed_at is None, _("The campaign is closed already."))
    return _close(actor, campaign)


@transaction.atomic
def close_due(*, person=None) -> int:
    """Close every campaign past its closing date (the hourly job; also before opening a
    new campaign for `person`)."""
    due = RatingCampaign.objects.filter(closed_at=None,
                                        closes_on__lt=timezone.localdate())
    if person is not None:
        due = due.filter(subject=person)
    closed = [_close(None, campaign) for campaign in due.select_for_update()]
    return len(closed)


# --- What the person sees ----------------------------------------------------------------

def campaign_results(campaign: RatingCampaign, withheld: set | None = None) -> dict:
    """One campaign's figures: none while it is open (only how many answered, a count and
    not a score), none if it closed with fewer than MIN_RATERS answers, none if its raters
    are nearly those of another campaign shown (`overlap`, ratings/overlap.py); then the
    average per competency scored by MIN_RATERS raters or more, and the comments in an
    order that says nothing of who wrote them. `withheld`: overlap.withheld(subject), when
    the caller has it already."""
    today = timezone.localdate()
    answered = campaign.ratings.count()
    is_open = campaign.is_open(today)
    if withheld is None:
        withheld = overlap.withheld(campaign.subject, today) if not is_open else set()
    overlapping = campaign.pk in withheld
    shown = not is_open and answered >= MIN_RATERS and not overlapping
    others, comments = {}, []
    if shown:
        others = {row["competency_id"]: row for row in PeerScore.objects.filter(
            rating__campaign=campaign).values("competency_id").annotate(
            average=Avg("level"), count=Count("id")) if row["count"] >= MIN_RATERS}
        comments = sorted(campaign.ratings.exclude(comment="").values_list("comment",
                                                                           flat=True))
    return {"campaign_id": campaign.pk, "opened": campaign.opened,
            "closes_on": campaign.closes_on, "closed": not is_open,
            "asked": campaign.requests.count(), "answered": answered,
            "shown": shown, "overlap": overlapping, "others": others, "comments": comments}


def campaigns_of(person) -> list[dict]:
    """Every campaign of the person, newest first, each with its own fixed results."""
    withheld = overlap.withheld(person, timezone.localdate())
    return [campaign_results(c, withheld)
            for c in RatingCampaign.objects.filter(subject=person)]


def view_360(person) -> dict:
    """Self against others, per competency, from the latest closed campaign with
    MIN_RATERS answers or more (`suppressed` when there is none); every campaign is listed
    in `campaigns` with its own results, which are never merged across campaigns."""
    campaigns = campaigns_of(person)
    latest = next((c for c in campaigns if c["shown"]), None)
    others = latest["others"] if latest else {}
    own = current_levels(person)
    rows = []
    for competency in Competency.objects.filter(active=True):
        other = others.get(competency.pk)
        rows.append({"competency_id": competency.pk, "code": competency.code,
                     "name": competency.name, "group": competency.group,
                     "self": own.get(competency.code),
                     "others": round(other["average"], 1) if other else None,
                     "raters": other["count"] if other else None})
    return {"raters": latest["answered"] if latest else None, "suppressed": latest is None,
            "overlap": any(c["overlap"] for c in campaigns),
            "min_raters": MIN_RATERS, "rows": rows,
            "comments": latest["comments"] if latest else [],
            "campaign_id": latest["campaign_id"] if latest else None,
            "campaigns": [_campaign_row(c) for c in campaigns]}


def _campaign_row(found: dict) -> dict:
    """A campaign as listed: its dates and counts; figures only when shown."""
    return {key: found[key] for key in ("campaign_id", "opened", "closes_on", "closed",
                                        "asked", "answered", "shown", "overlap")}


def open_requests_for(user):
    """The rating requests `user` was asked and has yet to answer, in open campaigns."""
    me = access.own_person(user)
    if me is None:
        return RatingRequest.objects.none()
    return RatingRequest.objects.filter(
        rater=me, answered=False, campaign__closed_at=None,
        campaign__closes_on__gte=timezone.localdate()).select_related("subject", "campaign")


def asked_raters(person) -> dict:
    """How many were asked in the open campaign (else the latest) and how many answered:
    never who answered (with the names of those yet to answer, the answers could be told
    apart), and no score while it is open."""
    campaign = RatingCampaign.objects.filter(subject=person).first()
    if campaign is None:
        return {"asked": 0, "answered": 0}
    return {"asked": campaign.requests.count(), "answered": campaign.ratings.count()}
