"""What the partnership learns from its grievances, beyond each case:

- **A recurring category raises a risk.** Three cases of the same category within six
  months on a partnership raise a risk in its risk register (monitoring.risks), with an
  audit event; later cases of the category update that risk rather than add another, as
  long as it is not closed (one risk per category and window; a closed risk starts a new
  window). Restricted cases never count: the risk register is read by every member, and a
  risk must not tell them that a restricted case exists.
- **Open breached cases enter the health index** as its "grievances" part (measured only
  for a partnership with a grievance mechanism: named handlers or cases), explained by the
  number of open cases past a published deadline; restricted cases are left out for the
  same reason. The partnership's summary is flagged stale whenever a case changes or the
  clock job finds a breach, so the next look recomputes it (monitoring.rollup).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnering.audit.models import AuditEvent
from partnering.audit.services import save_audited
from partnering.grievances.models import Grievance, GrievanceHandler
from partnering.grievances.vocabulary import OPEN_STATES, Category

RECURRING = 3
WINDOW = timedelta(days=183)  # six months
RAISED = "risk.raised_by_grievances"
RISK_FIELDS = ["title", "description", "category", "likelihood", "impact", "mitigation",
               "review_date"]


def _window_cases(partnership_id: int, category: str, now):
    return Grievance.objects.filter(partnership_id=partnership_id, category=category,
                                    restricted=False, received_at__gt=now - WINDOW)


def _current_risk(partnership_id: int, category: str):
    """The open risk this rule raised for the category, if any (its audit event keys it)."""
    from partnering.monitoring.models import Risk, RiskStatus

    raised = AuditEvent.objects.filter(
        action=RAISED, partnership_id=partnership_id, object_type="monitoring.risk",
        summary=_key(category)).values_list("object_id", flat=True)
    return (Risk.objects.filter(partnership_id=partnership_id, pk__in=[
        int(pk) for pk in raised]).exclude(status=RiskStatus.CLOSED).order_by("-pk").first())


def _key(category: str) -> str:
    return f"grievances:{category}"


def _risk_data(category: str, count: int, today) -> dict:
    from partnering.monitoring.models import RiskCategory

    label = Category(category).label
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "title": _("Recurring grievances: %(category)s") % {"category": label},
            "description": ngettext(
                "%(num)s grievance about %(category)s in the last six months.",
                "%(num)s grievances about %(category)s in the last six months.", count)
            % {"num": count, "category": str(label).lower()},
            "category": RiskCategory.TRUST, "likelihood": 5 if count >= 5 else 4,
            "impact": 3, "review_date": today + timedelta(days=30),
            "mitigation": _("Read the cases together with the handlers, find the common "
                            "cause and agree a change of practice; report back to the "
                            "complainants and in the public register.")}


@transaction.atomic
def check_recurring(partnership_id: int, category: str, now=None):
    """Raise or update the risk of a recurring category; None below three cases."""
    from partnering.monitoring.models import Risk

    now = now or timezone.now()
    count = _window_cases(partnership_id, category, now).count()
    if count < RECURRING:
        return None
    data = _risk_data(category, count, timezone.localdate(now))
    risk = _current_risk(partnership_id, category)
    if risk is None:
        return save_audited(None, Risk(partnership_id=partnership_id), data,
                            fields=RISK_FIELDS, partnership_id=partnership_id,
                            summary=_key(category), action=RAISED)
    data.pop("review_date")
    return save_audited(None, risk, data, fields=RISK_FIELDS, partnership_id=partnership_id)


def check_all_recurring(now=None) -> int:
    """Every partnership and category with three cases in the window (the hourly job)."""
    now = now or timezone.now()
    rows = (Grievance.objects.filter(restricted=False, received_at__gt=now - WINDOW,
                                     partnership__isnull=False)
            .values("partnership_id", "category").annotate(n=Count("pk"))
            .filter(n__gte=RECURRING).order_by("partnership_id", "category"))
    for row in rows:
        check_recurring(row["partnership_id"], row["category"], now)
    return len(rows)


# --- The health index --------------------------------------------------------------------

def mark_health_stale(partnership_id: int) -> None:
    from partnering.monitoring.rollup.models import PartnershipSummary

    PartnershipSummary.objects.filter(pk=partnership_id).update(stale=True)


def health_figures(partnership, now=None) -> dict | None:
    """Open cases and open breached cases (restricted left out), in one query; None
    without a grievance mechanism (the part is then left out of the index altogether)."""
    from partnering.partnerships.models import Partnership

    now = now or timezone.now()
    mine = Q(grievances__restricted=False)
    running = mine & Q(grievances__state__in=OPEN_STATES)
    late = (Q(grievances__acknowledged_at__isnull=True, grievances__acknowledge_due__lt=now)
            | Q(grievances__responded_at__isnull=True, grievances__respond_due__lt=now)
            | Q(grievances__resolved_at__isnull=True, grievances__resolve_due__lt=now))
    row = Partnership.objects.filter(pk=partnership.pk).annotate(
        handlers=Exists(GrievanceHandler.objects.filter(partnership=OuterRef("pk"))),
        cases=Count("grievances", filter=mine), open=Count("grievances", filter=running),
        breached=Count("grievances", filter=running & late)).values(
        "handlers", "cases", "open", "breached").first()
    if row is None or not (row["cases"] or row["handlers"]):
        return None
    return {"open": row["open"], "breached": row["breached"]}


def health_part(figures: dict):
    """Each open breached case costs 35 points (like an open high risk)."""
    from partnering.monitoring.health.parts import Part, clip

    breached, open_cases = figures["breached"], figures["open"]
    if breached:
        detail = ngettext("%(breached)s of %(num)s open grievance is past a published "
                          "deadline.",
                          "%(breached)s of %(num)s open grievances are past a published "
                          "deadline.", open_cases) % {"breached": breached, "num": open_cases}
    else:
        detail = ngettext("%(num)s open grievance, none past a published deadline.",
                          "%(num)s open grievances, none past a published deadline.",
                          open_cases) % {"num": open_cases}
    return Part("grievances", _("Grievances answered on time"), clip(100 - 35 * breached),
                detail,
                _("Answer the breached cases first: tell each complainant where their case "
                  "stands and when they will have an answer, and ask the governance body "
                  "for what the handlers need (IFC Performance Standard 1 asks for "
                  "published timeframes that are kept)."))


def on_grievance_saved(sender, instance, **kwargs) -> None:
    """A case changed: its partnership's health is recomputed at the next look; a new case
    may make its category recurring."""
    partnership_id, category = instance.partnership_id, instance.category
    if partnership_id is None:  # a platform's case: no partnership risk register or health
        return
    mark_health_stale(partnership_id)
    if kwargs.get("created") and not instance.restricted:
        transaction.on_commit(lambda: check_recurring(partnership_id, category))
