"""The order the sections load in: each reads its part of every case file. Later sections
build on earlier ones (the agreements' signatories take positions on decisions; indicators
are linked to deliverables once both exist)."""

from partnering.platform.demo import (
    agreements,
    assessments,
    brokers,
    capabilities,
    decisions,
    discovery,
    monitoring,
    partnerships,
    power,
)


def iati(loader) -> None:
    """The open data: a real IATI file imported as public partnerships (platform/demo/iati.py)."""
    from partnering.platform.demo import iati as iati_demo

    iati_demo.load(loader)


def translations(loader) -> None:
    """Content in other languages (platform/demo/translations.py)."""
    from partnering.platform.demo import translations as translations_demo

    translations_demo.load(loader)


def grievances(loader) -> None:
    """Service levels, handlers and cases (platform/demo/grievances.py)."""
    from partnering.platform.demo import grievances as grievances_demo

    grievances_demo.load(loader)


def platforms(loader) -> None:
    """Vision 2030 Jamaica as a platform, with its consultation and answers
    (platform/demo/platforms.py)."""
    from partnering.platform.demo import platforms as platforms_demo

    platforms_demo.load(loader)


def platform_grievances(loader) -> None:
    """Grievances about Vision 2030 Jamaica itself, handled by its secretariat
    (platform/demo/grievances.py)."""
    from partnering.platform.demo import grievances as grievances_demo

    grievances_demo.load_platforms(loader)


def health(loader) -> None:
    """Today's health index of every active partnership, for the portfolio (as the daily
    `partnering record-health` keeps it)."""
    from partnering.monitoring.health import record_all_health

    record_all_health(loader.today)


SECTIONS = (
    partnerships.load,
    agreements.load,
    power.load,
    decisions.load,
    discovery.load,
    monitoring.load,
    agreements.link_indicators,
    assessments.load,
    brokers.load,
    capabilities.load,
    iati,
    translations,
    grievances,
    platforms,
    platform_grievances,
    health,
)
