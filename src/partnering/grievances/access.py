"""Who may see and handle a grievance: the one module every page, endpoint, list, count,
timeline and notification of the grievance area asks.

- **Platform admins** (superusers; the platform secretariat) see and handle every case.
- **Named handlers** of a partnership (GrievanceHandler, role broker or grievance focal
  point) see and handle its cases, restricted ones included.
- **The governance body** (GrievanceHandler with that role) sees and handles the cases
  escalated to it.
- **Stewards** (the partnership's brokers, BrokerAssignment) read its cases that are not
  restricted; they act only if also named as handlers.
- **Conflict of interest**: nobody sees or handles a case about an organisation they belong
  to (their person's organisation) or represent in any partnership — admins excepted.
- **Appeals** are handled by someone other than the handler of the appealed case (who
  may still read the appeal, as a handler of the partnership, but not act on it).
- Everyone else — ordinary members, the partner complained about, outsiders and anonymous
  visitors — sees nothing: no page (404), no API answer (404), no count, no timeline, no
  notification. The complainant reaches their own case only by its code and secret
  (`grievances.codes`).

The audit trail records grievance events with no partnership, so no partnership history
lists them; the case page shows the case's own timeline (GrievanceEvent) to those who may
see the case."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

from partnering.grievances.models import Grievance, GrievanceHandler
from partnering.grievances.vocabulary import EscalatedTo, HandlerRole
from partnering.partnerships.models import BrokerAssignment, Representative
from partnering.registry.models import Person

CASE_HANDLERS = (HandlerRole.BROKER, HandlerRole.FOCAL_POINT)


def _organisations_of(user_id):
    """Subqueries of the organisations a user belongs to or represents (never NULL)."""
    own = Person.objects.filter(user_id=user_id, organisation__isnull=False).values(
        "organisation_id")
    represented = Representative.objects.filter(person__user_id=user_id).values(
        "membership__organisation_id")
    return own, represented


def _not_conflicted(user_id) -> Q:
    own, represented = _organisations_of(user_id)
    return Q(about_organisation__isnull=True) | ~(
        Q(about_organisation_id__in=own) | Q(about_organisation_id__in=represented))


def _handled(user_id, roles) -> Q:
    return Q(partnership_id__in=GrievanceHandler.objects.filter(
        user_id=user_id, role__in=roles).values("partnership_id"))


def _may_handle_q(user_id) -> Q:
    escalated = Q(escalated_to=EscalatedTo.GOVERNANCE_BODY) & _handled(
        user_id, [HandlerRole.GOVERNANCE_BODY])
    not_first_handler = Q(appeal_of__isnull=True) | ~Q(appeal_of__assigned_to_id=user_id)
    return ((_handled(user_id, CASE_HANDLERS) | escalated) & _not_conflicted(user_id)
            & not_first_handler)


def _may_see_q(user_id) -> Q:
    stewarded = Q(restricted=False, partnership_id__in=BrokerAssignment.objects.filter(
        person__user_id=user_id).values("partnership_id"))
    handled = _handled(user_id, CASE_HANDLERS) | (
        Q(escalated_to=EscalatedTo.GOVERNANCE_BODY)
        & _handled(user_id, [HandlerRole.GOVERNANCE_BODY]))
    return (handled | stewarded) & _not_conflicted(user_id)


def visible_grievances(user, queryset=None):
    """Every case this user may see (the chokepoint for lists, counts and look-ups)."""
    queryset = Grievance.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(_may_see_q(user.pk))


def handled_grievances(user, queryset=None):
    """Every case this user may act on."""
    queryset = Grievance.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(_may_handle_q(user.pk))


def grievance_or_404(user, grievance_id, *, handle: bool = False):
    """One case by id, or 404 for whoever may not see it (or act on it, with `handle`)."""
    rows = (handled_grievances if handle else visible_grievances)(user)
    grievance = rows.select_related("partnership", "about_organisation", "assigned_to",
                                    "appeal_of").filter(pk=grievance_id).first()
    if grievance is None:
        raise Http404
    grievance.may_handle = handle or may_handle(user, grievance)
    return grievance


def may_handle(user, grievance) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or handled_grievances(user).filter(pk=grievance.pk).exists()


def may_see_partnership_cases(user, partnership) -> bool:
    """Whether the partnership's grievance list is for this user (else it is a 404)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (GrievanceHandler.objects.filter(partnership=partnership, user=user).exists()
            or BrokerAssignment.objects.filter(partnership=partnership,
                                               person__user=user).exists())


def may_enter(user, partnership) -> bool:
    """Staff entry (in person, phone, SMS, e-mail): the partnership's handlers and admins."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or GrievanceHandler.objects.filter(
        partnership=partnership, user=user, role__in=CASE_HANDLERS).exists()


def eligible_handlers(grievance):
    """The users who may be assigned the case: its partnership's case handlers without a
    conflict of interest, and for an appeal not the appealed case's handler."""
    users = get_user_model().objects.filter(
        is_active=True, grievance_roles__partnership_id=grievance.partnership_id,
        grievance_roles__role__in=CASE_HANDLERS)
    if grievance.about_organisation_id:
        users = users.exclude(person__organisation_id=grievance.about_organisation_id).exclude(
            pk__in=Representative.objects.filter(
                membership__organisation_id=grievance.about_organisation_id).values(
                "person__user_id").filter(person__user_id__isnull=False))
    if grievance.appeal_of_id and grievance.appeal_of.assigned_to_id:
        users = users.exclude(pk=grievance.appeal_of.assigned_to_id)
    return users.distinct().order_by("first_name", "username")


def recipients(grievance, user_ids=None) -> set[int]:
    """Of `user_ids` (default: everyone tied to the case's partnership as handler or
    steward, and admins), those who may see the case: for notifications."""
    users = get_user_model().objects.filter(is_active=True)
    if user_ids is not None:
        users = users.filter(pk__in=set(user_ids))
    else:
        users = users.filter(
            Q(is_superuser=True)
            | Q(grievance_roles__partnership_id=grievance.partnership_id)
            | Q(person__broker_assignments__partnership_id=grievance.partnership_id))
    allowed = set()
    for user in users.distinct():
        if visible_grievances(user).filter(pk=grievance.pk).exists():
            allowed.add(user.pk)
    return allowed


def partnership_or_404(request, partnership_id: int):
    """The partnership for a grievance page: whoever may see it, and its named handlers
    (a focal point need not represent a member to handle its grievances); 404 for others."""
    from partnering.partnerships import access as partnerships
    from partnering.partnerships.models import Partnership

    try:
        return partnerships.partnership_or_404(request, partnership_id)
    except Http404:
        if not request.user.is_authenticated:
            raise
        partnership = Partnership.objects.filter(
            pk=partnership_id, grievance_handlers__user=request.user).first()
        if partnership is None:
            raise
        partnership.access = partnerships.lazy_access(request.user, partnership)
        return partnership
