"""The 360° view: a person asks named raters to rate their competencies, in campaigns.

Anonymity by construction: a RatingRequest knows who was asked; a PeerRating knows what was
answered and about whom, never by whom. Answering marks the request answered and writes the
rating with no link back to it.

Anonymity over time: ratings are given in a RatingCampaign (a round with a closing date,
or closed earlier by the person, their manager or mentor). While a campaign is open nothing
of its answers is shown but how many answered (a count, not a score); once closed, its
figures appear only if it had MIN_RATERS answers or more, and they never change again: no
answer enters a closed campaign, and a later campaign is a separate round of fresh answers,
never added to an earlier one. So nobody can watch an average move as one more rater
answers and read that rater's score off the difference. Nor can two closed campaigns be
subtracted: one whose raters are nearly those of a campaign already shown is withheld
(ratings/overlap.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text

MIN_RATERS = 5


class RatingCampaign(models.Model):
    subject = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                                related_name="rating_campaigns")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened = models.DateTimeField(auto_now_add=True)
    closes_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["subject"], condition=models.Q(closed_at=None),
            name="one_open_rating_campaign_per_person")]

    def __str__(self) -> str:
        return _("Ratings of %(subject)s") % {"subject": self.subject}

    def is_open(self, today) -> bool:
        """Open until closed, and never past its closing date (the hourly job then closes
        it for good)."""
        return self.closed_at is None and today <= self.closes_on


class RatingRequest(models.Model):
    campaign = models.ForeignKey(RatingCampaign, null=True, on_delete=models.CASCADE,
                                 related_name="requests")
    subject = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                                related_name="rating_requests")
    rater = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                              related_name="ratings_asked")
    answered = models.BooleanField(default=False)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["campaign", "rater"], name="one_rating_request_per_campaign_rater")]

    def __str__(self) -> str:
        return _("Rating of %(subject)s") % {"subject": self.subject}


class PeerRating(models.Model):
    """One rater's answer, with no link to the rater or the request (see the docstring)."""

    subject = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                                related_name="peer_ratings")
    campaign = models.ForeignKey(RatingCampaign, null=True, on_delete=models.CASCADE,
                                 related_name="ratings")
    comment = models.TextField(blank=True, validators=[max_text])
    # The month only: a date and time would tie a rating to the request answered then.
    month = models.DateField()

    class Meta:
        ordering = ["comment", "id"]

    def __str__(self) -> str:
        return f"Peer rating {self.pk}"


class PeerScore(models.Model):
    rating = models.ForeignKey(PeerRating, on_delete=models.CASCADE, related_name="scores")
    competency = models.ForeignKey("capabilities.Competency", on_delete=models.CASCADE,
                                   related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rating", "competency"],
                                               name="one_score_per_competency")]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level}"
