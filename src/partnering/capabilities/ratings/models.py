"""The 360° view: a person asks named raters to rate their competencies.

Anonymity by construction: a RatingRequest knows who was asked; a PeerRating knows what was
answered and about whom, never by whom. Answering marks the request answered and writes the
rating with no link back to it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text

MIN_RATERS = 5


class RatingRequest(models.Model):
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
            fields=["subject", "rater"], condition=models.Q(answered=False),
            name="one_open_rating_request_per_rater")]

    def __str__(self) -> str:
        return _("Rating of %(subject)s") % {"subject": self.subject}


class PeerRating(models.Model):
    """One rater's answer, with no link to the rater or the request (see the docstring)."""

    subject = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                                related_name="peer_ratings")
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
