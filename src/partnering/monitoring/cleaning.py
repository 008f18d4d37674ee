"""The checks and conversions the monitoring services share: numbers, dates, dimension
names and member organisations, as given by a form, the API or an importer."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnering.partnerships.models import Membership


def member_organisation(partnership, organisation, field: str):
    """An organisation given as object or id, which must be a member here."""
    if organisation in (None, ""):
        return None
    org_id = getattr(organisation, "pk", organisation)
    membership = Membership.objects.filter(partnership=partnership,
                                           organisation_id=org_id).select_related(
        "organisation").first()
    if membership is None:
        raise ValidationError({field: _("This organisation is not a member of the partnership.")})
    return membership.organisation


def represented_organisation(partnership, organisation_ids):
    """The first (lowest id) of the member organisations a user speaks for, or None."""
    ids = sorted(organisation_ids)
    if not ids:
        return None
    return Membership.objects.get(partnership=partnership, organisation_id=ids[0]).organisation


def count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def to_decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: _("Enter a number.")}) from error
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def required_decimal(value, field: str, message: str) -> Decimal:
    number = to_decimal(value, field)
    if number is None:
        raise ValidationError({field: message})
    return number


def to_date(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError({field: _("Enter a date as YYYY-MM-DD.")}) from error


def required_date(value, field: str, message: str) -> date:
    day = to_date(value, field)
    if day is None:
        raise ValidationError({field: message})
    return day


def dimensions(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError({"disaggregation": _("List dimensions as words, e.g. sex, age.")})
    names = []
    for item in value:
        name = item.strip().lower()
        if name and name not in names:
            if len(name) > 50:
                raise ValidationError({"disaggregation": _("A dimension name is too long.")})
            names.append(name)
    return names


def blank_nones(clean: dict, names) -> dict:
    """Empty text instead of None for the text fields given."""
    for name in names:
        if name in clean and clean[name] is None:
            clean[name] = ""
    return clean


def number_text(value) -> str | None:
    """200.0000 as "200" (for the API and form fields); None stays None."""
    return None if value is None else f"{Decimal(value).normalize():f}"
