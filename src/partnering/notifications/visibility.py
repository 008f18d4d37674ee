"""Who, among the people to tell, may see the partnership the news is about, at send time:
`partnerships.access.users_who_may_see`, the rule of `Partnership.objects.visible_to` (and,
for a call's news, the invited-respondent rule) for many users at once."""

from partnering.partnerships.access import users_who_may_see


def may_see(user_ids, partnership_id: int | None, *, invitees: bool = False) -> set[int]:
    """The active users among `user_ids` who may see the partnership (every active user for
    platform news, without a partnership)."""
    return users_who_may_see(user_ids, partnership_id, invitees=invitees)
