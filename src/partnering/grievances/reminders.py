"""Clocks in motion: the hourly job that looks at every open case's three clocks
(acknowledge, respond, resolve; business days in the partnership's time zone and holidays,
see `grievances.clocks`) and tells people through the notifications ledger.

- A clock **at risk** sends a reminder to the case's assigned handler (to the partnership's
  case handlers while nobody is assigned).
- A clock **breached** escalates the case, once: to the partnership's governance body when
  it has named one, else to the platform secretariat: platform admins and the secretariat
  people of the platforms under whose forums the partnership works (for a platform's own
  case, its governance body if named, else its secretariat people and admins); the escalation is
  recorded like a handler's (audit event, timeline) and told to the governance body or the
  secretariat and to the partnership's stewards.

Who is told is decided by `grievances.access` (whoever may see the case), and on top of it:
nobody of the organisation the case is about, admins included; for a restricted case only
its named handlers (GrievanceHandler) and platform admins, and the words say only that "a
restricted case needs attention", with the link, never its category or description.

The ledger is written without a partnership: a named handler need not be a member of a
private partnership, so the grievance rules, not the partnership's visibility, decide. Each
cause names the case, the clock and its due moment, so the job tells each person once,
however often it runs."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.grievances import access, clocks
from partnering.grievances.models import Grievance, GrievanceHandler
from partnering.grievances.services.common import log
from partnering.grievances.vocabulary import (
    OPEN_STATES,
    ClockStatus,
    EscalatedTo,
    HandlerRole,
)
from partnering.notifications import ledger
from partnering.notifications.rules import News, brokers
from partnering.registry.models import Person

AT_RISK, BREACHED = "grievance_at_risk", "grievance_breached"


def run(now=None) -> dict:
    """Look at every open case once; returns what was found and the e-mails queued."""
    now = now or timezone.now()
    calendars, found, emails = {}, {"at_risk": 0, "breached": 0}, []
    for grievance in Grievance.objects.filter(state__in=OPEN_STATES).select_related(
            "partnership", "platform").order_by("pk"):
        calendar = calendars.get(grievance.owner_key)
        if calendar is None:
            calendar = calendars[grievance.owner_key] = clocks.calendar_of(grievance)
        for view in clocks.clocks_of(grievance, calendar, now):
            if view.status == ClockStatus.AT_RISK:
                found["at_risk"] += 1
                emails += remind(grievance, view)
            elif view.status == ClockStatus.BREACHED:
                found["breached"] += 1
                emails += breached(grievance, view, now)
    if emails:
        from partnering.jobs.queue import enqueue
        from partnering.notifications.tasks import send_emails

        enqueue(send_emails, emails)
    return {**found, "emails": len(emails)}


def named_and_admins(grievance) -> set[int]:
    """The only people a restricted case may be told to: its named handlers (a platform's
    secretariat people while it names none) and admins."""
    named = set(get_user_model().objects.filter(
        Q(is_superuser=True) | access.owner_q(grievance.owner, "grievance_roles__"),
        is_active=True).values_list("pk", flat=True))
    if grievance.platform_id:
        named |= set(access.handlers_of_platform(grievance.platform_id)
                     .values_list("pk", flat=True))
    return named


def people_of_subject(grievance) -> set[int]:
    if not grievance.about_organisation_id:
        return set()
    return set(Person.objects.filter(organisation_id=grievance.about_organisation_id,
                                     user__isnull=False).values_list("user_id", flat=True))


def allowed(grievance, candidates) -> set[int]:
    """Of `candidates`, who may be told about the case (see the module's doc)."""
    users = access.recipients(grievance, candidates) - people_of_subject(grievance)
    if grievance.restricted:
        users &= named_and_admins(grievance)
    return users


def handlers_of(grievance) -> set[int]:
    if grievance.assigned_to_id:
        return {grievance.assigned_to_id}
    return set(access.eligible_handlers(grievance).values_list("pk", flat=True))


def secretariat_people(grievance) -> set[int]:
    """The secretariat people of the case's platform, or for a partnership's case of the
    platforms under whose forums the partnership works (platforms' Forum.partnerships)."""
    from partnering.platforms.models import Platform

    if grievance.platform_id:
        platforms = Platform.objects.filter(pk=grievance.platform_id)
    else:
        platforms = Platform.objects.filter(forums__partnerships=grievance.partnership_id)
    return set(Person.objects.filter(platform_secretariats__in=platforms.values("pk"),
                                     user__isnull=False).values_list("user_id", flat=True))


def escalation_candidates(grievance) -> set[int]:
    if grievance.escalated_to == EscalatedTo.GOVERNANCE_BODY:
        body = set(GrievanceHandler.objects.filter(
            access.owner_q(grievance.owner),
            role=HandlerRole.GOVERNANCE_BODY).values_list("user_id", flat=True))
    else:
        body = set(get_user_model().objects.filter(is_superuser=True, is_active=True)
                   .values_list("pk", flat=True)) | secretariat_people(grievance)
    stewards = brokers(grievance.partnership_id) if grievance.partnership_id else set()
    return body | stewards | handlers_of(grievance)


def words(grievance, view, breach: bool):
    """The title and summary, under each recipient's language (called by the ledger)."""
    if grievance.restricted:
        return (lambda: _("A restricted case needs attention")), (lambda: "")
    if breach:
        title = lambda: _("Case %(code)s: the deadline to %(clock)s has passed") % {  # noqa: E731
            "code": grievance.code, "clock": view.label.lower()}
    else:
        title = lambda: _("Case %(code)s: the deadline to %(clock)s is close") % {  # noqa: E731
            "code": grievance.code, "clock": view.label.lower()}
    summary = lambda: _("%(category)s, due %(day)s.") % {  # noqa: E731
        "category": grievance.get_category_display(), "day": view.due_day.isoformat()}
    return title, summary


def tell(grievance, view, category: str, candidates) -> list[int]:
    title, summary = words(grievance, view, category == BREACHED)
    news = News(category, allowed(grievance, candidates), title,
                reverse("grievance", args=[grievance.pk]), summary)
    cause = f"grievance:{category}:{grievance.pk}:{view.clock}:{view.due.isoformat()}"
    return ledger.write(news, cause, partnership_id=None)


def remind(grievance, view) -> list[int]:
    return tell(grievance, view, AT_RISK, handlers_of(grievance))


def breached(grievance, view, now) -> list[int]:
    if not grievance.escalated_to:
        escalate_on_breach(grievance, view, now)
    return tell(grievance, view, BREACHED, escalation_candidates(grievance))


def escalation_target(grievance) -> str:
    has_body = GrievanceHandler.objects.filter(access.owner_q(grievance.owner),
                                               role=HandlerRole.GOVERNANCE_BODY).exists()
    return EscalatedTo.GOVERNANCE_BODY if has_body else EscalatedTo.SECRETARIAT


@transaction.atomic
def escalate_on_breach(grievance, view, now) -> Grievance:
    """The job's escalation of a breached case (no actor: the platform did it)."""
    grievance.escalated_to, grievance.escalated_at = escalation_target(grievance), now
    grievance.escalation_reason = _("The deadline to %(clock)s passed on %(day)s.") % {
        "clock": view.label.lower(), "day": view.due_day.isoformat()}
    grievance.save(update_fields=["escalated_to", "escalated_at", "escalation_reason",
                                  "updated"])
    log(None, "grievance.escalated", grievance, public=False,
        changes={"to": grievance.escalated_to, "clock": view.clock, "automatic": True})
    from partnering.grievances.learning import mark_health_stale

    mark_health_stale(grievance.partnership_id)
    return grievance
