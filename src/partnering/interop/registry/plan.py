"""What each row of a file would do to the registry: create, update (old → new), unchanged or
rejected with its reasons. Nothing is written here: the services check each row without
saving."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from partnering.interop.registry.columns import (
    ACTIONS,
    CREATE,
    LISTS,
    ORGANISATIONS,
    REJECTED,
    UNCHANGED,
    UPDATE,
)
from partnering.interop.registry.match import (
    in_bulk,
    match_organisation,
    match_person,
    registry_organisations,
    reject_duplicates,
    resolve_organisation,
    sdg_numbers,
)
from partnering.interop.registry.parse import Table, parse_organisation, parse_person
from partnering.registry import permissions, services
from partnering.registry.models import Organisation, Person
from partnering.registry.validators import clean_tags


@dataclass
class Row:
    number: int
    name: str
    action: str = CREATE
    target: object = None  # the registry record it updates
    data: dict = field(default_factory=dict)  # what the service is called with
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)
    keys: list[tuple[tuple, str]] = field(default_factory=list)  # what it writes: (key, label)
    object_id: int | None = None
    checked: object = None  # a new organisation as check_organisation validated it

    def reject(self, reasons: list[tuple[str, str]]) -> None:
        self.action = REJECTED
        self.reasons.extend(reasons)

    def as_dict(self) -> dict:
        return {
            "row": self.number, "action": self.action, "name": self.name,
            "object_id": self.object_id if self.object_id is not None else (
                self.target.pk if self.target is not None else None),
            "changes": [{"field": f, "old": old, "new": new} for f, old, new in self.changes],
            "reasons": [{"field": f, "message": message} for f, message in self.reasons],
        }


@dataclass
class Plan:
    kind: str
    file_name: str
    format: str
    columns: list[str]
    unknown_columns: list[str]
    rows: list[Row]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def writable(self) -> int:
        counts = self.counts
        return counts[CREATE] + counts[UPDATE]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "file_name": self.file_name, "format": self.format,
                "columns": self.columns, "unknown_columns": self.unknown_columns,
                "counts": self.counts, "rows": [row.as_dict() for row in self.rows]}


def reasons(error: Exception) -> list[tuple[str, str]]:
    if isinstance(error, PermissionDenied):
        return [("", _("You may not make this change."))]
    if hasattr(error, "error_dict"):
        return [("" if name == "__all__" else name, message)
                for name, messages in error.message_dict.items() for message in messages]
    return [("", message) for message in error.messages]


def merge_errors(errors: dict, error: Exception) -> dict:
    """The file's own messages, and the service's about the other fields."""
    merged = {name: list(messages) for name, messages in errors.items()}
    for name, message in reasons(error):
        if name not in errors:
            merged.setdefault(name, []).append(message)
    return merged


def cell(value) -> str:
    """A value as the export writes it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    if isinstance(value, Organisation):
        return value.name
    return str(value)


def same_text(old, new) -> bool:
    def norm(value):
        return str(value or "").replace("\r\n", "\n").strip()

    return norm(old) == norm(new)


def build_plan(actor, table: Table) -> Plan:
    rows = (_plan_organisations if table.kind == ORGANISATIONS else _plan_people)(actor, table)
    reject_duplicates(rows)
    return Plan(table.kind, table.file_name, table.format, table.columns,
                table.unknown_columns, rows)


def _plan_organisations(actor, table: Table) -> list[Row]:
    parsed = [(number, *parse_organisation(cells)) for number, cells in table.rows]
    by_identifier, by_name = registry_organisations(
        {data["identifier"].casefold() for _, data, _ in parsed if data.get("identifier")},
        {data["name"].casefold() for _, data, _ in parsed if data.get("name")})
    matches = [match_organisation(data, by_identifier, by_name) for _, data, _ in parsed]
    targets = in_bulk(Organisation.objects.all(), [pk for pk, _ in matches if pk])
    goals = sdg_numbers(targets)
    rows = []
    for (number, data, errors), (pk, ambiguity) in zip(parsed, matches, strict=True):
        target = targets.get(pk)
        row = Row(number, data.get("name") or (target.name if target else "")
                  or data.get("identifier", ""), target=target)
        if ambiguity:
            row.reject([("name", ambiguity)])
        elif target is None:
            _plan_create(actor, row, data, errors, _check_organisation)
        else:
            current = {name: (goals.get(target.pk, []) if name == "sdg_goals"
                              else getattr(target, name)) for name in data}
            _plan_update(actor, row, data, errors, current, _check_organisation,
                         permissions.can_edit_organisation)
        identifier = (row.data.get("identifier") or data.get("identifier")
                      or (target.identifier if target else ""))
        if target is not None:
            row.keys.append((("record", target.pk), f"“{target}”"))
        if identifier:
            row.keys.append((("identifier", identifier.casefold()),
                             f"the organisation with the identifier {identifier}"))
        elif target is None and data.get("name"):
            row.keys.append((("name", data["name"].casefold(), data.get("country", "")),
                             f"“{data['name']}”"))
        rows.append(row)
    return rows


def _check_organisation(actor, organisation, **fields):
    # The identifier was looked up to match the row, and duplicates in the file are caught
    # apart: the unique-identifier query would cost more than the rest of the row.
    return services.check_organisation(actor, organisation, validate_constraints=False,
                                       **fields)


def _plan_create(actor, row: Row, data: dict, errors: dict, check) -> None:
    fields = {name: value for name, value in data.items() if name != "sdg_goals"}
    if check is _check_organisation:
        fields.setdefault("sector", "")  # left empty, it follows from the IATI type
    try:
        checked = check(actor, None, **fields)
    except (ValidationError, PermissionDenied) as error:
        errors = merge_errors(errors, error)
    if errors:
        _reject(row, errors)
        return
    row.action = CREATE
    if check is _check_organisation:
        row.checked = checked[0]
    row.data = {**fields, **({"sdg_goals": data["sdg_goals"]} if "sdg_goals" in data else {})}
    row.changes = [(name, "", cell(value)) for name, value in data.items()]


def _same(name: str, value, old) -> bool:
    """Whether a cell says what the record already has."""
    if name == "sdg_goals":
        return sorted(set(value)) == sorted(old)
    if name == "organisation":
        return (value.pk if value else None) == (old.pk if old else None)
    if name in LISTS:
        return clean_tags(value) == list(old or [])
    if name in ("identifier", "email"):  # matched case-insensitively: case is no change
        return value.casefold() == (old or "").casefold()
    return same_text(old, value)


def _reject(row: Row, errors: dict) -> None:
    row.reject([(name, message) for name, messages in errors.items() for message in messages])


def _check_update(actor, target, fields: dict, errors: dict, check, may_edit):
    """What the service would store for `fields`, or None; and the errors."""
    if not may_edit(actor, target):
        return None, {"": [_("You may not change “%(target)s”: only its organisation admins "
                             "and platform admins can.") % {"target": target}], **errors}
    try:
        checked = check(actor, target, **fields)
    except (ValidationError, PermissionDenied) as error:
        return None, merge_errors(errors, error)
    return (checked[0] if isinstance(checked, tuple) else checked), errors


def _plan_update(actor, row: Row, data: dict, errors: dict, current: dict, check,
                 may_edit) -> None:
    target = row.target
    changed = {name: value for name, value in data.items()
               if not _same(name, value, current[name])}
    if not changed and not errors:
        row.action = UNCHANGED
        return
    row.changes = [(name, cell(current[name]), cell(value)) for name, value in changed.items()]
    fields = {name: value for name, value in changed.items() if name != "sdg_goals"}
    checked, errors = _check_update(actor, target, fields, errors, check, may_edit)
    if checked is not None:
        # What the service stores (e.g. an upper-cased country) may equal what is there.
        fields = {name: value for name, value in fields.items()
                  if getattr(checked, name) != getattr(target, name)}
        changed = {**fields, **({"sdg_goals": changed["sdg_goals"]}
                                if "sdg_goals" in changed else {})}
        row.changes = [(name, cell(current[name]),
                        cell(value if name == "sdg_goals" else getattr(checked, name)))
                       for name, value in changed.items()]
    if errors:
        _reject(row, errors)
        return
    row.action = UPDATE if changed else UNCHANGED
    row.data = changed


def _people_by_email_and_name(parsed) -> tuple[dict, dict]:
    """The registry's people whose e-mail or name (casefolded) a row names: one pass."""
    emails = {d["email"].casefold() for _, d, _ in parsed if d.get("email")}
    names = {d["name"].casefold() for _, d, _ in parsed if d.get("name")}
    by_email, by_name_org = defaultdict(list), defaultdict(list)
    if not emails and not names:
        return by_email, by_name_org
    for pk, name, email, org_id in (Person.objects.order_by("id")
                                    .values_list("id", "name", "email", "organisation_id")
                                    .iterator(chunk_size=5000)):
        if email and email.casefold() in emails:
            by_email[email.casefold()].append((pk, org_id))
        if name.casefold() in names:
            by_name_org[(name.casefold(), org_id)].append((pk, email))
    return by_email, by_name_org


def _plan_people(actor, table: Table) -> list[Row]:
    parsed = [(number, *parse_person(cells)) for number, cells in table.rows]
    by_identifier, by_name = registry_organisations(
        {d["organisation_identifier"].casefold() for _, d, _ in parsed
         if d.get("organisation_identifier")},
        {d["organisation_name"].casefold() for _, d, _ in parsed
         if d.get("organisation_name") and not d.get("organisation_identifier")})
    resolved = [resolve_organisation(data, by_identifier, by_name) for _, data, _ in parsed]
    organisations = in_bulk(Organisation.objects.all(), [pk for pk, _ in resolved if pk])
    by_email, by_name_org = _people_by_email_and_name(parsed)
    matches = [match_person(data, org_id, by_email, by_name_org)
               for (_, data, _), (org_id, _) in zip(parsed, resolved, strict=True)]
    targets = in_bulk(Person.objects.select_related("organisation"),
                      [pk for pk, _ in matches if pk])
    return [_plan_person(actor, number, data, errors,
                         (org_id, org_error, organisations.get(org_id)), targets.get(pk),
                         ambiguity)
            for (number, data, errors), (org_id, org_error), (pk, ambiguity)
            in zip(parsed, resolved, matches, strict=True)]


def _plan_person(actor, number: int, data: dict, errors: dict, resolved: tuple,
                 target, ambiguity: str) -> Row:
    """`resolved`: the organisation the row names (id, why not found, the organisation)."""
    org_id, org_error, organisation = resolved
    row = Row(number, data.get("name") or (target.name if target else "")
              or data.get("email", ""), target=target)
    fields = {name: value for name, value in data.items()
              if name not in ("organisation_identifier", "organisation_name")}
    if org_error:
        errors = {**errors, "organisation": [org_error]}
    elif org_id:
        fields["organisation"] = organisation
    if ambiguity:
        row.reject([("name", ambiguity)])
    elif target is None:
        _plan_create(actor, row, fields, errors, services.check_person)
    else:
        current = {name: getattr(target, name) for name in fields}
        _plan_update(actor, row, fields, errors, current, services.check_person,
                     permissions.can_edit_person)
    _person_keys(row, fields, target, org_id)
    return row


def _person_keys(row: Row, fields: dict, target, org_id) -> None:
    """What the row writes, to find two rows of the file writing the same person."""
    if target is not None:
        row.keys.append((("record", target.pk), f"“{target}”"))
    email = fields.get("email") or (target.email if target else "")
    if email:
        row.keys.append((("email", email.casefold()),
                         f"the person with the e-mail address {email}"))
    elif target is None and fields.get("name"):
        row.keys.append((("name", fields["name"].casefold(), org_id),
                         f"“{fields['name']}”"))
