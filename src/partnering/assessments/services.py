"""Writes of the assessments app: rounds, groups, invitations, reminders, answers, the
summit's action plan. Answers are not written to the audit trail: the trail names its actor
and time, which would tie a respondent to a response."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnering.assessments.answering import (  # noqa: F401  (answering, by link)
    invitation_for,
    response_for,
    save_answers,
)
from partnering.assessments.models import (
    ActionPlanItem,
    Instrument,
    InstrumentKind,
    Invitation,
    Perspective,
    RespondentGroup,
    Round,
    token_hash,
)
from partnering.audit.services import record, save_audited
from partnering.guards import require
from partnering.links import absolute_url
from partnering.partnerships.access import access_for
from partnering.registry.permissions import person_of
from partnering.registry.vocabulary import Sector


@dataclass(frozen=True)
class RoundAccess:
    can_view: bool = False
    can_manage: bool = False


def round_access(user, round_: Round) -> RoundAccess:
    if not user.is_authenticated:
        return RoundAccess()
    if user.is_superuser:
        return RoundAccess(True, True)
    if round_.partnership_id:
        access = access_for(user, round_.partnership)
        return RoundAccess(access.can_contribute, access.can_manage)
    return RoundAccess(*(2 * [organisation_admin(user, round_.organisation_id)]))


def organisation_admin(user, organisation_id) -> bool:
    if user.is_superuser:
        return True
    person = person_of(user)
    return bool(person and person.is_organisation_admin
                and person.organisation_id == organisation_id)


def _partnership_id(round_: Round):
    return round_.partnership_id


@transaction.atomic
def create_round(actor, instrument: Instrument, *, title: str, opens_at, closes_at,
                 partnership=None, organisation=None, grouping: str = "organisation") -> Round:
    """A round with its respondent groups: for a partnership, one group per member
    organisation (or per sector, `grouping="sector"`); for an organisation, its own staff
    (the self-view) and its partners."""
    if partnership is not None:
        require(access_for(actor, partnership).can_manage,
                 _("Only the lead partner, the brokers and admins run health checks."))
    elif organisation is not None:
        require(organisation_admin(actor, organisation.pk),
                 _("Only the organisation's admins run its assessments."))
    if partnership is not None and instrument.kind == InstrumentKind.FIT:
        raise ValidationError({"instrument": _("Fit for partnering is about one organisation: "
                                                 "start it from the organisation.")})
    if organisation is not None and instrument.kind == InstrumentKind.HEALTH_CHECK:
        raise ValidationError({"instrument": _("A health check is about a partnership.")})
    if grouping not in ("organisation", "sector"):
        raise ValidationError({"grouping": _("Group respondents by organisation or by sector.")})
    round_ = save_audited(actor, Round(created_by=actor), {
        "instrument": instrument, "partnership": partnership, "organisation": organisation,
        "title": title, "opens_at": opens_at, "closes_at": closes_at,
    }, fields=["instrument", "title", "opens_at", "closes_at"],
        partnership_id=partnership.pk if partnership else None, action="round.opened",
        summary=f"Started the assessment round “{title}”")
    if partnership is not None:
        members = partnership.memberships.select_related("organisation")
        if grouping == "sector":
            sectors = sorted({m.organisation.sector for m in members})
            for sector in sectors:
                with translation.override("en"):  # stored in English, shown translated
                    name = str(Sector(sector).label)
                RespondentGroup.objects.create(round=round_, name=name,
                                               perspective=Perspective.MEMBER)
        else:
            for membership in members:
                RespondentGroup.objects.create(
                    round=round_, name=membership.organisation.name[:200],
                    organisation=membership.organisation,
                    perspective=Perspective.SELF if membership.role == "lead"
                    else Perspective.PARTNER)
    else:
        RespondentGroup.objects.create(round=round_, name=gettext_noop("Own staff"),
                                       perspective=Perspective.SELF, organisation=organisation)
        RespondentGroup.objects.create(round=round_, name=gettext_noop("Partners"),
                                       perspective=Perspective.PARTNER)
    return round_


@transaction.atomic(durable=True)
def add_group(actor, round_: Round, *, name: str, perspective: str = Perspective.MEMBER,
              organisation=None) -> RespondentGroup:
    require(round_access(actor, round_).can_manage)
    group = RespondentGroup(round=round_)
    return save_audited(actor, group, {"name": name, "perspective": perspective,
                                       "organisation": organisation},
                        fields=["name", "perspective"], partnership_id=_partnership_id(round_),
                        summary=f"Added the respondent group {name}")


def response_link(token: str) -> str:
    """The personal link of an invitation, absolute from SITE_URL (mails, SMS)."""
    return absolute_url("assessment_respond", token)


def _queue_mail(invitation: Invitation, token: str, *, kind: str) -> None:
    """Queued in the caller's transaction; a job sends it once that commits (no SMTP on a
    request). The message with its link stays at rest only until it is sent."""
    from partnering.notifications.outgoing import queue_survey_mail

    queue_survey_mail(invitation, response_link(token), kind=kind)


def _supersede_mail(invitation: Invitation) -> None:
    """An unsent mail of the invitation carries a link that no longer works: cleared."""
    from partnering.notifications.outgoing import supersede

    supersede(invitation)


@transaction.atomic
def invite(actor, round_: Round, *, group: RespondentGroup, email: str, name: str = "",
           send: bool = True) -> tuple[Invitation, str]:
    """An invitation with a personal, unguessable token; only its hash is stored, so the
    raw token is returned (and mailed, by a job after the commit) once."""
    require(round_access(actor, round_).can_manage)
    if group.round_id != round_.pk:
        raise ValidationError({"group": _("That group belongs to another round.")})
    if timezone.now() >= round_.closes_at:
        raise ValidationError({"round": _("The round has closed.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(round=round_, group=group, name=name.strip(),
                            email=email.strip().lower(), token_hash=token_hash(token))
    if Invitation.objects.filter(round=round_, email=invitation.email).exists():
        raise ValidationError({"email": f"{invitation.email} is already invited to the "
                                        "round."})
    invitation.full_clean()
    if send:
        invitation.sent_at = timezone.now()
    invitation.save()
    record(actor, "create", invitation, partnership_id=_partnership_id(round_),
           summary=f"Invited {invitation.email} ({group.name})")
    if send:
        _queue_mail(invitation, token, kind="invitation")
    return invitation, token


@transaction.atomic(durable=True)
def close_round(actor, round_: Round) -> Round:
    """Close an open round now, before its planned end: no more answers, and the results
    show (for groups large enough)."""
    require(round_access(actor, round_).can_manage)
    now = timezone.now()
    if now < round_.opens_at:
        raise ValidationError({"round": _("The round has not opened yet.")})
    if now >= round_.closes_at:
        raise ValidationError({"round": _("The round has closed already.")})
    return save_audited(actor, round_, {"closes_at": now}, fields=["closes_at"],
                        partnership_id=_partnership_id(round_), action="round.closed",
                        summary=f"Closed the assessment round “{round_.title}”")


def unanswered(round_: Round):
    return round_.invitations.filter(submitted=False).select_related("group")


@transaction.atomic(durable=True)
def send_reminders(actor, round_: Round) -> int:
    """Remind everyone who has not submitted. Their old link is replaced by a new one (only
    hashes are stored); a draft stays attached to the invitation, so nothing is lost."""
    require(round_access(actor, round_).can_manage)
    if not round_.is_open:
        raise ValidationError({"round": _("Reminders go out only while the round is open.")})
    now = timezone.now()
    count = 0
    for invitation in unanswered(round_).select_for_update():
        token = secrets.token_urlsafe(32)
        invitation.token_hash = token_hash(token)
        invitation.reminded_at = now
        invitation.reminders += 1
        invitation.save(update_fields=["token_hash", "reminded_at", "reminders"])
        _queue_mail(invitation, token, kind="reminder")
        count += 1
    record(actor, "update", round_, partnership_id=_partnership_id(round_),
           summary=f"Sent {count} reminder(s)")
    return count


@transaction.atomic(durable=True)
def new_link(actor, invitation: Invitation) -> str:
    """A fresh personal link for one invited person, to hand out by SMS or a messaging app;
    the old link stops working (only hashes are stored), a draft stays. Given whether or not
    the person has answered, so that asking for links does not tell stewards who answered."""
    round_ = invitation.round
    require(round_access(actor, round_).can_manage)
    if not round_.is_open:
        raise ValidationError({"round": _("Links are handed out only while the round is open.")})
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.save(update_fields=["token_hash"])
    _supersede_mail(invitation)
    record(actor, "update", invitation, partnership_id=_partnership_id(round_),
           summary=f"New personal link for {invitation.email}, to hand out in person")
    return token


# --- the summit ------------------------------------------------------------------------

@transaction.atomic
def add_plan_item(actor, round_: Round, *, title: str, due_date, dimension=None,
                  owner_organisation=None, owner_person=None, owner_name: str = ""):
    """Turn a result into an action. A partnership's round creates a governance Action
    (shared accountability, with the other actions of the partnership); an organisation's
    round keeps its action plan here."""
    require(round_access(actor, round_).can_manage)
    if dimension is not None and dimension.instrument_id != round_.instrument_id:
        raise ValidationError({"dimension": _(
            "That dimension is not in this round's instrument.")})
    item = ActionPlanItem(round=round_, created_by=actor)
    action = None
    if round_.partnership_id:
        from partnering.governance.decisions import services as governance

        if owner_organisation is None:
            raise ValidationError({"owner_organisation": _(
                "Name the member organisation that owes the action.")})
        if not round_.partnership.memberships.filter(organisation=owner_organisation).exists():
            raise ValidationError({"owner_organisation": _("Choose a member organisation.")})
        action = governance.create_action(
            actor, round_.partnership, title=title, owner_organisation=owner_organisation,
            owner_person=owner_person, due_date=due_date,
            description=f"From the summit of “{round_.title}”.")
        owner_name = str(owner_person or owner_organisation)
    elif not owner_name.strip():
        raise ValidationError({"owner_name": _("Name who owns the action.")})
    return save_audited(actor, item, {"title": title, "due_date": due_date,
                                      "dimension": dimension, "owner_name": owner_name,
                                      "action": action},
                        fields=["title", "due_date", "owner_name"],
                        partnership_id=_partnership_id(round_),
                        summary=f"Summit action “{title[:200]}”")


@transaction.atomic(durable=True)
def set_plan_item_status(actor, item: ActionPlanItem, status: str) -> ActionPlanItem:
    require(round_access(actor, item.round).can_manage)
    if status not in ActionPlanItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if item.action_id:
        from partnering.governance.decisions import services as governance

        mapped = {"open": "open", "done": "done", "dropped": "dropped"}[status]
        governance.update_action(actor, item.action, status=mapped)
    return save_audited(actor, item, {"status": status}, fields=["status"],
                        partnership_id=_partnership_id(item.round))
