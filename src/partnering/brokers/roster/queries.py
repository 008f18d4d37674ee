"""Reading the roster: the filtered list (page and API share it) and one broker's current
assignments with the load they add up to."""

from django.db.models import Prefetch

from partnering.brokers.access import listed_profiles
from partnering.brokers.assignments.models import Assignment


def roster(user, *, language: str = "", country: str = "", sector: str = "",
           specialty: str = "", available: bool = False, kind: str = ""):
    """The brokers this user may list, filtered (each filter one indexed tag; `available`:
    some days a month free)."""
    profiles = listed_profiles(user)
    for key in (f"l:{language.lower()}" if language else "",
                f"c:{country.upper()}" if country else "",
                f"s:{sector}" if sector else "", f"p:{specialty}" if specialty else ""):
        if key:
            profiles = profiles.filter(pk__in=_tagged(key))
    if available:
        from django.db.models import F

        profiles = profiles.filter(days_per_month__gt=F("committed_days"))
    if kind:
        profiles = profiles.filter(kind=kind)
    return profiles.select_related("person", "organisation").order_by("person__name", "pk")


def _tagged(key: str):
    from partnering.brokers.roster.models import BrokerTag

    return BrokerTag.objects.filter(key=key).values("profile_id")


def current_assignments(profile, user):
    """The broker's current assignments in partnerships this user may see."""
    from partnering.partnerships.access import restrict

    return restrict(profile.assignments.filter(ended_on__isnull=True), user).select_related(
        "partnership").order_by("start", "pk")


def with_accreditations(profiles):
    from partnering.brokers.roster.models import Accreditation

    return profiles.prefetch_related(Prefetch("accreditations",
                                              queryset=Accreditation.objects.order_by(
                                                  "-awarded", "-id")))


__all__ = ["Assignment", "current_assignments", "roster", "with_accreditations"]
