"""Countries by region: the sub-regions of the UN Statistics Division's M49 standard
("Standard country or area codes for statistical use", unstats.un.org/unsd/methodology/m49),
with Sub-Saharan Africa and Latin America split at M49's intermediate regions (Eastern,
Middle, Southern and Western Africa; the Caribbean, Central and South America), which is how
development programmes group countries. Partner discovery ranks an organisation in the same
region as a partnership's countries next after one in the same country."""

from functools import cache

from django.utils.translation import gettext, gettext_noop

REGIONS = {
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Southern Africa": "BW LS NA SZ ZA",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC "
                 "TT VC VG VI",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",
    "Northern America": "BM CA GL PM US",
    "Central Asia": "KG KZ TJ TM UZ",
    "Eastern Asia": "CN HK JP KP KR MN MO TW",
    "South-eastern Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Southern Asia": "AF BD BT IN IR LK MV NP PK",
    "Western Asia": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    "Eastern Europe": "BG BY CZ HU MD PL RO RU SK UA",
    "Northern Europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "Southern Europe": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA",
    "Western Europe": "AT BE CH DE FR LI LU MC NL",
    "Australia and New Zealand": "AU CC CX HM NF NZ",
    "Melanesia": "FJ NC PG SB VU",
    "Micronesia": "FM GU KI MH MP NR PW UM",
    "Polynesia": "AS CK NU PF PN TK TO TV WF WS",
}

# The regions' names, for the translations: REGIONS keys them in English.
REGION_NAMES = (
    gettext_noop("Northern Africa"), gettext_noop("Eastern Africa"), gettext_noop("Middle Africa"),
    gettext_noop("Southern Africa"), gettext_noop("Western Africa"), gettext_noop("Caribbean"),
    gettext_noop("Central America"), gettext_noop("South America"),
    gettext_noop("Northern America"), gettext_noop("Central Asia"), gettext_noop("Eastern Asia"),
    gettext_noop("South-eastern Asia"), gettext_noop("Southern Asia"),
    gettext_noop("Western Asia"), gettext_noop("Eastern Europe"), gettext_noop("Northern Europe"),
    gettext_noop("Southern Europe"), gettext_noop("Western Europe"),
    gettext_noop("Australia and New Zealand"), gettext_noop("Melanesia"),
    gettext_noop("Micronesia"), gettext_noop("Polynesia"),
)


@cache
def _region_of() -> dict[str, str]:
    return {code: region for region, codes in REGIONS.items() for code in codes.split()}


def region_of(country: str) -> str:
    """The region of an ISO 3166-1 alpha-2 code; "" for none (Antarctica, unknown codes)."""
    return _region_of().get((country or "").upper(), "")


def region_label(region: str) -> str:
    """A region's name in the language of the page."""
    return gettext(region) if region else ""
