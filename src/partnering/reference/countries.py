"""ISO 3166-1 countries, from pycountry."""

from functools import cache

import pycountry


@cache
def country_names() -> dict[str, str]:
    return {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}


@cache
def country_choices() -> list[tuple[str, str]]:
    return sorted(country_names().items(), key=lambda item: item[1])


def country_name(code: str) -> str:
    return country_names().get(code or "", code or "")


def is_country(code: str) -> bool:
    return code in country_names()
