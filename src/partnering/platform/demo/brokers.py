"""Brokers (people-power.yaml: `roster`, `assignments`, `logbook`): the broker roster with
accreditations (Ruth Achieng, external and accredited by the Partnership Brokers Association;
Selma Mujić, World Vision BiH's internal broker; independent brokers accredited and not),
the terms of reference of the brokers seated in Safe Childhoods and the Connectivity
dialogue, and Ruth's reflective log book: weekly entries citing the meetings, decisions and
agreement versions the cases made, submitted and locked, a draft, an addendum, her mentor's
comments and the examiner's first marks. Everything goes through the brokers' services; the
services stamp "now", so what happened earlier is backdated afterwards."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from partnering.brokers.assignments import services as assignments
from partnering.brokers.logbook import services as logbook
from partnering.brokers.logbook.models import Addendum, LogComment, LogEntry
from partnering.brokers.roster import services as roster
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import case, people_power
from partnering.platform.demo.loader import at
from partnering.registry import services as registry

PROFILE_KEYS = ("kind", "bio", "languages", "countries", "sectors", "specialties", "listed")


def account(loader, key: str):
    """A persona's account, or the account of a person of the demo (made on first use, with
    no usable password: the person signs in by resetting it)."""
    if key in loader.users:
        return loader.users[key]
    person = loader.people[key]
    person.refresh_from_db()
    if person.user_id:
        return person.user
    users = get_user_model().objects
    username = key if not users.filter(username=key).exists() else f"{key}.{person.pk}"
    first, _, last = person.name.partition(" ")
    user = users.create_user(username=username, password=None, email=person.email,
                             first_name=first, last_name=last)
    registry.update_person(loader.users["admin"], person, user=user)
    return user


def load(loader) -> None:
    spec = people_power()
    loader.brokers = {}
    for item in spec["roster"]:
        loader.brokers[item["person"]] = _profile(loader, item)
    for item in spec["assignments"]:
        _assignment(loader, item)
    _LogBook(loader, spec["logbook"]).load()


def _profile(loader, item: dict):
    admin = loader.users["admin"]
    person = loader.people[item["person"]]
    fields = {key: item[key] for key in PROFILE_KEYS if key in item}
    profile = roster.create_profile(
        admin, person=person, organisation=loader.orgs[item["organisation"]],
        days_per_month=Decimal(str(item["days_per_month"])),
        mentor=loader.people[item["mentor"]] if item.get("mentor") else None, **fields)
    for accreditation in item.get("accreditations", []):
        roster.add_accreditation(
            admin, profile, level=accreditation["level"],
            awarded=loader.ago(accreditation["awarded"]),
            expires=loader.ago(accreditation["expires"]))
    return profile


def _assignment(loader, item: dict):
    partnership = Partnership.objects.get(title=case(item["case"]).title)
    return assignments.assign(
        loader.users[item["by"]], partnership, loader.brokers[item["broker"]],
        terms_of_reference=item["terms_of_reference"], start=loader.ago(item["start"]),
        end=loader.ago(item["end"]), days_per_month=Decimal(str(item["days_per_month"])))


class _LogBook:
    def __init__(self, loader, spec: dict):
        self.loader, self.spec = loader, spec
        self.profile = loader.brokers[spec["broker"]]
        self.broker = loader.users[spec["by"]]

    def load(self) -> None:
        admin = self.loader.users["admin"]
        book = logbook.open_logbook(admin, self.profile,
                                    examiner=self.loader.people[self.spec["examiner"]])
        account(self.loader, self.spec["examiner"])
        this_monday = logbook.monday(self.loader.today)
        for item in sorted(self.spec["entries"], key=lambda e: -e["weeks_ago"]):
            self.entry(book, this_monday - timedelta(weeks=item["weeks_ago"]), item)
        for item in self.spec.get("marks", []):
            logbook.mark(account(self.loader, item["by"]), book, criterion=item["criterion"],
                         mark=item["mark"], comment=item["comment"])

    def entry(self, book, week, item: dict) -> None:
        entry = logbook.write_entry(self.broker, book, week=week, **{
            name: item.get(name, "") for name in logbook.ENTRY_FIELDS})
        for cited in item.get("cites", []):
            kind, object_id = self.event(cited)
            logbook.cite(self.broker, entry, kind=kind, object_id=object_id)
        LogEntry.objects.filter(pk=entry.pk).update(created=at(week, 17), updated=at(week, 17))
        if "submitted" not in item:
            return
        logbook.submit_entry(self.broker, entry)
        LogEntry.objects.filter(pk=entry.pk).update(
            submitted_at=at(self.loader.ago(item["submitted"]), 18))
        for addendum in item.get("addenda", []):
            made = logbook.add_addendum(self.broker, entry, text=addendum["text"])
            Addendum.objects.filter(pk=made.pk).update(
                created=at(self.loader.ago(addendum["days_ago"]), 19))
        for comment in item.get("comments", []):
            made = logbook.comment(account(self.loader, comment["by"]), entry,
                                   text=comment["text"])
            LogComment.objects.filter(pk=made.pk).update(
                created=at(self.loader.ago(comment["days_ago"]), 11))

    def event(self, cited: dict) -> tuple[str, int]:
        """A cited event: a meeting by its purpose, a decision by its proposal's title, an
        agreement version by its number, in the case's partnership."""
        from partnering.agreements.models import AgreementVersion
        from partnering.governance.models import Decision

        partnership = Partnership.objects.get(title=case(cited["case"]).title)
        if "meeting" in cited:
            return "meeting", partnership.meetings.get(purpose__icontains=cited["meeting"]).pk
        if "decision" in cited:
            return "decision", Decision.objects.get(
                partnership=partnership, proposal__title__icontains=cited["decision"]).pk
        return "agreement_version", AgreementVersion.objects.get(
            partnership=partnership, number=cited["version"]).pk
