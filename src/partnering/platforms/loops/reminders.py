"""The daily reminder of answers falling due: the secretariat of a platform hears, through
the notifications ledger, of each consultation whose items are not all answered when its
published answer deadline is near (7 days) or past. "Today" and "overdue" are counted in the
platform's time zone. Each state is told once per consultation (the ledger's cause)."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from partnering.platforms.models import Answer, Consultation, Item, Platform
from partnering.registry.models import Person

NEAR_DAYS = 7


def local_today(platform, now=None) -> dt.date:
    return timezone.localtime(now or timezone.now(), platform.zone).date()


def unanswered(consultation) -> int:
    return Item.objects.filter(consultation=consultation, parent__isnull=True).exclude(
        pk__in=Answer.objects.filter(consultation=consultation).values("item_id")).count()


def secretariat_users(platform: Platform) -> set[int]:
    people = Person.objects.filter(
        Q(platform_secretariats=platform)
        | Q(organisation__platform_secretariats=platform)
        | Q(forum_memberships__forum__platform=platform,
            forum_memberships__role="secretariat"), user__isnull=False)
    return set(people.values_list("user_id", flat=True))


def state_of(consultation, today: dt.date) -> str | None:
    if today > consultation.answer_deadline:
        return "overdue"
    if (consultation.answer_deadline - today).days <= NEAR_DAYS:
        return "due"
    return None


def _news(consultation, state: str, count: int, recipients: set[int]):
    from partnering.notifications.rules import News

    def title():
        if state == "overdue":
            return ngettext("%(count)d item of “%(title)s” is unanswered past its deadline",
                            "%(count)d items of “%(title)s” are unanswered past their deadline",
                            count) % {"count": count, "title": consultation.title}
        return ngettext("%(count)d item of “%(title)s” awaits an answer by its deadline",
                        "%(count)d items of “%(title)s” await an answer by their deadline",
                        count) % {"count": count, "title": consultation.title}

    def summary():
        return gettext("Answer deadline: %(date)s") % {
            "date": consultation.answer_deadline.isoformat()}
    return News(category="answer_due", recipients=recipients, title=title, summary=summary,
                url=reverse("consultation_answers", args=[consultation.pk]))


def run(now=None) -> dict:
    from partnering.notifications import ledger

    told = 0
    candidates = Consultation.objects.select_related("platform").filter(
        answer_deadline__lte=(now or timezone.now()).date() + dt.timedelta(days=NEAR_DAYS + 1))
    for consultation in candidates:
        state = state_of(consultation, local_today(consultation.platform, now))
        count = unanswered(consultation) if state else 0
        if not count:
            continue
        recipients = secretariat_users(consultation.platform)
        if recipients:
            ledger.write(_news(consultation, state, count, recipients),
                         f"answer-{state}:{consultation.pk}", partnership_id=None)
            told += 1
    return {"consultations": told}
