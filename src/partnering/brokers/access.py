"""Who may see and change what in the brokers app: the ONE module every view, endpoint,
export and list of the app asks.

- The roster lists accredited external brokers who opted in (the public roster) to
  everyone, every broker to platform admins; a signed-in user may open any broker's
  profile (people are for signed-in users, as in the registry: a steward reads the
  candidates "find a broker" offers). Its owner (the person's user) and platform admins
  edit it.
- A log book is private: its broker, their mentor (named on the profile), its examiner and
  platform admins read it; everyone else gets 404, other brokers included.
- An assignment is partnership-scoped: whoever may see the partnership sees it
  (partnerships.access); its stewards assign and end.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partnering.brokers.logbook.models import LogBook
from partnering.brokers.roster.models import BrokerProfile
from partnering.brokers.vocabulary import BrokerKind
from partnering.registry.permissions import person_of


def public_roster_q(day=None) -> Q:
    """The brokers anyone may see: external, opted in, accredited today."""
    return Q(kind=BrokerKind.EXTERNAL, listed=True,
             accredited_until__gte=day or timezone.localdate())


def listed_profiles(user):
    """The roster's list: the public roster, and every broker for platform admins."""
    profiles = BrokerProfile.objects.all()
    if user.is_authenticated and user.is_superuser:
        return profiles
    return profiles.filter(public_roster_q())


def visible_profiles(user):
    profiles = BrokerProfile.objects.all()
    if not user.is_authenticated:
        return profiles.filter(public_roster_q())
    return profiles


def profile_or_404(user, profile_id: int, *, queryset=None):
    return get_object_or_404(queryset or visible_profiles(user), pk=profile_id)


def can_edit_profile(user, profile: BrokerProfile) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or profile.person.user_id == user.pk


def own_profile(user):
    """The signed-in user's own broker profile, or None."""
    person = person_of(user)
    if person is None:
        return None
    return BrokerProfile.objects.filter(person=person).first()


# --- log books ------------------------------------------------------------------------

def logbook_readers_q(user) -> Q:
    """The log books this user may read, as a filter on LogBook."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    return (Q(broker__person__user_id=user.pk) | Q(broker__mentor__user_id=user.pk)
            | Q(examiner__user_id=user.pk))


def visible_logbooks(user):
    return LogBook.objects.filter(logbook_readers_q(user))


def logbook_or_404(user, logbook_id: int) -> LogBook:
    """The log book for a page, endpoint or export, with `role` set to what this reader
    is ("broker", "mentor", "examiner", "admin"); 404 for everyone else."""
    logbook = get_object_or_404(visible_logbooks(user).select_related(
        "broker__person", "broker__mentor", "examiner"), pk=logbook_id)
    logbook.role = role_in(user, logbook)
    return logbook


def role_in(user, logbook: LogBook) -> str:
    if logbook.broker.person.user_id == user.pk:
        return "broker"
    if logbook.broker.mentor and logbook.broker.mentor.user_id == user.pk:
        return "mentor"
    if logbook.examiner and logbook.examiner.user_id == user.pk:
        return "examiner"
    if user.is_superuser:
        return "admin"
    raise Http404


def entry_or_404(logbook: LogBook, entry_id: int):
    return get_object_or_404(logbook.entries, pk=entry_id)
