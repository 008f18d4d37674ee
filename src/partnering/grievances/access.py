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

**Platform cases** (a grievance about a platform or a partner in it) follow the same rules
with the platform in the partnership's place: its named handlers (GrievanceHandler with the
platform) handle them, and while it names none, its secretariat people (Platform.
secretariat_people) are its handlers; the rest of its secretariat (platforms.access) reads
its cases that are not restricted, as stewards do. Restricted platform cases: the handlers
and admins only. A private platform's grievance pages answer 404 to whoever may not see it.

**Escalation to the secretariat**: a partnership's case escalated to the secretariat is
seen and handled by the secretariat people of the platforms under whose forums the
partnership works (platforms' Forum.partnerships) — not when restricted (handlers and
admins only) — as a platform's case escalated to it is by its secretariat.

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


def _default_platforms(user_id):
    """Platforms naming no case handler, whose secretariat person the user is: their
    handlers by default (a subquery)."""
    from partnering.platforms.models import Platform

    named = GrievanceHandler.objects.filter(platform__isnull=False,
                                            role__in=CASE_HANDLERS).values("platform_id")
    return Platform.objects.filter(secretariat_people__user_id=user_id).exclude(
        pk__in=named).values("pk")


def _handled(user_id, roles) -> Q:
    mine = GrievanceHandler.objects.filter(user_id=user_id, role__in=roles)
    handled = (Q(partnership_id__in=mine.filter(partnership__isnull=False)
                 .values("partnership_id"))
               | Q(platform_id__in=mine.filter(platform__isnull=False).values("platform_id")))
    if HandlerRole.FOCAL_POINT in roles:
        handled |= Q(platform_id__in=_default_platforms(user_id))
    return handled


def _secretariat_escalated(user_id) -> Q:
    """Cases escalated to a secretariat the user is a person of: a platform's own, and
    those of the partnerships working under its forums (not restricted ones)."""
    from partnering.platforms.models import Forum, Platform

    platforms = Platform.objects.filter(secretariat_people__user_id=user_id).values("pk")
    under = Forum.partnerships.through.objects.filter(
        forum__platform_id__in=platforms).values("partnership_id")
    return Q(escalated_to=EscalatedTo.SECRETARIAT, restricted=False) & (
        Q(platform_id__in=platforms) | Q(partnership_id__in=under))


def _may_handle_q(user_id) -> Q:
    escalated = Q(escalated_to=EscalatedTo.GOVERNANCE_BODY) & _handled(
        user_id, [HandlerRole.GOVERNANCE_BODY])
    not_first_handler = Q(appeal_of__isnull=True) | ~Q(appeal_of__assigned_to_id=user_id)
    return ((_handled(user_id, CASE_HANDLERS) | escalated | _secretariat_escalated(user_id))
            & _not_conflicted(user_id) & not_first_handler)


def _may_see_q(user_id) -> Q:
    from partnering.platforms.access import _secretariat_platform_ids

    stewarded = Q(restricted=False) & (
        Q(partnership_id__in=BrokerAssignment.objects.filter(
            person__user_id=user_id).values("partnership_id"))
        | Q(platform_id__in=_secretariat_platform_ids(user_id)))
    handled = _handled(user_id, CASE_HANDLERS) | _secretariat_escalated(user_id) | (
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
    grievance = rows.select_related("partnership", "platform", "about_organisation",
                                    "assigned_to", "appeal_of").filter(pk=grievance_id).first()
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


def _is_platform(owner) -> bool:
    from partnering.platforms.models import Platform

    return isinstance(owner, Platform)


def owner_q(owner, prefix: str = "") -> Q:
    """Rows of this partnership's or platform's mechanism."""
    return Q(**{f"{prefix}{'platform' if _is_platform(owner) else 'partnership'}": owner})


def handlers_of_platform(platform):
    """The users who handle a platform's cases: its named case handlers, else its
    secretariat people."""
    users = get_user_model().objects.filter(is_active=True)
    named = users.filter(grievance_roles__platform=platform,
                         grievance_roles__role__in=CASE_HANDLERS)
    if named.exists():
        return named
    return users.filter(person__platform_secretariats=platform)


def may_see_platform_cases(user, platform) -> bool:
    """Whether the platform's grievance list is for this user: its handlers, its
    secretariat and admins (else the list is not shown)."""
    from partnering.platforms.access import platform_access

    if not user.is_authenticated:
        return False
    return (platform_access(user, platform).can_manage
            or GrievanceHandler.objects.filter(platform=platform, user=user).exists())


def may_enter(user, owner) -> bool:
    """Staff entry (in person, phone, SMS, e-mail): the handlers of the partnership (or
    platform) and admins."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if _is_platform(owner):
        return handlers_of_platform(owner).filter(pk=user.pk).exists()
    return GrievanceHandler.objects.filter(
        partnership=owner, user=user, role__in=CASE_HANDLERS).exists()


def eligible_handlers(grievance):
    """The users who may be assigned the case: its partnership's case handlers without a
    conflict of interest, and for an appeal not the appealed case's handler."""
    if grievance.platform_id:
        users = handlers_of_platform(grievance.platform_id)
    else:
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
    elif grievance.platform_id:
        users = users.filter(Q(is_superuser=True)
                             | Q(grievance_roles__platform_id=grievance.platform_id)
                             | Q(person__platform_secretariats=grievance.platform_id))
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


def platform_or_404(request, platform_id: int, need: str = "view"):
    """The platform for a grievance page: whoever may see it (`need="manage"`: its
    secretariat and admins, else 403), and its named handlers; 404 for others."""
    from partnering.platforms import access as platforms
    from partnering.platforms.models import Platform

    try:
        return platforms.platform_or_404(request, platform_id, need)
    except Http404:
        if not request.user.is_authenticated or need != "view":
            raise
        platform = Platform.objects.filter(
            pk=platform_id, grievance_handlers__user=request.user).first()
        if platform is None:
            raise
        platform.access = platforms.platform_access(request.user, platform)
        return platform


def platform_organisations(platform):
    """The organisations a platform's grievance may be about: the members of its forums
    and its secretariat organisations."""
    from partnering.registry.models import Organisation

    return Organisation.objects.filter(
        Q(forum_memberships__forum__platform=platform) | Q(platform_secretariats=platform)
    ).distinct().order_by("name", "pk")
