"""What a person can be told, by category: its label, whether it asks something of them
("Needs your action"), whether it can be turned off, and how often it comes by default."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

IMMEDIATELY, DAILY, WEEKLY, OFF = "immediately", "daily", "weekly", "off"
FREQUENCIES = [(IMMEDIATELY, _("Immediately")), (DAILY, _("In a daily digest")),
               (WEEKLY, _("In a weekly digest")), (OFF, _("Off"))]
FREQUENCY_CODES = [code for code, _label in FREQUENCIES]


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    needs_action: bool = False
    mandatory: bool = False  # cannot be turned off (the e-mail still comes)

    @property
    def default(self) -> str:
        """Needs your action: at once; everything else: in the daily digest."""
        return IMMEDIATELY if self.needs_action else DAILY


CATEGORIES = {c.code: c for c in [
    Category("position_needed", _("A proposal needs your organisation's position"),
             needs_action=True),
    Category("proposal_closing", _("A proposal closes within 48 hours"), needs_action=True),
    Category("proposal_decided", _("A proposal was decided")),
    Category("signature_awaited", _("An agreement awaits your signature"), needs_action=True,
             mandatory=True),
    Category("agreement_agreed", _("An agreement was agreed by every member")),
    Category("action_assigned", _("An action was assigned to you or your organisation"),
             needs_action=True),
    Category("action_due", _("An action you own is due in 3 days"), needs_action=True),
    Category("action_overdue", _("An action you own is overdue"), needs_action=True),
    Category("value_due", _("A KPI value is due"), needs_action=True),
    Category("value_queried", _("A value you reported was queried"), needs_action=True),
    Category("value_confirmed", _("A value you reported was confirmed")),
    Category("report_due", _("A progress report is due"), needs_action=True),
    Category("call_invited", _("Your organisation was invited to a call"), needs_action=True),
    Category("response_received", _("A response to your call arrived")),
    Category("response_decided", _("Your response to a call was shortlisted or declined")),
    Category("added", _("You were added to a partnership or made a broker")),
    Category("phase_changed", _("A partnership moved to another phase")),
    Category("grievance_at_risk", _("A grievance you handle is close to its deadline"),
             needs_action=True),
    Category("grievance_breached", _("A grievance passed its deadline and was escalated"),
             needs_action=True),
    Category("answer_given", _("Your input to a consultation was answered")),
    Category("answer_due", _("Consultation items await your answer"), needs_action=True),
    Category("rating_requested", _("Someone asks you to rate their partnering competencies"),
             needs_action=True),
    Category("ratings_ready", _("The ratings of your competencies are ready")),
]}

CATEGORY_CHOICES = [(c.code, c.label) for c in CATEGORIES.values()]


def defaults() -> dict[str, str]:
    return {code: category.default for code, category in CATEGORIES.items()}
