"""The examiner's rubric: what a reflective log book is marked on, each out of its maximum
(the Partnership Brokers Association asks for reflection on practice, not a diary)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    maximum: int


RUBRIC = [
    Criterion("process", _("Understanding of the partnering process and its phases"), 20),
    Criterion("role", _("Clarity about the broker's role (internal or external) and its "
                        "limits"), 20),
    Criterion("power", _("Attention to power, equity and fairness between partners"), 20),
    Criterion("evidence", _("Use of evidence from the partnerships brokered"), 20),
    Criterion("reflection", _("Depth of reflection and learning over time"), 20),
]
CRITERIA = {criterion.code: criterion for criterion in RUBRIC}
TOTAL = sum(criterion.maximum for criterion in RUBRIC)
