"""Loading the demo: the accounts, organisations and people of shared.yaml, then each
section of the cases through the services, as a user would make them."""

import io
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from partnering.partnerships.models import Partnership
from partnering.platform.demo import data
from partnering.registry import services as registry
from partnering.registry.models import Organisation, Person

DEMO_PASSWORD = "partnering-demo"  # noqa: S105 - a published demo password


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: str
    sees: str
    visible_partnerships: int


def persona_usernames() -> list[str]:
    return [persona.username for persona in data.personas()]


def is_loaded() -> bool:
    """The demo is loaded when every persona account exists."""
    users = get_user_model().objects.filter(username__in=persona_usernames())
    return users.count() == len(data.personas())


def taken_usernames() -> list[str]:
    return sorted(get_user_model().objects.filter(username__in=persona_usernames())
                  .values_list("username", flat=True))


def database_is_empty() -> bool:
    return not (Partnership.objects.exists() or get_user_model().objects.exists())


def counts() -> dict[str, int]:
    """What the database holds that the demo adds to: compare before and after loading."""
    return {"organisations": Organisation.objects.count(), "people": Person.objects.count(),
            "partnerships": Partnership.objects.count()}


def accounts() -> list[Account]:
    """The persona accounts as they stand, with how many partnerships each can see."""
    users = {user.username: user for user in
             get_user_model().objects.filter(username__in=persona_usernames())}
    rows = []
    for persona in data.personas():
        user = users.get(persona.username)
        visible = Partnership.objects.visible_to(user).count() if user else 0
        rows.append(Account(persona.username, DEMO_PASSWORD, persona.role, persona.sees,
                            visible))
    return rows


def load_demo() -> list[Account]:
    """Load the demo unless it is there already; return the persona accounts."""
    if not is_loaded():
        with transaction.atomic():
            Loader().load()
        # Each persona's inbox, from the demo's events, once they are committed.
        from partnering.notifications import demo as notifications

        notifications.load(accounts())
        # Every partnership's summary and the platform's portfolio, ready for the first page.
        from django.core.management import call_command

        call_command("rebuild_summaries", verbosity=0, stdout=io.StringIO())
    return accounts()


def email_for(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(plain.lower().replace("'", "").split()) + "@example.org"


def at(day, hour: int = 10) -> datetime:
    """A day of the demo's history as a moment (the services stamp "now")."""
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


class Loader:
    """What the sections share: today, and the accounts, organisations and people made so
    far, by their keys in the YAML files."""

    def __init__(self):
        self.today = timezone.localdate()
        self.users = {}
        self.orgs = {}
        self.people = {}

    def ago(self, days: int):
        return self.today - timedelta(days=days)

    def load(self) -> None:
        from partnering.platform.demo import sections

        taken = taken_usernames()
        if taken:
            raise ValueError("These demo usernames are already taken: " + ", ".join(taken))
        self.make_accounts()
        admin = self.users["admin"]
        for key, fields in data.organisations().items():
            self.orgs[key] = self.organisation(admin, fields)
        self.make_people(admin)
        for section in sections.SECTIONS:
            section(self)

    def make_accounts(self) -> None:
        users = get_user_model().objects
        hashed = make_password(DEMO_PASSWORD)  # once: hashing is deliberately slow
        for persona in data.personas():
            make = users.create_superuser if persona.username == "admin" else users.create_user
            user = make(username=persona.username, password=None,
                        email=f"{persona.username}@demo.partnering.example.org",
                        first_name=persona.first_name, last_name=persona.last_name)
            user.password = hashed
            user.save(update_fields=["password"])
            self.users[persona.username] = user

    def make_people(self, admin) -> None:
        persona_of = {p.person: p.username for p in data.personas() if p.person}
        for key, fields in data.people().items():
            user = self.users.get(persona_of.get(key, ""))
            self.people[key] = registry.create_person(
                admin, name=fields["name"],
                email=user.email if user else email_for(fields["name"]),
                organisation=self.orgs[fields["organisation"]],
                job_title=fields["job_title"], partnering_role=fields["partnering_role"],
                skills=fields["skills"], is_organisation_admin=fields["organisation_admin"],
                user=user)

    def organisation(self, admin, fields: dict) -> Organisation:
        """Reuse an organisation already in the registry rather than duplicate it."""
        existing = Organisation.objects.none()
        if fields.get("identifier"):
            existing = Organisation.objects.filter(identifier__iexact=fields["identifier"])
        if not existing.exists():
            existing = Organisation.objects.filter(name__iexact=fields["name"])
        return existing.first() or registry.create_organisation(admin, **fields)
