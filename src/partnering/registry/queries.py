"""Read-side queries of the registry, shared by pages and the API."""

from partnering.prepared import Prepared
from partnering.reference.countries import _language, localised_names
from partnering.registry.models import Organisation
from partnering.registry.vocabulary import Sector
from partnering.rows import FirstPageRows, Labels, Rows, attach_many

ORGANISATION_COLUMNS = [
    "id", "name", "acronym", "identifier", "iati_type", "sector", "country", "website",
    "mission", "motivations", "interests", "interests_note", "competencies", "resources",
    "created", "updated",
]
SECTOR_LABELS = Labels(lambda: dict(Sector.choices))


def _labels(rows: list[dict]) -> None:
    sectors, countries = SECTOR_LABELS(), localised_names(_language())
    for row in rows:
        row["sector_label"] = sectors.get(row["sector"], row["sector"])
        row["country_name"] = countries.get(row["country"] or "", row["country"] or "")
        row["display_name"] = (f"{row['name']} ({row['acronym']})" if row["acronym"]
                               else row["name"])


# What the organisations page shows: no long texts (nor their JSON lists to decode).
PAGE_COLUMNS = ["id", "name", "acronym", "identifier", "sector", "country"]


_SDG_GOALS = attach_many(Organisation.sdg_goals.through.objects, "organisation_id",
                         "sdggoal__number", "sdg_goals")


def organisation_rows(queryset, columns: list[str] = ORGANISATION_COLUMNS, *,
                      labels: bool = False) -> Rows:
    """Organisations as plain rows with their SDG goals; a page asks for the `labels` it
    shows (sector, country and display name in the reader's language), the API does not."""
    return Rows(queryset, columns, (_SDG_GOALS, _labels) if labels else (_SDG_GOALS,),
                remember_count=True)


def listed_organisations(user, columns: list[str] = ORGANISATION_COLUMNS, *, text: str = "",
                         sector: str = "", iati_type: str = "", country: str = "",
                         sdg: int | None = None, labels: bool = False) -> Rows:
    """`organisation_rows` of the organisations `user` may see, searched; unsearched, the
    first page is read with prepared SQL and the count is remembered, so a plain list
    builds no query."""
    def build():
        return Organisation.objects.visible_to(user).search(text, sector, iati_type,
                                                            country, sdg)

    if text or sector or iati_type or country or sdg:
        return organisation_rows(build(), columns, labels=labels)
    signed_in = bool(user.is_authenticated)
    fields = tuple(columns)
    return FirstPageRows(
        build, columns,
        organisation_rows(Organisation.objects.none(), columns, labels=labels).attach,
        first_page=lambda limit: _FIRST_PAGE((signed_in, fields, limit)),
        count_key=("organisation_list", signed_in))


def _first_page(key):
    """The first page of the unsearched list for a stand-in viewer, signed in or not: the
    registry shows every organisation to everyone (`visible_to`), so no viewer's id is a
    parameter (were it one, `Prepared` would refuse to prepare the query)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    signed_in, fields, limit = key
    viewer = get_user_model()(is_active=True) if signed_in else AnonymousUser()
    return Organisation.objects.visible_to(viewer).search().values(*fields)[:limit]


_FIRST_PAGE = Prepared(_first_page)


def organisation_row(organisation: Organisation) -> dict:
    return organisation_rows(Organisation.objects.filter(pk=organisation.pk))[0:1][0]
