"""The registry import's kinds, columns and limits, and what the pages say about each column."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.registry.vocabulary import Motivation, PartneringInterest, PartneringRole

ORGANISATIONS, PEOPLE = "organisations", "people"
KINDS = {ORGANISATIONS: _("Organisations"), PEOPLE: _("People")}
COLUMNS = {
    ORGANISATIONS: ["name", "acronym", "identifier", "iati_type", "sector", "country",
                    "website", "mission", "motivations", "interests", "interests_note",
                    "competencies", "resources", "sdg_goals"],
    PEOPLE: ["name", "email", "organisation_identifier", "organisation_name", "job_title",
             "partnering_role", "skills"],
}
_HELP = {
    "name": _("The organisation's full name; needed for a new one."),
    "acronym": _("Short name, e.g. WV BiH."),
    "identifier": _("org-id / IATI identifier: registration agency, then the number, e.g. "
                    "GB-CHC-202918 or XM-DAC-928. Rows are matched on it first."),
    "iati_type": _("IATI OrganisationType: the code or its name, e.g. 21 or International NGO."),
    "sector": _("public, private, civil_society, academia, faith_based, community, "
                "multilateral or philanthropy (or its label). Left empty on a new "
                "organisation, it follows from iati_type."),
    "country": _("ISO 3166 code (KE, BA, JM) or the country's English name."),
    "website": _("Its address; https:// is added when left out."),
    "mission": _("What it does."),
    "interests_note": _("What it wants from a partnership, in its own words."),
    "competencies": _("What it is good at, separated by ; or |."),
    "resources": _("What it can bring (cash, in kind, expertise, data, networks), "
                   "separated by ; or |."),
    "sdg_goals": _("SDG goal numbers (1–17) separated by ;, e.g. 6; 11."),
    "email": _("Rows are matched on it first."),
    "organisation_identifier": _("The identifier of the organisation they work for (already "
                                 "in the registry)."),
    "organisation_name": _("Or its exact name, when it has no identifier."),
    "job_title": "",
    "skills": _("Partnering skills, separated by ; or |."),
}


def _choice_help() -> dict[str, str]:
    """The help of the columns that take codes, with the codes."""
    return {
        "motivations": gettext("What moves it to partner, separated by ; — %(codes)s.")
        % {"codes": ", ".join(Motivation.values)},
        "interests": gettext("What it wants from partnering, separated by ; — %(codes)s.")
        % {"codes": ", ".join(PartneringInterest.values)},
        "partnering_role": gettext("One of %(codes)s (or its label); representative when "
                                   "left empty on a new person.")
        % {"codes": ", ".join(PartneringRole.values)},
    }


def column_help() -> dict[str, dict[str, str]]:
    """What the pages say about each column of each kind, in the reader's language."""
    helps = {**{column: str(text) for column, text in _HELP.items()}, **_choice_help()}
    return {
        ORGANISATIONS: {column: helps[column] for column in COLUMNS[ORGANISATIONS]},
        PEOPLE: {**{column: helps[column] for column in COLUMNS[PEOPLE]},
                 "name": gettext("Their full name; needed for a new person.")},
    }


# A file needs one of these to say which record each row is.
KEY_COLUMNS = {ORGANISATIONS: ("name", "identifier"), PEOPLE: ("name", "email")}
LISTS = ("motivations", "interests", "competencies", "resources", "skills")
TEXTS = ("name", "acronym", "identifier", "mission", "interests_note", "email", "job_title")

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_PARTS = 1_000
KEEP_UPLOADS = 24 * 3600  # seconds a previewed file waits for its confirmation
CHUNK = 900  # ids per IN (...) query: below SQLite's historical limit of 999 parameters

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = re.compile(r"[;|]")
SDG_SEPARATOR = re.compile(r"[;|,\s]+")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CREATE, UPDATE, UNCHANGED, REJECTED = "create", "update", "unchanged", "rejected"
ACTIONS = (CREATE, UPDATE, UNCHANGED, REJECTED)


class FileRefused(ValidationError):
    """The whole file is refused (not a spreadsheet, too big, no header...)."""

    def __init__(self, message: str):
        super().__init__(message, code="file_refused")
