"""Business-day clocks of a grievance, in the partnership's time zone.

A clock started at moment T with N business days falls due at the end of the N-th business
day after T's local day (23:59:59.999999 local time), whatever the hour of T: a case received
on Friday evening with one day to be acknowledged is due at the end of Monday. Business days
are Monday to Friday, less the partnership's holidays.

A running clock is
- **breached** once its due moment has passed;
- **at risk** when at most one business day is left (the due day is today or the next
  business day) or 75 % of its time has elapsed, whichever comes first;
- **on track** otherwise.
A stopped clock is **met** when it stopped on time and **met late** when after its due
moment."""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from partnering.grievances.vocabulary import (
    DEFAULT_SERVICE_LEVELS,
    DEFAULT_TIME_ZONE,
    Clock,
    ClockStatus,
)

AT_RISK_SHARE = 0.75
AT_RISK_DAYS_LEFT = 1


@dataclass(frozen=True)
class Calendar:
    """A partnership's working calendar: its time zone and holidays."""

    zone: zoneinfo.ZoneInfo
    holidays: frozenset[date] = frozenset()

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def add_business_days(self, start: date, days: int) -> date:
        """The `days`-th business day after `start` (not counting `start` itself)."""
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            if self.is_business_day(day):
                left -= 1
        return day

    def business_days_between(self, first: date, last: date) -> int:
        """Business days after `first` up to and including `last` (0 when last ≤ first)."""
        count, day = 0, first
        while day < last:
            day += timedelta(days=1)
            count += self.is_business_day(day)
        return count

    def end_of(self, day: date) -> datetime:
        return datetime.combine(day, time.max, tzinfo=self.zone)

    def due(self, start: datetime, days: int) -> datetime:
        """When a clock of `days` business days started at `start` falls due."""
        return self.end_of(self.add_business_days(self.local_day(start), days))


def owner_filter(partnership=None, platform=None) -> dict:
    """The filter of a mechanism's rows: the platform's when given, else the partnership's
    (each an instance or an id)."""
    return {"platform": platform} if platform is not None else {"partnership": partnership}


def _platform_zone(platform) -> str:
    from partnering.platforms.models import Platform

    if isinstance(platform, Platform):
        return platform.time_zone
    return Platform.objects.filter(pk=platform).values_list("time_zone", flat=True).first()


def calendar_for(partnership=None, *, platform=None) -> Calendar:
    """The partnership's (or platform's) calendar: its settings' time zone (for a platform,
    the platform's own time zone by default) and its holidays."""
    from partnering.grievances.models import GrievanceSettings, Holiday

    owner = owner_filter(partnership, platform)
    zone_name = (GrievanceSettings.objects.filter(**owner)
                 .values_list("time_zone", flat=True).first())
    if not zone_name and platform is not None:
        zone_name = _platform_zone(platform)
    holidays = Holiday.objects.filter(**owner).values_list("date", flat=True)
    try:
        zone = zoneinfo.ZoneInfo(zone_name or DEFAULT_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)
    return Calendar(zone, frozenset(holidays))


def calendar_of(grievance) -> Calendar:
    """The calendar of the case's partnership or platform."""
    return calendar_for(grievance.partnership_id, platform=grievance.platform_id)


def service_levels(partnership=None, *, platform=None) -> dict[str, tuple[int, int, int]]:
    """Severity → (acknowledge, respond, resolve) business days: the partnership's (or
    platform's) published levels, the defaults for severities it has not set."""
    from partnering.grievances.models import ServiceLevel

    levels = {str(k): v for k, v in DEFAULT_SERVICE_LEVELS.items()}
    for level in ServiceLevel.objects.filter(**owner_filter(partnership, platform)):
        levels[level.severity] = (level.acknowledge_days, level.respond_days,
                                  level.resolve_days)
    return levels


def due_dates(calendar: Calendar, received_at: datetime,
              days: tuple[int, int, int]) -> dict[str, datetime]:
    """The three clocks' due moments for a case received at `received_at`."""
    return {clock: calendar.due(received_at, n) for clock, n in zip(Clock.values, days,
                                                                      strict=True)}


def status(calendar: Calendar, started: datetime, due: datetime | None,
           stopped: datetime | None = None, now: datetime | None = None) -> str | None:
    """One clock's status (ClockStatus), None for a clock without a due moment."""
    if due is None:
        return None
    if stopped is not None:
        return ClockStatus.MET if stopped <= due else ClockStatus.MISSED
    now = now or timezone.now()
    if now > due:
        return ClockStatus.BREACHED
    left = calendar.business_days_between(calendar.local_day(now), calendar.local_day(due))
    total = (due - started).total_seconds()
    elapsed = (now - started).total_seconds()
    if left <= AT_RISK_DAYS_LEFT or (total > 0 and elapsed / total >= AT_RISK_SHARE):
        return ClockStatus.AT_RISK
    return ClockStatus.ON_TRACK


@dataclass(frozen=True)
class ClockView:
    clock: str
    label: str
    due: datetime | None
    stopped: datetime | None
    status: str | None
    due_day: date | None = None  # the due day in the partnership's time zone

    @property
    def status_label(self) -> str:
        return str(ClockStatus(self.status).label) if self.status else ""


STOPPED_BY = {Clock.ACKNOWLEDGE: "acknowledged_at", Clock.RESPOND: "responded_at",
              Clock.RESOLVE: "resolved_at"}


def clocks_of(grievance, calendar: Calendar, now: datetime | None = None) -> list[ClockView]:
    """The case's three clocks with their status. A closed case's unstopped clocks stop
    when it closed."""
    now = now or timezone.now()
    views = []
    for clock in Clock:
        due = getattr(grievance, f"{clock.value}_due")
        stopped = getattr(grievance, STOPPED_BY[clock]) or grievance.closed_at
        views.append(ClockView(
            clock.value, str(clock.label), due, stopped,
            status(calendar, grievance.received_at, due, stopped, now),
            calendar.local_day(due) if due else None))
    return views


def worst(views: list[ClockView]) -> str | None:
    """The most urgent status among running clocks (for lists): breached, at risk, on
    track; None when every clock has stopped."""
    running = {view.status for view in views}
    for candidate in (ClockStatus.BREACHED, ClockStatus.AT_RISK, ClockStatus.ON_TRACK):
        if candidate in running:
            return candidate
    return None
