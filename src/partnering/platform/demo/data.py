"""The demo portfolio as data: demo_data/shared.yaml (accounts, organisations, people) and
one YAML file per case. The loader and the tests read the cases through these functions."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "demo_data"


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    sees: str
    person: str = ""  # key of the registry entry linked to the account


@dataclass(frozen=True)
class Case:
    key: str  # the file's name: demo_data/<key>.yaml
    data: dict

    @property
    def title(self) -> str:
        return self.data["partnership"]["fields"]["title"]

    def section(self, name: str):
        return self.data.get(name)


def read(name: str) -> dict:
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


@cache
def shared() -> dict:
    return read("shared")


@cache
def cases() -> tuple[Case, ...]:
    """The cases of the portfolio, in the order they are loaded."""
    return tuple(Case(key, read(key)) for key in shared()["cases"])


def case(key: str) -> Case:
    return next(c for c in cases() if c.key == key)


def personas() -> tuple[Persona, ...]:
    return tuple(Persona(**fields) for fields in shared()["accounts"])


def persona(username: str) -> Persona:
    return next(p for p in personas() if p.username == username)


def organisations() -> dict:
    return shared()["organisations"]


def people() -> dict:
    return shared()["people"]


@cache
def people_power() -> dict:
    """demo_data/people-power.yaml: the broker roster, assignments, the log book, mentoring
    and the partnerships offices (not a case: it spans the cases)."""
    return read("people-power")
