"""Who may see and change a person's capabilities: every rule of the app is here, and every
page, API endpoint, export and count calls it.

A person's self-assessments, 360° results and development plans are visible only to the
person, their manager (the manager of a partnerships office they belong to), their mentor
(of a mentoring pair) and platform admins. Anyone else, signed in or not, gets 404.

An office's aggregate view (heat map, trends, enrolment counts) is for the office's people,
its manager, its organisation's admins and platform admins; no individual is shown in it.

Accreditations in the office view (read from the brokers app): a member's accreditations
are shown to whoever sees the office when the member is on the public broker roster
(external, listed, accredited: public roster facts); otherwise only to those who may see
that member's record (the person, the office's manager, their mentor, platform admins)
and to the mentor named on their broker profile. Nothing is counted of the others, so the
page says nothing of accreditations it does not show.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partnering.capabilities.development.models import DevelopmentPlan, MentoringPair
from partnering.capabilities.offices.models import Office, OfficeMember, RoleProfile
from partnering.capabilities.ratings.models import RatingCampaign, RatingRequest
from partnering.registry.models import Person


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def own_person(user):
    """The registry person of a signed-in user, or None."""
    if not user.is_authenticated:
        return None
    return getattr(user, "person", None)


# --- People ------------------------------------------------------------------------------

def managed_ids(user) -> set[int]:
    """The people whose manager `user` is: the members of offices they manage."""
    me = own_person(user)
    if me is None:
        return set()
    return set(OfficeMember.objects.filter(office__manager=me)
               .values_list("person_id", flat=True))


def mentee_ids(user) -> set[int]:
    me = own_person(user)
    if me is None:
        return set()
    return set(MentoringPair.objects.filter(mentor=me).values_list("mentee_id", flat=True))


def visible_people(user):
    """The people whose private record `user` may see (a queryset, for lists and counts)."""
    if is_admin(user):
        return Person.objects.all()
    me = own_person(user)
    if me is None:
        return Person.objects.none()
    return Person.objects.filter(Q(pk=me.pk) | Q(pk__in=managed_ids(user))
                                 | Q(pk__in=mentee_ids(user)))


def can_see_person(user, person) -> bool:
    if is_admin(user):
        return True
    me = own_person(user)
    if me is None:
        return False
    return (me.pk == person.pk or person.pk in managed_ids(user)
            or person.pk in mentee_ids(user))


def is_self(user, person) -> bool:
    me = own_person(user)
    return bool(me and me.pk == person.pk)


def can_review(user, person) -> bool:
    """Manager, mentor or admin: may complete a goal in review and plan for the person."""
    return can_see_person(user, person) and (not is_self(user, person) or is_admin(user))


def can_pair(user, mentee) -> bool:
    """Who names a mentee's mentor: the mentee, their manager, platform admins (a mentor
    cannot pass the mentee's record on to another mentor)."""
    return is_admin(user) or is_self(user, mentee) or mentee.pk in managed_ids(user)


def person_or_404(user, person_id: int) -> Person:
    person = get_object_or_404(Person, pk=person_id)
    if not can_see_person(user, person):
        raise Http404
    return person


# --- Development plans and mentoring ---------------------------------------------------------

def plans_for(user):
    return DevelopmentPlan.objects.filter(person__in=visible_people(user))


def plan_or_404(user, plan_id: int) -> DevelopmentPlan:
    return get_object_or_404(plans_for(user).select_related("person"), pk=plan_id)


def pairs_for(user):
    """Mentoring pairs a user may see: the mentor's and the mentee's, and those of whom the
    mentee is visible to (their manager, admins)."""
    if is_admin(user):
        return MentoringPair.objects.all()
    me = own_person(user)
    if me is None:
        return MentoringPair.objects.none()
    return MentoringPair.objects.filter(Q(mentor=me) | Q(mentee=me)
                                        | Q(mentee_id__in=managed_ids(user)))


def pair_or_404(user, pair_id: int) -> MentoringPair:
    return get_object_or_404(pairs_for(user).select_related("mentor", "mentee"), pk=pair_id)


# --- 360° ratings ------------------------------------------------------------------------

def open_request_or_404(user, request_id: int) -> RatingRequest:
    """A rating request, for the rater named in it only, while unanswered and while its
    campaign is open (a closed campaign's figures never change)."""
    me = own_person(user)
    if me is None:
        raise Http404
    request = get_object_or_404(RatingRequest.objects.select_related("subject", "campaign"),
                                pk=request_id, rater=me, answered=False)
    if request.campaign is None or not request.campaign.is_open(timezone.localdate()):
        raise Http404
    return request


def campaign_or_404(user, person, campaign_id: int) -> RatingCampaign:
    """A rating campaign of a person whose record `user` may see."""
    if not can_see_person(user, person):
        raise Http404
    return get_object_or_404(RatingCampaign, pk=campaign_id, subject=person)


def may_ask_ratings(user, person) -> bool:
    return is_self(user, person) or can_review(user, person)


# --- Offices -------------------------------------------------------------------------------

def offices_for(user):
    if is_admin(user):
        return Office.objects.all()
    me = own_person(user)
    if me is None:
        return Office.objects.none()
    admin_of = Q(organisation_id=me.organisation_id) if (
        me.is_organisation_admin and me.organisation_id) else Q(pk=None)
    return Office.objects.filter(Q(manager=me) | Q(members__person=me) | admin_of).distinct()


def office_or_404(user, office_id: int) -> Office:
    return get_object_or_404(offices_for(user).select_related("organisation", "manager"),
                             pk=office_id)


def can_manage_office(user, office) -> bool:
    if is_admin(user):
        return True
    me = own_person(user)
    if me is None:
        return False
    return bool(office.manager_id == me.pk or (
        me.is_organisation_admin and me.organisation_id == office.organisation_id))


def can_create_office(user, organisation) -> bool:
    if is_admin(user):
        return True
    me = own_person(user)
    return bool(me and me.is_organisation_admin and me.organisation_id == organisation.pk)


def sees_individuals(user, office) -> set[int]:
    """The office members whose individual record `user` may see in the office's pages."""
    ids = set(office.members.values_list("person_id", flat=True))
    if is_admin(user):
        return ids
    return ids & set(visible_people(user).values_list("pk", flat=True))


def accreditation_people(user, office, individuals: set | None = None) -> set[int]:
    """The office members whose accreditations `user` sees in the office view (above);
    `individuals`: sees_individuals(user, office), when the caller has it already."""
    from partnering.brokers.access import public_roster_q
    from partnering.brokers.roster.models import BrokerProfile

    if individuals is None:
        individuals = sees_individuals(user, office)
    me = own_person(user)
    shown = public_roster_q() | (Q(mentor=me) if me else Q(pk=None))
    return individuals | set(BrokerProfile.objects.filter(
        shown, person__office_memberships__office=office).values_list("person_id", flat=True))


def role_profile_or_404(user, office, profile_id: int) -> RoleProfile:
    """A role profile of an office the user may see (or a platform template, shown with
    it)."""
    return get_object_or_404(RoleProfile.objects.filter(Q(office=office) | Q(office=None)),
                             pk=profile_id)
