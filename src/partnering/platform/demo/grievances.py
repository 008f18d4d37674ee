"""Grievances (section `grievances`): each case file's published service levels (business
days to acknowledge, respond and resolve by severity), its time zone and holidays, its
named handlers, and cases walked through the grievance services: Safe Childhoods' family
complaint about referral delays (resolved on time, upheld with a remedy, confirmed) and an
anonymous safeguarding concern (restricted to the handlers); a Khayelitsha resident's
complaint about a broken tap (breached, escalated by the clock job).

Cases are filed and handled through the services (each step as its handler would do it)
and then moved back in time: a case `days_ago`, each step `day` days after it was received;
the clocks are worked out again for the moved date, with the partnership's calendar. The
service levels, settings and handlers are configuration, written as the admin would."""

from datetime import date, timedelta

from django.utils import timezone

from partnering.grievances import clocks, reminders, services
from partnering.grievances.models import (
    Grievance,
    GrievanceEvent,
    GrievanceHandler,
    GrievanceMessage,
    GrievanceSettings,
    Holiday,
    ServiceLevel,
)
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases
from partnering.platform.demo.loader import at
from partnering.platforms.models import Platform

STAMPS = ("acknowledged_at", "responded_at", "resolved_at", "closed_at", "escalated_at")


def load(loader) -> None:
    for case in cases():
        spec = case.section("grievances")
        if not spec:
            continue
        partnership = Partnership.objects.get(title=case.title)
        configure(loader, partnership, spec)
        for case_spec in spec.get("cases", []):
            _Case(loader, partnership, case_spec).load()
    reminders.run()  # the clock job: reminders and escalations, as the hourly job would


def load_platforms(loader) -> None:
    """Grievances about a platform (the `grievances` part of a case's `platform` section):
    its service levels in its own time zone, its holidays, and cases handled by its
    secretariat (the default handlers when it names none)."""
    for case in cases():
        spec = (case.section("platform") or {}).get("grievances")
        if not spec:
            continue
        platform = Platform.objects.get(title=case.section("platform")["title"])
        configure(loader, None, spec, platform=platform)
        for case_spec in spec.get("cases", []):
            _Case(loader, None, case_spec, platform=platform).load()
    reminders.run()


def configure(loader, partnership, spec: dict, platform=None) -> None:
    owner = {"partnership": partnership, "platform": platform}
    GrievanceSettings.objects.create(**owner, time_zone=spec["time_zone"])
    for year in (loader.today.year - 1, loader.today.year, loader.today.year + 1):
        for holiday in spec.get("holidays", []):
            month, day = (int(n) for n in holiday["date"].split("-"))
            Holiday.objects.create(**owner, date=date(year, month, day), name=holiday["name"])
    for severity, days in spec["service_levels"].items():
        level = ServiceLevel(**owner, severity=severity, acknowledge_days=days[0],
                             respond_days=days[1], resolve_days=days[2])
        level.full_clean()
        level.save()
    for handler in spec.get("handlers", []):
        GrievanceHandler.objects.create(**owner, role=handler["role"],
                                        user=loader.users[handler["user"]])


class _Case:
    def __init__(self, loader, partnership, spec: dict, platform=None):
        self.loader, self.partnership, self.spec = loader, partnership, spec
        self.owner = {"partnership": partnership, "platform": platform}
        self.received = at(loader.ago(spec["days_ago"]), spec.get("hour", 10))

    def moment(self, day: float):
        return self.received + timedelta(days=day)

    def load(self) -> None:
        spec = self.spec
        about = self.loader.orgs[spec["about"]] if spec.get("about") else None
        complainant = spec.get("complainant", {})
        actor = self.loader.users[spec["entered_by"]] if spec.get("entered_by") else None
        start = timezone.now()
        filed = services.file_grievance(
            self.partnership, platform=self.owner["platform"], actor=actor,
            channel=spec.get("channel", "web"),
            about_organisation=about, category=spec["category"],
            severity=spec.get("severity", "standard"), description=spec["description"],
            language=spec.get("language", "en"), anonymous=spec.get("anonymous", False),
            complainant_name=complainant.get("name", ""),
            complainant_contact=complainant.get("contact", ""))
        self.grievance = filed.grievance
        self.move_received(start)
        for step in spec.get("steps", []):
            self.step(step)

    def move_received(self, start) -> None:
        g = self.grievance
        calendar = clocks.calendar_for(**self.owner)
        days = clocks.service_levels(**self.owner)[g.severity]
        dues = clocks.due_dates(calendar, self.received, days)
        Grievance.objects.filter(pk=g.pk).update(
            received_at=self.received, **{f"{clock}_due": due for clock, due in dues.items()})
        GrievanceEvent.objects.filter(grievance=g, at__gte=start).update(at=self.received)

    def step(self, step: dict) -> None:
        users = self.loader.users
        g = Grievance.objects.get(pk=self.grievance.pk)
        by = users[step.get("by", "")] if step.get("by") else None
        start = timezone.now()
        match step["do"]:
            case "acknowledge":
                services.acknowledge(by, g, note=step.get("note", ""))
            case "assign":
                services.assign(by, g, users[step["to"]])
            case "ask":
                services.ask(by, g, text=step["text"], is_question=step.get("question", True))
            case "reply":
                services.complainant_reply(g, text=step["text"])
            case "resolve":
                services.resolve(by, g, outcome=step["outcome"], remedy=step.get("remedy", ""))
            case "confirm":
                services.confirm_closure(g)
        self.move_step(start, self.moment(step["day"]))

    def move_step(self, start, when) -> None:
        """Whatever the step stamped `now` is stamped with the step's day instead."""
        g = Grievance.objects.get(pk=self.grievance.pk)
        moved = {name: when for name in STAMPS
                 if getattr(g, name) is not None and getattr(g, name) >= start}
        if moved:
            Grievance.objects.filter(pk=g.pk).update(**moved)
        GrievanceEvent.objects.filter(grievance=g, at__gte=start).update(at=when)
        GrievanceMessage.objects.filter(grievance=g, at__gte=start).update(at=when)
