"""Finance has no pages of its own (budgets and resource flows show on the partnership's
pages): its models' help texts are what it says, in French too."""

from django.test import SimpleTestCase
from django.utils import translation

from partnering.finance.models import Budget, ResourceFlow


class FinanceInFrench(SimpleTestCase):
    def test_it_explains_the_iati_codes_in_french(self):
        with translation.override("fr"):
            assert str(Budget._meta.get_field("status").help_text) == (
                "BudgetStatus IATI : 1 indicatif, 2 engagé")
            assert str(ResourceFlow._meta.get_field("transaction_type").help_text) == (
                "Code TransactionType IATI")
        assert str(Budget._meta.get_field("budget_type").help_text) == (
            "IATI BudgetType: 1 original, 2 revised")
