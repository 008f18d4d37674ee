"""Who, among the people to tell, may see the partnership the news is about, at send time:
the rule of `Partnership.objects.visible_to` (and, for a call's news, the invited-respondent
rule of `partnerships.access.call_partnership_or_404`) applied to many users at once, in a
fixed number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from partnering.partnerships.models import Partnership
from partnering.partnerships.vocabulary import Visibility


def may_see(user_ids, partnership_id: int | None, *, invitees: bool = False) -> set[int]:
    """The active users among `user_ids` who may see the partnership (every active user for
    platform news, without a partnership)."""
    users = get_user_model().objects.filter(pk__in=set(user_ids), is_active=True)
    if partnership_id is None:
        return set(users.values_list("pk", flat=True))
    visibility = Partnership.objects.filter(pk=partnership_id).values_list(
        "visibility", flat=True).first()
    if visibility is None:
        return set()
    if visibility != Visibility.PUBLIC:
        users = users.filter(_involved(partnership_id, invitees))
    return set(users.values_list("pk", flat=True).distinct())


def _involved(partnership_id: int, invitees: bool) -> Q:
    """As partnerships.models.involving, for one partnership and many users."""
    from partnering.discovery.models import CallResponse
    from partnering.partnerships.models import BrokerAssignment, Membership, Representative

    q = (Q(is_superuser=True)
         | Q(pk__in=Representative.objects.filter(
             membership__partnership_id=partnership_id).values("person__user_id"))
         | Q(pk__in=BrokerAssignment.objects.filter(
             partnership_id=partnership_id).values("person__user_id"))
         | Q(person__is_organisation_admin=True,
             person__organisation_id__in=Membership.objects.filter(
                 partnership_id=partnership_id).values("organisation_id")))
    if invitees:
        q |= Q(person__organisation_id__in=CallResponse.objects.filter(
            call__partnership_id=partnership_id).values("organisation_id"))
    return q
