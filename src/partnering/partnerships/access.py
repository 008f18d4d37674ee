"""What one user may do in one partnership. Visibility itself is decided by
`Partnership.objects.visible_to(user)`; this adds the finer roles inside."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, CharField, F, Q, Value

from partnering.partnerships.models import (
    BrokerAssignment,
    Membership,
    Partnership,
    Representative,
)
from partnering.partnerships.vocabulary import MemberRole, Visibility
from partnering.prepared import Prepared


@dataclass(frozen=True)
class PartnershipAccess:
    is_admin: bool = False
    is_broker: bool = False
    is_lead: bool = False
    is_member: bool = False
    is_public: bool = False
    # Member organisations this user speaks for here (with their mandate to decide).
    represents: dict = field(default_factory=dict)

    @property
    def can_view(self) -> bool:
        return self.is_public or self.can_contribute

    @property
    def can_contribute(self) -> bool:
        """Record meetings, tick checklist items: every member, broker and admin."""
        return self.is_admin or self.is_broker or self.is_member

    @property
    def can_manage(self) -> bool:
        """Edit the partnership, its members and its phase: brokers, the lead, admins."""
        return self.is_admin or self.is_broker or self.is_lead


def access_for(user, partnership) -> PartnershipAccess:
    is_public = partnership.visibility == Visibility.PUBLIC
    if not user.is_authenticated:
        return PartnershipAccess(is_public=is_public)
    if user.is_superuser:
        return PartnershipAccess(is_admin=True, is_public=is_public)
    represents, roles, is_broker = {}, set(), False
    for kind, organisation_id, role, mandate in _ties(user, partnership):
        if kind == "broker":
            is_broker = True
            continue
        roles.add(role)
        if kind == "representative":
            represents[organisation_id] = mandate
    return PartnershipAccess(
        is_broker=is_broker,
        is_lead=MemberRole.LEAD in roles,
        is_member=bool(roles),
        is_public=is_public,
        represents=represents,
    )


def _ties(user, partnership):
    """What ties the user to the partnership, in one query: the members they represent (with
    their role and mandate), the members whose organisation admin they are, and whether
    they broker it — rows of (kind, organisation id, member role, mandate)."""
    return _TIES("ties", user.pk, partnership.pk)


def _ties_query(_key, user_id: int, partnership_id: int):
    def row(queryset, kind, organisation, role, mandate):
        return queryset.annotate(
            t_kind=Value(kind, CharField()), t_organisation=organisation,
            t_role=role, t_mandate=mandate,
        ).order_by().values_list("t_kind", "t_organisation", "t_role", "t_mandate")

    represented = row(Representative.objects.filter(
        person__user_id=user_id, membership__partnership_id=partnership_id), "representative",
        F("membership__organisation_id"), F("membership__role"), F("has_mandate"))
    administered = row(Membership.objects.filter(
        partnership_id=partnership_id, organisation__people__user_id=user_id,
        organisation__people__is_organisation_admin=True), "admin",
        F("organisation_id"), F("role"), Value(False, BooleanField()))
    brokered = row(BrokerAssignment.objects.filter(
        partnership_id=partnership_id, person__user_id=user_id), "broker",
        F("partnership_id"), Value("", CharField()), Value(False, BooleanField()))
    return represented.union(administered, brokered, all=True)


# Written once per process (partnering.prepared): asked on every partnership page.
_TIES = Prepared(_ties_query, int, int)


def _visible_query(kind: str, *ids: int):
    """One partnership among those `visible_to` a user of this kind (anonymous, admin or
    anyone else); the user's id is the first argument when the rule needs it."""
    if kind == "user":
        user = get_user_model()(pk=ids[0], is_superuser=False)
    else:
        user = get_user_model()(is_superuser=True) if kind == "admin" else AnonymousUser()
    return Partnership.objects.visible_to(user).filter(pk=ids[-1])


_VISIBLE_BY_USER = Prepared(_visible_query, int, int)
_VISIBLE = Prepared(_visible_query, int)


def _visible_one(user, partnership_id: int):
    """The partnership if this user may see it, else None (one query, SQL written once)."""
    if not user.is_authenticated:
        rows = _VISIBLE("anonymous", partnership_id)
    elif user.is_superuser:
        rows = _VISIBLE("admin", partnership_id)
    else:
        rows = _VISIBLE_BY_USER("user", user.pk, partnership_id)
    return rows[0] if rows else None


def visible_partnership(request, partnership_id: int):
    """The partnership for a page or endpoint, or 404 for anyone who may not see it; its
    `access` attribute says what this user may do in it."""
    from django.http import Http404

    partnership = _visible_one(request.user, int(partnership_id))
    if partnership is None:
        raise Http404
    partnership.access = lazy_access(request.user, partnership)
    return partnership


def lazy_access(user, partnership):
    """`access_for`, worked out (three queries) only when something asks what the user
    may do: an endpoint that only reads what the user may see never asks."""
    from django.utils.functional import SimpleLazyObject

    return SimpleLazyObject(lambda: access_for(user, partnership))


def contributable_partnership(request, partnership_id: int):
    """As visible_partnership, for what every member may do (403 for others who see it)."""
    partnership = visible_partnership(request, partnership_id)
    if not partnership.access.can_contribute:
        raise PermissionDenied
    return partnership


def manageable_partnership(request, partnership_id: int):
    """As visible_partnership, for what only brokers, the lead and admins may do."""
    partnership = visible_partnership(request, partnership_id)
    if not partnership.access.can_manage:
        raise PermissionDenied
    return partnership


# --- The one way in -------------------------------------------------------------------
# Pages and API endpoints reach partnership-scoped data only through the functions below.
# `via` names the path from a model to its partnership ("partnership", "round__partnership",
# "indicator__partnership", ...); every id of such an object is treated as private.

NEEDS = {"view": "can_view", "contribute": "can_contribute", "manage": "can_manage"}


def visible_partnerships(user):
    """Every partnership this user may see (the chokepoint: `Partnership.visible_to`)."""
    from partnering.partnerships.models import Partnership

    return Partnership.objects.visible_to(user)


def restrict(queryset, user, *, via: str = "partnership"):
    """`queryset` narrowed to the objects whose partnership this user may see, as NetBox's
    `RestrictedQuerySet.restrict`."""
    return queryset.filter(**{f"{via}__in": visible_partnerships(user).values("pk")})


def scoped_or_404(user, queryset, pk, *, via: str = "partnership"):
    """One partnership-scoped object by id, or 404 when its partnership is hidden from the
    user (so an outsider cannot tell a hidden object from a missing one)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(restrict(queryset, user, via=via), pk=pk)


def partnership_or_404(request, partnership_id: int, need: str = "view"):
    """The partnership for a page or endpoint with its `access`: 404 for whoever may not
    see it, 403 for whoever sees it but lacks `need` ("view", "contribute", "manage")."""
    partnership = visible_partnership(request, partnership_id)
    # Whoever may see a partnership may view it: only the finer needs ask for `access`.
    if need != "view" and not getattr(partnership.access, NEEDS[need]):
        raise PermissionDenied
    return partnership


def call_partnership_or_404(user, partnership_id: int):
    """The invited-respondent rule: a call's partnership is reachable by those who may see
    it, and by people of an organisation that responded to or was invited to one of its
    calls (who see only their own organisation's response, see `responses_for`)."""
    from django.http import Http404

    from partnering.partnerships.models import Partnership

    partnership = visible_partnerships(user).filter(pk=partnership_id).first()
    if partnership is None and user.is_authenticated:
        partnership = Partnership.objects.filter(
            pk=partnership_id, calls__responses__organisation__people__user=user).first()
    if partnership is None:
        raise Http404
    partnership.access = access_for(user, partnership)
    return partnership


# --- Assessment rounds ----------------------------------------------------------------
# A round belongs to a partnership (a health check) or to an organisation (fit for
# partnering); `Round.objects.visible_to` is the model-level rule, and who may see its
# results and run it is `assessments.services.round_access`.


def visible_rounds(user):
    """Every assessment round this user may see."""
    from partnering.assessments.models import Round

    return Round.objects.visible_to(user)


def round_or_404(request, round_id: int, need: str = "view"):
    """The round for a page or endpoint with its `access`: 404 for whoever may not see it
    (members of a visible partnership only may read its rounds), 403 for whoever sees it
    but may not manage it when `need="manage"`."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    from partnering.assessments.services import round_access

    round_ = get_object_or_404(visible_rounds(request.user).select_related(
        "instrument", "partnership", "organisation"), pk=round_id)
    round_.access = round_access(request.user, round_)
    if not round_.access.can_view:
        raise Http404
    if need == "manage" and not round_.access.can_manage:
        raise PermissionDenied
    return round_


# --- The same rules, for many users at once -----------------------------------------

def users_who_may_see(user_ids, partnership_id: int | None, *,
                      invitees: bool = False) -> set[int]:
    """The active users among `user_ids` who may see the partnership (every active user
    when there is no partnership): `Partnership.visible_to` turned around, for notices sent
    to many people at once in a fixed number of queries; with `invitees`, people of
    organisations invited to one of its calls too (the invited-respondent rule)."""
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
