"""Finding the registry records a file's rows are about (see the package's docstring):
organisations by identifier, then name; people by e-mail, then name within their
organisation. Rows of one file that describe the same record are rejected."""

from collections import defaultdict

from partnering.interop.registry.columns import CHUNK
from partnering.registry.models import Organisation


def registry_organisations(identifiers: set[str], names: set[str]):
    """Organisations whose identifier or name (casefolded) is wanted: one pass, one query.
    Python compares, not the database: SQLite's lower() ignores letters like "Č"."""
    by_identifier, by_name = {}, defaultdict(list)
    if not identifiers and not names:
        return by_identifier, by_name
    for pk, name, identifier, country in (Organisation.objects.order_by("id")
                                          .values_list("id", "name", "identifier", "country")
                                          .iterator(chunk_size=5000)):
        if identifier and identifier.casefold() in identifiers:
            by_identifier[identifier.casefold()] = (pk, identifier, country)
        if name.casefold() in names:
            by_name[name.casefold()].append((pk, identifier, country))
    return by_identifier, by_name


def in_bulk(queryset, ids) -> dict:
    found, ids = {}, sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        found.update(queryset.in_bulk(ids[start:start + CHUNK]))
    return found


def sdg_numbers(organisation_ids) -> dict[int, list[int]]:
    numbers, ids = defaultdict(list), sorted(set(organisation_ids))
    through = Organisation.sdg_goals.through.objects
    for start in range(0, len(ids), CHUNK):
        for org_id, number in (through.filter(organisation_id__in=ids[start:start + CHUNK])
                               .order_by("sdggoal__number")
                               .values_list("organisation_id", "sdggoal__number")):
            numbers[org_id].append(number)
    return numbers


def match_organisation(data, by_identifier, by_name) -> tuple[int | None, str]:
    identifier = data.get("identifier", "").casefold()
    if identifier and identifier in by_identifier:
        return by_identifier[identifier][0], ""
    name = data.get("name", "").casefold()
    country = data.get("country", "")
    fits = [pk for pk, other_identifier, other_country in by_name.get(name, [])
            if not (identifier and other_identifier and other_identifier.casefold() != identifier)
            and not (country and other_country and other_country != country)]
    if len(fits) > 1:
        return None, (f"{len(fits)} organisations in the registry are called “{data['name']}”; "
                      "add the identifier or the country to say which.")
    return (fits[0] if fits else None), ""


def resolve_organisation(data, by_identifier, by_name) -> tuple[int | None, str]:
    identifier = data.get("organisation_identifier", "")
    if identifier:
        found = by_identifier.get(identifier.casefold())
        if found:
            return found[0], ""
        return None, (f"No organisation with the identifier “{identifier}” in the registry: "
                      "import or add it first, or correct the identifier.")
    name = data.get("organisation_name", "")
    if not name:
        return None, ""
    found = by_name.get(name.casefold(), [])
    if len(found) > 1:
        return None, (f"{len(found)} organisations in the registry are called “{name}”; give "
                      "the organisation_identifier instead.")
    if not found:
        return None, (f"No organisation called “{name}” in the registry: import or add it "
                      "first, or correct the name.")
    return found[0][0], ""


def match_person(data, org_id, by_email, by_name_org) -> tuple[int | None, str]:
    email = data.get("email", "").casefold()
    if email and email in by_email:
        found = by_email[email]
        if len(found) > 1:
            found = [item for item in found if item[1] == org_id] or found
        if len(found) > 1:
            return None, (f"{len(found)} people in the registry have the e-mail address "
                          f"“{data['email']}”; edit them in the registry instead.")
        return found[0][0], ""
    fits = [pk for pk, other_email in by_name_org.get((data.get("name", "").casefold(), org_id),
                                                       [])
            if not (email and other_email and other_email.casefold() != email)]
    if len(fits) > 1:
        return None, (f"{len(fits)} people called “{data['name']}” work for this organisation "
                      "in the registry; add their e-mail addresses to say which.")
    return (fits[0] if fits else None), ""


def reject_duplicates(rows: list) -> None:
    groups = defaultdict(list)
    for row in rows:
        for key, label in row.keys:
            groups[key].append((row, label))
    reported = defaultdict(set)
    for members in groups.values():
        if len(members) < 2:
            continue
        label = members[0][1]
        numbers = [row.number for row, _ in members]
        for row, _ in members:
            others = [str(n) for n in numbers if n != row.number]
            if tuple(others) in reported[row.number]:
                continue
            reported[row.number].add(tuple(others))
            many = len(others) > 1
            row.reject([("", f"Row{'s' if many else ''} {', '.join(others)} of this file also "
                             f"describe{'' if many else 's'} {label}; keep one.")])
            row.data = {}
