"""Validation of registry identifiers against the shipped IATI codelists."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnering.reference.codelists import codes

IDENTIFIER = re.compile(r"^[A-Za-z0-9]{2,}-[A-Za-z0-9]+-\S+$")


def validate_org_identifier(value: str) -> None:
    """An org-id / IATI organisation identifier: REGISTRATION-AGENCY-ID, e.g. GB-CHC-202918."""
    if not value:
        return
    if len(value) > 100 or any(ch.isspace() for ch in value):
        raise ValidationError(_("An identifier has no spaces and at most 100 characters."),
                              code="invalid_identifier")
    if not IDENTIFIER.match(value):
        raise ValidationError(
            _("Write the identifier as AGENCY-ID, for example GB-CHC-202918 or XM-DAC-928."),
            code="invalid_identifier",
        )
    prefix = "-".join(value.split("-")[:2])
    if prefix.upper() not in codes("OrganisationRegistrationAgency"):
        raise ValidationError(
            _("“%(prefix)s” is not a registration agency in the org-id / IATI "
              "OrganisationRegistrationAgency list (e.g. GB-CHC, XM-DAC, US-EIN)."),
            params={"prefix": prefix}, code="unknown_agency",
        )


def validate_iati_org_type(value: str) -> None:
    if value and value not in codes("OrganisationType"):
        raise ValidationError(_("“%(value)s” is not an IATI organisation type."),
                              params={"value": value}, code="invalid_choice")


def validate_tags(value) -> None:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValidationError(_("Give a list of short words or phrases."), code="invalid_tags")
    if len(value) > 50 or any(len(tag) > 80 for tag in value):
        raise ValidationError(_("At most 50 tags of 80 characters each."), code="too_many_tags")


def clean_tags(tags) -> list[str]:
    """A list of tags as the registry stores it: spaces collapsed, duplicates (ignoring case)
    dropped, the first spelling kept."""
    seen, clean = set(), []
    for tag in tags or []:
        tag = " ".join(str(tag).split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            clean.append(tag)
    return clean
