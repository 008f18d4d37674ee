"""What a log book entry may cite: meetings, decisions and agreement versions of the
partnerships the broker is (or was) assigned to, dated within the assignment. Nothing of
any other partnership is offered or accepted."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from partnering.brokers.assignments.models import Assignment
from partnering.brokers.logbook.models import CitationKind

MAX_OFFERED = 60


@dataclass(frozen=True)
class Event:
    kind: str
    object_id: int
    partnership_id: int
    label: str
    event_date: date
    path: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.object_id}"


def _windows(profile) -> list[tuple[int, date, date | None]]:
    return list(Assignment.objects.filter(broker=profile).values_list(
        "partnership_id", "start", "ended_on"))


def _within(windows) -> Q:
    """Events of an assigned partnership, dated within the assignment (field `day`)."""
    q = Q(pk__in=[])
    for partnership_id, start, ended in windows:
        part = Q(partnership_id=partnership_id, day__gte=start)
        q |= part & Q(day__lte=ended) if ended else part
    return q


def _meetings(q: Q):
    from partnering.partnerships.models import Meeting

    return [Event(CitationKind.MEETING, m.pk, m.partnership_id,
                  f"{m.partnership.title}: {m.purpose}"[:300], m.date,
                  reverse("meeting", args=[m.partnership_id, m.pk]))
            for m in Meeting.objects.alias(day=F("date")).filter(q)
            .select_related("partnership").order_by("-date")[:MAX_OFFERED]]


def _decisions(q: Q):
    from django.db.models.functions import TruncDate

    from partnering.governance.models import Decision

    return [Event(CitationKind.DECISION, d.pk, d.partnership_id,
                  f"{d.partnership.title}: {d.proposal.title}"[:300], d.decided_at.date(),
                  reverse("proposal", args=[d.partnership_id, d.proposal_id]))
            for d in Decision.objects.alias(day=TruncDate("decided_at")).filter(q)
            .select_related("partnership", "proposal").order_by("-decided_at")[:MAX_OFFERED]]


def _versions(q: Q):
    from django.db.models.functions import TruncDate

    from partnering.agreements.models import AgreementVersion

    return [Event(CitationKind.AGREEMENT_VERSION, v.pk, v.partnership_id,
                  _("%(partnership)s: agreement version %(number)s")
                  % {"partnership": v.partnership.title, "number": v.number}, v.created.date(),
                  reverse("agreement_version", args=[v.partnership_id, v.number]))
            for v in AgreementVersion.objects.alias(day=TruncDate("created")).filter(q)
            .select_related("partnership").order_by("-created")[:MAX_OFFERED]]


LOADERS = {CitationKind.MEETING: _meetings, CitationKind.DECISION: _decisions,
           CitationKind.AGREEMENT_VERSION: _versions}


def citable_events(profile) -> list[Event]:
    """Every event the broker may cite, newest first (three queries and one)."""
    windows = _windows(profile)
    if not windows:
        return []
    events = [e for loader in LOADERS.values() for e in loader(_within(windows))]
    return sorted(events, key=lambda e: (e.event_date, e.kind, e.object_id), reverse=True)


def citable_event(profile, kind: str, object_id: int) -> Event:
    """One event the broker may cite, or a ValidationError saying why not."""
    if kind not in LOADERS:
        raise ValidationError({"kind": _("Cite a meeting, a decision or an agreement "
                                         "version.")})
    found = LOADERS[kind](_within(_windows(profile)) & Q(pk=object_id))
    if not found:
        raise ValidationError({"object_id": _(
            "You can cite only events of the partnerships you broker, from the time of your "
            "assignment.")})
    return found[0]
