"""Read-side queries shared by pages and the API, each a fixed number of SQL queries."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from partnering.partnerships.models import Membership, Partnership, Representative
from partnering.partnerships.vocabulary import ItemStatus
from partnering.registry.models import Person


def partnership_list(user, *, q: str = "", phase: str = "", sdg: int | None = None,
                     status: str = "", mine: bool = False, public_only: bool = False,
                     country: str = ""):
    partnerships = Partnership.objects.visible_to(user)
    if public_only:
        partnerships = partnerships.filter(visibility="public")
    if mine:
        partnerships = partnerships.involving(user)
    for word in q.split()[:8]:
        partnerships = partnerships.filter(Q(title__icontains=word)
                                           | Q(problem_statement__icontains=word))
    if phase:
        partnerships = partnerships.filter(phase=phase)
    if sdg:
        partnerships = partnerships.filter(sdg_goals__number=sdg)
    if status:
        partnerships = partnerships.filter(status=status)
    if country:
        # Countries are a short JSON list; a text match on the quoted code is portable
        # across SQLite and PostgreSQL.
        partnerships = partnerships.filter(countries__icontains=f'"{country.upper()}"')
    return partnerships.prefetch_related("sdg_goals", "sdg_targets").order_by("title", "id")


def with_member_counts(partnerships):
    return partnerships.annotate(member_count=Count("memberships", distinct=True))


def members_of(partnership: Partnership):
    return (Membership.objects.filter(partnership=partnership)
            .select_related("organisation")
            .prefetch_related(Prefetch("representatives",
                                       queryset=Representative.objects.select_related("person"))))


def representative_candidates(partnership: Partnership, memberships) -> dict:
    """People of each member organisation who do not represent it yet, in one query."""
    candidates = defaultdict(list)
    people = Person.objects.filter(
        organisation_id__in=[m.organisation_id for m in memberships],
    ).exclude(representations__membership__partnership=partnership).order_by("name")
    for person in people:
        candidates[person.organisation_id].append(person)
    return candidates


def checklist_by_phase(partnership: Partnership) -> dict:
    by_phase = defaultdict(list)
    for item in partnership.checklist.all():
        by_phase[item.phase].append(item)
    return by_phase


def checklist_progress(items) -> dict:
    total = len(items)
    settled = sum(1 for item in items if item.status != ItemStatus.OPEN)
    return {"total": total, "settled": settled,
            "percent": round(100 * settled / total) if total else 100}
