"""Who reaches a call and its responses: those who may see the partnership, and the
people of an organisation invited to or responding to one of its calls (the
invited-respondent rule, `call_partnership_or_404`), who see only their own response."""

from django.shortcuts import get_object_or_404

from partnering.partnerships.access import call_partnership_or_404


def call_or_404(user, partnership_id: int, call_id: int):
    """(partnership, call) for a page or endpoint; 404 for whoever may not reach it."""
    partnership = call_partnership_or_404(user, partnership_id)
    calls = partnership.calls.all()
    if not partnership.access.can_view:
        calls = calls.filter(responses__organisation__people__user=user)
    return partnership, get_object_or_404(calls.distinct(), pk=call_id)


def responses_for(user, partnership, call):
    """Members see every response; a respondent sees their own organisation's."""
    responses = call.responses.select_related("organisation")
    if partnership.access.can_contribute:
        return responses
    if not user.is_authenticated:
        return responses.none()
    return responses.filter(organisation__people__user=user).distinct()
