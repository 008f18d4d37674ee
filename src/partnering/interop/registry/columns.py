"""The registry import's kinds, columns and limits, and what the pages say about each column."""

import re

from django.core.exceptions import ValidationError

from partnering.registry.vocabulary import Motivation, PartneringInterest, PartneringRole

ORGANISATIONS, PEOPLE = "organisations", "people"
KINDS = {ORGANISATIONS: "Organisations", PEOPLE: "People"}
COLUMNS = {
    ORGANISATIONS: ["name", "acronym", "identifier", "iati_type", "sector", "country",
                    "website", "mission", "motivations", "interests", "interests_note",
                    "competencies", "resources", "sdg_goals"],
    PEOPLE: ["name", "email", "organisation_identifier", "organisation_name", "job_title",
             "partnering_role", "skills"],
}
_HELP = {
    "name": "The organisation's full name; needed for a new one.",
    "acronym": "Short name, e.g. WV BiH.",
    "identifier": "org-id / IATI identifier: registration agency, then the number, e.g. "
                  "GB-CHC-202918 or XM-DAC-928. Rows are matched on it first.",
    "iati_type": "IATI OrganisationType: the code or its name, e.g. 21 or International NGO.",
    "sector": "public, private, civil_society, academia, faith_based, community, "
              "multilateral or philanthropy (or its label). Left empty on a new "
              "organisation, it follows from iati_type.",
    "country": "ISO 3166 code (KE, BA, JM) or the country's English name.",
    "website": "Its address; https:// is added when left out.",
    "mission": "What it does.",
    "motivations": "What moves it to partner, separated by ; — "
                   + ", ".join(Motivation.values) + ".",
    "interests": "What it wants from partnering, separated by ; — "
                 + ", ".join(PartneringInterest.values) + ".",
    "interests_note": "What it wants from a partnership, in its own words.",
    "competencies": "What it is good at, separated by ; or |.",
    "resources": "What it can bring (cash, in kind, expertise, data, networks), "
                 "separated by ; or |.",
    "sdg_goals": "SDG goal numbers (1–17) separated by ;, e.g. 6; 11.",
    "email": "Rows are matched on it first.",
    "organisation_identifier": "The identifier of the organisation they work for (already "
                               "in the registry).",
    "organisation_name": "Or its exact name, when it has no identifier.",
    "job_title": "",
    "partnering_role": "One of " + ", ".join(PartneringRole.values) + " (or its label); "
                       "representative when left empty on a new person.",
    "skills": "Partnering skills, separated by ; or |.",
}
COLUMN_HELP = {
    ORGANISATIONS: {column: _HELP[column] for column in COLUMNS[ORGANISATIONS]},
    PEOPLE: {**{column: _HELP[column] for column in COLUMNS[PEOPLE]},
             "name": "Their full name; needed for a new person."},
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
