"""Read-side queries shared by pages and the API, each a fixed number of SQL queries."""

from collections import defaultdict

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When

from partnering.partnerships import lifecycle
from partnering.partnerships.access import visible_partnerships
from partnering.partnerships.models import Membership, Partnership, Representative
from partnering.partnerships.vocabulary import ItemStatus, MemberRole, Status
from partnering.prepared import Prepared
from partnering.registry.models import Person
from partnering.rows import FirstPageRows, Labels, Rows, attach_many, fetch, placeholders
from partnering.translations.rows import attach_translations


def partnership_list(user, *, q: str = "", phase: str = "", sdg: int | None = None,
                     status: str = "", mine: bool = False, public_only: bool = False,
                     country: str = ""):
    partnerships = visible_partnerships(user)
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
    return partnerships.order_by("title", "id")


PARTNERSHIP_COLUMNS = [
    "id", "title", "problem_statement", "scope", "countries", "geography", "formality",
    "funding", "duration", "stakeholder_mix", "level", "visibility", "path", "phase", "status",
    "status_reason", "start_date", "end_date", "created", "updated", "language",
]
STATUS_LABELS = Labels(lambda: dict(Status.choices))
# (path, phase) → (number, name) for every phase of every lifecycle path.
PHASE_LABELS = Labels(lambda: {(path.code, phase.code): (phase.number, str(phase.name))
                               for path in lifecycle.PATHS.values() for phase in path.phases})
# Written once rather than compiled by the ORM for every list (portable SQL).
_MEMBER_COUNTS = (f"SELECT partnership_id, COUNT(*) FROM {Membership._meta.db_table} "  # noqa: S608
                  "WHERE partnership_id IN ({ids}) GROUP BY partnership_id")


def _lifecycle_labels(rows: list[dict]) -> None:
    phases, statuses = PHASE_LABELS(), STATUS_LABELS()
    for row in rows:
        row["phase_number"], row["phase_name"] = phases[row["path"], row["phase"]]
        row["status_label"] = statuses.get(row["status"], row["status"])


def _member_counts(rows: list[dict]) -> None:
    ids = [row["id"] for row in rows]
    counts = dict(fetch(_MEMBER_COUNTS.format(ids=placeholders(ids)), ids)) if ids else {}
    for row in rows:
        row["member_count"] = counts.get(row["id"], 0)


# What a list page shows (the `partnership_rows` macro): no long texts, no SDG targets.
PAGE_COLUMNS = ["id", "title", "language", "visibility", "path", "phase", "status"]


_SDG_GOALS = attach_many(Partnership.sdg_goals.through.objects, "partnership_id",
                         "sdggoal__number", "sdg_goals")
_SDG_TARGETS = attach_many(Partnership.sdg_targets.through.objects, "partnership_id",
                           "sdgtarget__code", "sdg_targets")
_TRANSLATIONS = attach_translations("partnership")


def partnership_rows(partnerships, columns: list[str] = PARTNERSHIP_COLUMNS, *,
                     targets: bool = True, translations: bool = False) -> Rows:
    """Partnerships as plain rows with SDG goals (and targets), phase names and member
    counts; a page passes only the `columns` it shows (with "language" when it asks for
    the `translations` of its titles into the reader's language, loaded with the rows)."""
    attach = [_SDG_GOALS, *([_SDG_TARGETS] if targets else []),
              *([_TRANSLATIONS] if translations else [])]
    return Rows(partnerships, columns, (*attach, _lifecycle_labels, _member_counts),
                remember_count=True)


def listed_partnerships(user, columns: list[str] = PARTNERSHIP_COLUMNS, *,
                        targets: bool = True, translations: bool = False,
                        public_only: bool = False, **filters) -> Rows:
    """`partnership_rows(partnership_list(user, ...))`; unfiltered, its first page is read
    with prepared SQL and its count is remembered, so a plain list builds no query."""
    if any(filters.values()):
        return partnership_rows(partnership_list(user, public_only=public_only, **filters),
                                columns, targets=targets, translations=translations)
    kind = _viewer_kind(user)
    arguments = (user.pk,) if kind == "member" else ()
    prepared = _FIRST_PAGE if arguments else _FIRST_PAGE_OPEN
    fields = tuple(columns)
    return FirstPageRows(
        lambda: partnership_list(user, public_only=public_only), columns,
        partnership_rows(Partnership.objects.none(), columns, targets=targets,
                         translations=translations).attach,
        first_page=lambda limit: prepared((kind, public_only, fields, limit), *arguments),
        count_key=("partnership_list", kind, public_only, *arguments))


def _viewer_kind(user) -> str:
    if not user.is_authenticated:
        return "anonymous"
    return "superuser" if user.is_superuser else "member"


def _first_page(key, *user_id) -> QuerySet:
    """The first page of the unfiltered list as `partnership_list` writes it, for a
    stand-in viewer of the key's kind (so visibility is decided by `visible_to` alone)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    kind, public_only, fields, limit = key
    viewer = AnonymousUser() if kind == "anonymous" else get_user_model()(
        pk=user_id[0] if user_id else None, is_superuser=kind == "superuser", is_active=True)
    return partnership_list(viewer, public_only=public_only).values(*fields)[:limit]


_FIRST_PAGE = Prepared(_first_page, int)
_FIRST_PAGE_OPEN = Prepared(_first_page)


ROLE_ORDER = Case(*[When(role=role, then=Value(i)) for i, role in enumerate(MemberRole.values)],
                  default=Value(99))


def members_of(partnership: Partnership):
    """Members, lead partner first, then core partners, associates and observers."""
    return (Membership.objects.filter(partnership=partnership)
            .select_related("organisation")
            .order_by(ROLE_ORDER, "organisation__name")
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
