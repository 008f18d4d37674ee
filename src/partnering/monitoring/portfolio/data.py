"""The portfolio dashboard of an organisation or the whole platform, over the partnerships a
user may see. Every figure is an aggregate computed by the database (GROUP BY, subqueries):
no rows are loaded into Python to be counted."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from partnering.monitoring.models import HealthSnapshot, Indicator, ProgressReport
from partnering.monitoring.portfolio.labels import localised, phase_label
from partnering.partnerships import access, lifecycle
from partnering.partnerships.models import Membership, Partnership
from partnering.prepared import Prepared
from partnering.reference.countries import country_name
from partnering.reference.models import SdgGoal
from partnering.registry.vocabulary import Sector
from partnering.rows import remembered, remembered_count

PHASE_NAMES = {}
for _path in lifecycle.PATHS.values():
    for _phase in _path.phases:
        PHASE_NAMES.setdefault(_phase.code, f"{_phase.number}. {_phase.name}")
# English (the msgids): the figures are kept for every reader; labels.py translates them.
REPORTING_LABELS = {
    "up_to_date": gettext_noop("Up to date"),
    "late": gettext_noop("Late (no report for a year)"),
    "inactive": gettext_noop("Inactive (no report for two years)")}
HEALTH_BANDS = [
    ("healthy", gettext_noop("Healthy (70–100)")), ("watch", gettext_noop("Watch (40–69)")),
    ("at_risk", gettext_noop("At risk (0–39)")),
    ("not_enough_data", gettext_noop("Not enough data (less than half the weight measured)")),
    ("unknown", gettext_noop("Not computed yet"))]
PARTNERSHIPS = gettext_noop("Partnerships")
NOT_GIVEN = gettext_noop("Not given")
TABLES = ("phase", "sdg", "country", "sector", "reporting", "health", "kpi", "partnerships")


@dataclass
class Portfolio:
    partnerships: int = 0
    tables: dict = field(default_factory=dict)  # name -> (title, header, rows)
    kpi: dict = field(default_factory=dict)
    health_average: float | None = None
    # (path name, [(phase label, partnerships)]) in lifecycle order, a path per group
    phase_groups: list = field(default_factory=list)
    # Partnerships whose latest index could not be given: too few parts measured.
    health_not_covered: int = 0
    # When the whole platform's figures were computed (None: just now, for this request).
    computed_at: datetime | None = None


def phase_groups(counts: dict[str, int]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Partnerships per phase in the order of the lifecycle, the generic cycle and the
    innovation path apart; a path shows when at least one partnership is on it, with
    every one of its phases. Phases no path knows (data from before a change) come last."""
    groups, known = [], set()
    for path in lifecycle.PATHS.values():
        codes = [phase.code for phase in path.phases]
        known.update(codes)
        if any(counts.get(code) for code in codes):
            groups.append((path.name, [(PHASE_NAMES[code], counts.get(code, 0))
                                       for code in codes]))
    unknown = sorted((code, n) for code, n in counts.items() if code not in known and n)
    if unknown:
        groups.append((gettext_noop("Other"), unknown))
    return groups


def visible_partnerships(user, *, organisation: int | None = None, sdg: int | None = None,
                         phase: str | None = None):
    qs = access.visible_partnerships(user)
    if organisation:
        qs = qs.filter(pk__in=Membership.objects.filter(organisation_id=organisation)
                       .values("partnership_id"))
    if sdg:
        qs = qs.filter(pk__in=Partnership.sdg_goals.through.objects.filter(
            sdggoal__number=sdg).values("partnership_id"))
    if phase:
        qs = qs.filter(phase=phase)
    return qs


class DateOf(TruncDate):
    """TruncDate, done by SQLite's own date() when no time-zone shift is needed (the usual
    case: the site's zone is the database's, UTC). Django's SQLite TruncDate calls a Python
    function per row: 95 ms over 10,000 partnerships, against 1 ms for date()."""

    def as_sqlite(self, compiler, connection, **extra_context):
        if self.get_tzname() != connection.timezone_name:
            return super().as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        return f"date({sql})", params


def with_reporting_and_health(qs, today=None):
    """Annotate the reporting status (as in queries.reporting_status) and the latest health
    index, both computed in the database."""
    today = today or timezone.localdate()
    return with_reporting_since(qs, today - timedelta(days=365), today - timedelta(days=730))


def with_reporting_since(qs, up_to_date_since, late_since):
    """`with_reporting_and_health`, the reporting status read against these two days (a
    last report since `up_to_date_since`: up to date; since `late_since`: late)."""
    last_report = ProgressReport.objects.filter(partnership=OuterRef("pk")).order_by(
        "-submitted_on").values("submitted_on")[:1]
    latest_health = HealthSnapshot.objects.filter(partnership=OuterRef("pk")).order_by(
        "-computed_on").values("index")[:1]
    return qs.annotate(
        since=Coalesce(Subquery(last_report), F("start_date"), DateOf("created")),
        health=Subquery(latest_health, output_field=FloatField()),
        health_computed=Exists(HealthSnapshot.objects.filter(partnership=OuterRef("pk"))),
    ).annotate(
        reporting=Case(When(since__gte=up_to_date_since, then=Value("up_to_date")),
                       When(since__gte=late_since, then=Value("late")),
                       default=Value("inactive"), output_field=CharField()),
        band=Case(When(health__gte=70, then=Value("healthy")),
                  When(health__gte=40, then=Value("watch")),
                  When(health__isnull=False, then=Value("at_risk")),
                  When(health_computed=True, then=Value("not_enough_data")),
                  default=Value("unknown"), output_field=CharField()),
    )


def kpi_progress(ids) -> dict:
    """Indicators of these partnerships and their mean progress towards the final target,
    (latest − baseline) / (final − baseline) clipped to 0..1, as stored on each indicator
    (summaries.refresh_indicators), averaged in the database."""
    figures = Indicator.objects.filter(partnership__in=ids).aggregate(
        indicators=Count("pk"), with_progress=Count("progress"), average=Avg("progress"),
        queried=Sum("queried_values"))
    return {"indicators": figures["indicators"], "with_progress": figures["with_progress"],
            "average_progress": figures["average"], "queried_values": figures["queried"] or 0}


def _sdg_counts(ids, everything: bool):
    """SDGs with their number of partnerships (those with none left out)."""
    if everything:
        return SdgGoal.objects.annotate(n=Count("partnerships")).filter(n__gt=0)
    return SdgGoal.objects.filter(partnerships__in=ids).annotate(n=Count("partnerships"))


def _member_tables(result: Portfolio, members) -> None:
    """Partnerships by their members' country, and the sector mix of memberships."""
    by_country = (members.values("organisation__country")
                  .annotate(n=Count("partnership", distinct=True)).order_by("-n")[:30])
    result.tables["country"] = (
        gettext_noop("Partnerships by country of their members"),
        (gettext_noop("Country"), PARTNERSHIPS),
        [(country_name(r["organisation__country"]) or NOT_GIVEN, r["n"])
         for r in by_country])
    sectors = {code: str(label) for code, label in Sector.choices}
    by_sector = members.values("organisation__sector").annotate(n=Count("pk")).order_by("-n")
    result.tables["sector"] = (
        gettext_noop("Sector mix of members"),
        (gettext_noop("Sector"), gettext_noop("Memberships")),
        [(sectors.get(r["organisation__sector"], r["organisation__sector"] or NOT_GIVEN), r["n"])
         for r in by_sector])


def _reporting_and_health_tables(result: Portfolio, qs, today=None) -> None:
    """Reporting status and health band, counted in one query: an inner query finds each
    partnership's last report (a join, grouped), latest index and whether it has one; the
    outer one counts over those columns, each computed once per partnership."""
    today = today or timezone.localdate()
    year, two = today - timedelta(days=365), today - timedelta(days=730)
    latest_health = HealthSnapshot.objects.filter(partnership=OuterRef("pk")).order_by(
        "-computed_on").values("index")[:1]
    inner = qs.annotate(
        since=Coalesce(Max("progress_reports__submitted_on"), F("start_date"),
                       DateOf("created")),
        health=Subquery(latest_health, output_field=FloatField()),
        health_computed=Exists(HealthSnapshot.objects.filter(partnership=OuterRef("pk"))))
    known = Q(health__isnull=False)
    counts = inner.aggregate(
        up_to_date=Count("pk", filter=Q(since__gte=year)),
        late=Count("pk", filter=Q(since__lt=year, since__gte=two)),
        inactive=Count("pk", filter=Q(since__lt=two)),
        healthy=Count("pk", filter=Q(health__gte=70)),
        watch=Count("pk", filter=Q(health__gte=40, health__lt=70)),
        at_risk=Count("pk", filter=Q(health__lt=40)),
        not_enough_data=Count("pk", filter=~known & Q(health_computed=True)),
        unknown=Count("pk", filter=~known & Q(health_computed=False)),
        average=Avg("health"))
    result.tables["reporting"] = (gettext_noop("Reporting status"),
                                  (gettext_noop("Status"), PARTNERSHIPS),
                                  [(label, counts[code])
                                   for code, label in REPORTING_LABELS.items()])
    result.tables["health"] = (gettext_noop("Health index (latest computed)"),
                               (gettext_noop("Band"), PARTNERSHIPS),
                               [(label, counts[code]) for code, label in HEALTH_BANDS])
    # Only partnerships with an index (enough of the weight measured) enter the mean.
    result.health_average = counts["average"]
    result.health_not_covered = counts["not_enough_data"]


def portfolio(user, *, organisation=None, sdg=None, phase=None) -> Portfolio:
    qs = visible_partnerships(user, organisation=organisation, sdg=sdg, phase=phase)
    if not qs.query.has_filters():
        # Every partnership (a platform admin, no filter): the figures kept for the
        # whole platform (monitoring/rollup/platform.py).
        from partnering.monitoring.rollup.platform import platform_portfolio

        return platform_portfolio(lambda: compute_portfolio(qs), localised)
    return localised(compute_portfolio(qs))


@translation.override("en")
def compute_portfolio(qs) -> Portfolio:
    """The figures over these partnerships, aggregated by the database."""
    ids = qs.values("pk")
    # Every partnership: no "among these" test on each row.
    everything = not qs.query.has_filters()
    result = Portfolio(partnerships=qs.count())
    by_phase = dict(qs.values("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    result.phase_groups = phase_groups(by_phase)
    result.tables["phase"] = (gettext_noop("Partnerships by phase"),
                              (gettext_noop("Phase"), PARTNERSHIPS),
                              [(f"{path}: {label}", n)
                               for path, rows in result.phase_groups for label, n in rows])
    by_sdg = (_sdg_counts(ids, everything).order_by("number")
              .values_list("number", "short_title", "n"))
    result.tables["sdg"] = (gettext_noop("Partnerships by SDG"),
                            (gettext_noop("SDG"), PARTNERSHIPS),
                            [(f"SDG {n}: {title}", count) for n, title, count in by_sdg])
    members = Membership.objects.all() if everything else Membership.objects.filter(
        partnership__in=ids)
    _member_tables(result, members)
    _reporting_and_health_tables(result, qs)
    result.kpi = kpi_progress(ids)
    average = result.kpi["average_progress"]
    result.tables["kpi"] = (gettext_noop("KPI progress"),
                            (gettext_noop("Figure"), gettext_noop("Value")), [
        (gettext_noop("Indicators"), result.kpi["indicators"]),
        (gettext_noop("Indicators with a baseline, a target and a value"),
         result.kpi["with_progress"]),
        (gettext_noop("Mean progress towards the final target"),
         gettext_noop("unknown") if average is None else f"{average * 100:.0f} %"),
        (gettext_noop("Values queried by a member, not counted until corrected or confirmed"),
         result.kpi["queried_values"])])
    return result


def partnership_rows(user, *, organisation=None, sdg=None, phase=None):
    """One row per partnership (title, phase, reporting status, health), for the table and
    its export; a queryset of dicts, to be paginated or streamed."""
    qs = visible_partnerships(user, organisation=organisation, sdg=sdg, phase=phase)
    return _rows(qs)


def _rows(qs, today=None):
    today = today or timezone.localdate()
    return _rows_since(qs, today - timedelta(days=365), today - timedelta(days=730))


def _rows_since(qs, up_to_date_since, late_since):
    return (with_reporting_since(qs, up_to_date_since, late_since)
            .annotate(indicator_count=Subquery(
                Indicator.objects.filter(partnership=OuterRef("pk")).values("partnership")
                .annotate(c=Count("pk")).values("c")))
            .order_by("title", "pk")
            .values("pk", "title", "phase", "visibility", "reporting", "health",
                    "indicator_count"))


PAGE_SIZE = 25


class PagedRows:
    """partnership_rows for a Paginator: the page's partnerships are found first (by title),
    and only those get their reporting status, health and indicators, not every one; all in
    one query, whose SQL is written once per process for the unfiltered first page."""

    def __init__(self, user, **filters):
        self.user, self.filtered = user, any(filters.values())
        self.qs = visible_partnerships(user, **filters)

    def count(self) -> int:
        """Remembered until the data changes: the pager's COUNT ran over every partnership
        on each request. Unfiltered, the key names the viewer's kind (a superuser sees every
        partnership) without compiling the query."""
        if self.filtered or not self.user.is_authenticated:
            return remembered_count(self.qs)
        viewer = None if self.user.is_superuser else self.user.pk
        return remembered(("portfolio_partnerships", viewer), self.qs.count)

    def __getitem__(self, item: slice) -> list[dict]:
        today = timezone.localdate()
        if not self.filtered and (item.start, item.stop) == (0, PAGE_SIZE):
            since = (today - timedelta(days=365), today - timedelta(days=730))
            if self.user.is_superuser:
                return _FIRST_PAGE_ALL("all", *since)
            if self.user.is_authenticated:
                return _FIRST_PAGE_VISIBLE("visible", self.user.pk, *since)
        page = self.qs.order_by("title", "pk").values("pk")[item]
        return list(_rows(Partnership.objects.filter(pk__in=page), today))


def _first_page(user, up_to_date_since, late_since):
    page = (access.visible_partnerships(user).order_by("title", "pk")
            .values("pk")[:PAGE_SIZE])
    return _rows_since(Partnership.objects.filter(pk__in=page), up_to_date_since, late_since)


def _user(**fields):
    from django.contrib.auth import get_user_model

    return get_user_model()(**fields)


_FIRST_PAGE_ALL = Prepared(lambda _key, up, late: _first_page(
    _user(is_superuser=True), up, late), date, date)
_FIRST_PAGE_VISIBLE = Prepared(lambda _key, user_id, up, late: _first_page(
    _user(pk=user_id, is_superuser=False), up, late), int, date, date)


def partnership_table_row(row: dict) -> tuple:
    return (row["title"], phase_label(PHASE_NAMES.get(row["phase"], row["phase"])),
            gettext(REPORTING_LABELS[row["reporting"]]),
            "" if row["health"] is None else round(row["health"]),
            row["indicator_count"] or 0)


def partnership_header() -> tuple:
    return (gettext("Partnership"), gettext("Phase"), gettext("Reporting"),
            gettext("Health index"), gettext("Indicators"))


def reporting_reminders(user, today=None) -> list[dict]:
    """The user's active partnerships whose progress report is due within a month or
    overdue, in one query whose SQL is written once per process (for the dashboard)."""
    from partnering.monitoring.queries import REMIND_BEFORE, REPORT_EVERY

    today = today or timezone.localdate()
    rows = _REMINDERS("reminders", user.pk, today - timedelta(days=365),
                      today - timedelta(days=730), today - REPORT_EVERY + REMIND_BEFORE)
    return [{**row, "next_due": row["since"] + REPORT_EVERY,
             "status_label": gettext(REPORTING_LABELS[row["reporting"]])} for row in rows]


def _reminders(_key, user_id: int, up_to_date_since, late_since, due_since):
    from partnering.partnerships.vocabulary import Status

    mine = Partnership.objects.involving(_user(pk=user_id)).filter(
        status=Status.ACTIVE)
    return (with_reporting_since(mine, up_to_date_since, late_since)
            .filter(since__lte=due_since)
            .order_by("since", "pk").values("pk", "title", "since", "reporting")[:50])


_REMINDERS = Prepared(_reminders, int, date, date, date)
