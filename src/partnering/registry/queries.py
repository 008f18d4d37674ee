"""Read-side queries of the registry, shared by pages and the API."""

from partnering.reference.countries import country_name
from partnering.registry.models import Organisation
from partnering.registry.vocabulary import Sector
from partnering.rows import Rows, attach_many

ORGANISATION_COLUMNS = [
    "id", "name", "acronym", "identifier", "iati_type", "sector", "country", "website",
    "mission", "motivations", "interests", "interests_note", "competencies", "resources",
    "created", "updated",
]
SECTOR_LABELS = dict(Sector.choices)


def _labels(rows: list[dict]) -> None:
    for row in rows:
        row["sector_label"] = SECTOR_LABELS.get(row["sector"], row["sector"])
        row["country_name"] = country_name(row["country"])
        row["display_name"] = (f"{row['name']} ({row['acronym']})" if row["acronym"]
                               else row["name"])


# What the organisations page shows: no long texts (nor their JSON lists to decode).
PAGE_COLUMNS = ["id", "name", "acronym", "identifier", "sector", "country"]


def organisation_rows(queryset, columns: list[str] = ORGANISATION_COLUMNS) -> Rows:
    return Rows(queryset, columns, (
        attach_many(Organisation.sdg_goals.through.objects, "organisation_id",
                    "sdggoal__number", "sdg_goals"),
        _labels,
    ), remember_count=True)


def organisation_row(organisation: Organisation) -> dict:
    return organisation_rows(Organisation.objects.filter(pk=organisation.pk))[0:1][0]
