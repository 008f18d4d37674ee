"""What falls due, found by the hourly scan (jobs/schedule.py): proposals closing within 48
hours, actions due in 3 days or overdue, KPI values and progress reports due. Each finding
has a cause key naming its object and due date, so the scan tells each person once however
often it runs."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.jobs.queue import enqueue
from partnering.notifications import ledger
from partnering.notifications.rules import News, representatives, stewards
from partnering.partnerships.vocabulary import Status

CLOSING_WITHIN = timedelta(hours=48)
ACTION_DUE_IN = timedelta(days=3)
INTERVALS = {"monthly": 30, "quarterly": 91, "six_monthly": 182, "annual": 365}
ACTIVE = {"partnership__status": Status.ACTIVE}


def run(now=None) -> dict:
    now = now or timezone.now()
    today = now.date()
    from partnering.notifications.mail import retry_failed
    from partnering.notifications.outgoing import resend_failed

    resend_failed()
    emails = retry_failed()
    found = 0
    for finder in (closing_proposals, due_actions, due_values, due_reports):
        for news, cause, partnership_id in finder(now, today):
            found += 1
            emails += ledger.write(news, cause, partnership_id=partnership_id)
    if emails:
        from partnering.notifications.tasks import send_emails

        enqueue(send_emails, emails)
    return {"found": found, "emails": len(emails)}


def closing_proposals(now, today):
    from partnering.governance.models import Position, Proposal
    from partnering.partnerships.models import Membership

    for proposal in Proposal.objects.filter(status="open", closes_at__gt=now,
                                            closes_at__lte=now + CLOSING_WITHIN, **ACTIVE):
        taken = Position.objects.filter(proposal=proposal).values("organisation_id")
        waiting = Membership.objects.filter(partnership_id=proposal.partnership_id).exclude(
            role="observer").exclude(organisation_id__in=taken).values("organisation_id")
        news = News("proposal_closing", representatives(proposal.partnership_id, waiting,
                                                        mandate=True),
                    lambda p=proposal: _("Positions on “%(title)s” close within 48 hours")
                    % {"title": p.title},
                    reverse("proposal", args=[proposal.partnership_id, proposal.pk]))
        yield news, f"scan:proposal_closing:{proposal.pk}", proposal.partnership_id


def _action_owners(action) -> set[int]:
    from partnering.notifications.rules import _users
    from partnering.registry.models import Person

    if action.owner_person_id:
        return _users(Person.objects.filter(pk=action.owner_person_id), "user_id")
    return representatives(action.partnership_id, [action.owner_organisation_id])


def due_actions(now, today):
    from partnering.governance.models import Action

    outstanding = Action.objects.filter(status__in=["open", "in_progress"], **ACTIVE)
    for action in outstanding.filter(Q(due_date=today + ACTION_DUE_IN)
                                     | Q(due_date__lt=today)):
        overdue = action.due_date < today
        category = "action_overdue" if overdue else "action_due"
        news = News(category, _action_owners(action),
                    (lambda a=action: _("Overdue since %(date)s: %(title)s")
                     % {"date": a.due_date.isoformat(), "title": a.title}) if overdue else
                    (lambda a=action: _("Due in 3 days: %(title)s") % {"title": a.title}),
                    reverse("action", args=[action.partnership_id, action.pk]))
        yield news, f"scan:{category}:{action.pk}:{action.due_date}", action.partnership_id


def due_values(now, today):
    from partnering.monitoring.models import Indicator

    for indicator in Indicator.objects.filter(frequency__in=INTERVALS,
                                              responsible_organisation__isnull=False,
                                              **ACTIVE):
        since = indicator.latest_date or indicator.baseline_date
        if since is None:
            continue
        due = since + timedelta(days=INTERVALS[indicator.frequency])
        if due > today:
            continue
        news = News("value_due", representatives(indicator.partnership_id,
                                                 [indicator.responsible_organisation_id]),
                    lambda i=indicator, d=due: _("A value of %(indicator)s is due since "
                                                 "%(date)s")
                    % {"indicator": i.name, "date": d.isoformat()},
                    reverse("indicator", args=[indicator.partnership_id, indicator.pk]))
        yield news, f"scan:value_due:{indicator.pk}:{due}", indicator.partnership_id


def due_reports(now, today):
    from partnering.monitoring.portfolio.data import with_reporting_and_health
    from partnering.monitoring.queries import REMIND_BEFORE, REPORT_EVERY
    from partnering.partnerships.models import Partnership

    rows = with_reporting_and_health(Partnership.objects.filter(status=Status.ACTIVE), today
                                     ).filter(since__lte=today - REPORT_EVERY + REMIND_BEFORE
                                              ).values("pk", "title", "since")
    for row in rows:
        due = row["since"] + REPORT_EVERY
        news = News("report_due", stewards(row["pk"]),
                    lambda r=row, d=due: _("The progress report of %(title)s is due by "
                                           "%(date)s") % {"title": r["title"],
                                                          "date": d.isoformat()},
                    reverse("reports", args=[row["pk"]]))
        yield news, f"scan:report_due:{row['pk']}:{due}", row["pk"]
