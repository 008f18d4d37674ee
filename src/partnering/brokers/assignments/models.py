"""A broker's assignment to a partnership, with its terms: what the partners ask of the
broker, from when to when and for how many days a month. Its seat is the partnership's own
BrokerAssignment (which gives the broker their place in the partnership) while it runs."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.brokers.roster.models import BrokerProfile
from partnering.limits import max_text
from partnering.partnerships.models import BrokerAssignment, Partnership


class Assignment(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="broker_terms")
    broker = models.ForeignKey(BrokerProfile, on_delete=models.PROTECT,
                               related_name="assignments")
    seat = models.OneToOneField(BrokerAssignment, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="terms")
    terms_of_reference = models.TextField(validators=[max_text])
    start = models.DateField()
    end = models.DateField(_("planned end"), null=True, blank=True)
    days_per_month = models.DecimalField(
        max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("31"))])
    ended_on = models.DateField(null=True, blank=True)
    end_note = models.CharField(max_length=500, blank=True)
    rating_round = models.ForeignKey("assessments.Round", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    audit_noun = "broker_assignment"

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "broker"], condition=Q(ended_on__isnull=True),
            name="one_current_assignment",
            violation_error_message=_("This broker already has a current assignment in the "
                                      "partnership."))]

    def __str__(self) -> str:
        return f"{self.broker} in {self.partnership}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": gettext("The end is before the start.")})
        if self.start and self.ended_on and self.ended_on < self.start:
            raise ValidationError({"ended_on": gettext("It cannot end before it started.")})

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
