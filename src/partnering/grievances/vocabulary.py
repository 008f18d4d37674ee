"""The words of the grievance mechanism: channels, categories, severities, states,
outcomes and the published service levels' defaults (IFC Performance Standard 1 and the
World Bank's ESS10 ask for published timeframes, an appeal route and anonymity)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")


class Category(models.TextChoices):
    SAFEGUARDING = "safeguarding", _("Safeguarding (harm, abuse or exploitation)")
    SERVICE = "service", _("Service delivery")
    CONDUCT = "conduct", _("Conduct of staff or partners")
    DATA = "data", _("Data and privacy")
    MONEY = "money", _("Money and fraud")
    OTHER = "other", pgettext_lazy("grievance category", "Other")


class Severity(models.TextChoices):
    """How fast a case must be answered; a safeguarding concern always takes the first."""

    SAFEGUARDING = "safeguarding", _("Safeguarding: risk of harm to a person")
    HIGH = "high", pgettext_lazy("grievance severity", "High")
    STANDARD = "standard", pgettext_lazy("grievance severity", "Standard")
    LOW = "low", pgettext_lazy("grievance severity", "Low")


class State(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("grievance state", "Received")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("grievance state", "Acknowledged")
    UNDER_REVIEW = "under_review", pgettext_lazy("grievance state", "Under review")
    RESOLVED = "resolved", pgettext_lazy("grievance state", "Resolved")
    CLOSED = "closed", pgettext_lazy("grievance state", "Closed")


OPEN_STATES = (State.RECEIVED, State.ACKNOWLEDGED, State.UNDER_REVIEW)


class Outcome(models.TextChoices):
    UPHELD = "upheld", pgettext_lazy("grievance outcome", "Upheld")
    PARTLY_UPHELD = "partly_upheld", pgettext_lazy("grievance outcome", "Partly upheld")
    NOT_UPHELD = "not_upheld", pgettext_lazy("grievance outcome", "Not upheld")
    REFERRED = "referred", pgettext_lazy("grievance outcome", "Referred elsewhere")
    WITHDRAWN = "withdrawn", pgettext_lazy("grievance outcome", "Withdrawn")


class Closure(models.TextChoices):
    CONFIRMED = "confirmed", _("The complainant confirmed the answer")
    ATTEMPTS = "attempts", _("Closed after logged attempts to reach the complainant")


class HandlerRole(models.TextChoices):
    BROKER = "broker", _("Broker")
    FOCAL_POINT = "focal_point", _("Grievance focal point")
    GOVERNANCE_BODY = "governance_body", _("Governance body (escalation)")


class EscalatedTo(models.TextChoices):
    GOVERNANCE_BODY = "governance_body", _("The partnership's governance body")
    SECRETARIAT = "secretariat", _("The platform secretariat")


class Author(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    HANDLER = "handler", _("Handler")


class Clock(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    RESPOND = "respond", _("Respond")
    RESOLVE = "resolve", _("Resolve")


class ClockStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BREACHED = "breached", _("Breached")
    MET = "met", _("Met")
    MISSED = "missed", _("Met late")


# Business days to acknowledge, respond and resolve, by severity, when a partnership has
# not published its own service levels.
DEFAULT_SERVICE_LEVELS = {
    Severity.SAFEGUARDING: (1, 3, 14),
    Severity.HIGH: (2, 5, 20),
    Severity.STANDARD: (5, 10, 30),
    Severity.LOW: (5, 15, 45),
}
# Closing without the complainant's confirmation needs this many logged attempts.
DEFAULT_CLOSURE_ATTEMPTS = 3
DEFAULT_TIME_ZONE = "UTC"
