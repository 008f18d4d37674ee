"""Money around a partnership: budgets and the resource flows between organisations
(IATI transactions), visible as each partner's contributions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnering.agreements.models import validate_currency
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation


class Budget(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="budgets")
    budget_type = models.CharField(max_length=1, default="1",
                                   help_text=_("IATI BudgetType: 1 original, 2 revised"))
    status = models.CharField(max_length=1, default="1",
                              help_text=_("IATI BudgetStatus: 1 indicative, 2 committed"))
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, validators=[validate_currency])
    value_date = models.DateField(null=True, blank=True)
    import_key = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["partnership", "period_start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "import_key"],
                                    condition=~Q(import_key=""), name="unique_budget_import"),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.currency}, {self.period_start}–{self.period_end}"


class ResourceFlow(models.Model):
    """Money or resources moving from a provider to a receiver (IATI transaction)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="resource_flows")
    transaction_type = models.CharField(max_length=2, help_text=_("IATI TransactionType code"))
    date = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, validators=[validate_currency])
    value_date = models.DateField(null=True, blank=True)
    provider = models.ForeignKey(Organisation, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="flows_provided")
    provider_name = models.CharField(max_length=300, blank=True)
    receiver = models.ForeignKey(Organisation, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="flows_received")
    receiver_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    reference = models.CharField(max_length=200, blank=True)
    import_key = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["partnership", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "import_key"],
                                    condition=~Q(import_key=""), name="unique_flow_import"),
        ]
        indexes = [models.Index(fields=["provider"]), models.Index(fields=["receiver"])]

    def __str__(self) -> str:
        return f"{self.provider_name or self.provider} → {self.receiver_name or self.receiver}: " \
               f"{self.value} {self.currency}"
