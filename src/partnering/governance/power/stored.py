"""The counts of a power balance (PowerData) as plain JSON and back, for the partnership
summary (monitoring/rollup): the page rebuilds the same balance from them without reading
proposals, positions, actions and meetings again."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal

from partnering.governance.power.report import Member, PowerData


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_json(data: PowerData) -> dict:
    return {"members": [asdict(m) for m in data.members],
            "amounts": {key: {str(org): str(amount) if isinstance(amount, Decimal) else amount
                              for org, amount in amounts.items()}
                        for key, amounts in data.amounts.items()},
            "events": data.events, "meetings": data.meetings,
            "recorded_meetings": data.recorded_meetings,
            "recorded_attendance": {str(k): v for k, v in data.recorded_attendance.items()},
            "since": _day(data.since), "until": _day(data.until)}


def _amount(value):
    return Decimal(value) if isinstance(value, str) else value


def from_json(stored: dict) -> PowerData:
    return PowerData(
        members=[Member(**m) for m in stored["members"]],
        amounts={key: {int(org): _amount(amount) for org, amount in amounts.items()}
                 for key, amounts in stored["amounts"].items()},
        events=stored["events"], meetings=stored["meetings"],
        recorded_meetings=stored["recorded_meetings"],
        recorded_attendance={int(k): v for k, v in stored["recorded_attendance"].items()},
        since=date.fromisoformat(stored["since"]) if stored["since"] else None,
        until=date.fromisoformat(stored["until"]) if stored["until"] else None)
