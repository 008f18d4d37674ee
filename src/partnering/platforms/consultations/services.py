"""Consultations and submissions: one function per thing a user does, each in a transaction
with its audit record. A submission raises an original item at its forum (the item is what
travels upward, see items.py)."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.guards import require
from partnering.platforms import access
from partnering.platforms.loops import facts
from partnering.platforms.models import (
    Consultation,
    ConsultationInvitation,
    ConsultationSection,
    Item,
    ItemOrigin,
    ItemStep,
    Submission,
    token_hash,
)
from partnering.platforms.vocabulary import ConsultationStatus, ItemKind, StepAction, Voice
from partnering.translations.languages import active_language

CONSULTATION_FIELDS = ["title", "document", "description", "language", "opens_on",
                       "closes_on", "answer_deadline", "status", "levels"]
TITLE_LENGTH = 80


@transaction.atomic
def open_consultation(actor, platform, *, title: str, document: str, opens_on: dt.date,
                      closes_on: dt.date, levels, answer_deadline: dt.date | None = None,
                      description: str = "", language: str = "",
                      sections=()) -> Consultation:
    """The secretariat opens a consultation on a plan or document, with its sections
    (number, title, text), the levels that may submit and a published answer deadline (by
    default the platform's days to answer after the closing date)."""
    require(access.platform_access(actor, platform).can_manage,
            _("Only the platform's secretariat may open a consultation."))
    levels = list(levels)
    if not levels or any(level.platform_id != platform.pk for level in levels):
        raise ValidationError({"levels": _("Choose the levels of this platform that may "
                                           "submit.")})
    if answer_deadline is None and closes_on:
        answer_deadline = Consultation.default_deadline(closes_on, platform)
    data = {"title": (title or "").strip(), "document": (document or "").strip(),
            "description": description or "", "language": language or active_language(),
            "opens_on": opens_on, "closes_on": closes_on, "answer_deadline": answer_deadline,
            "status": ConsultationStatus.OPEN}
    consultation = save_audited(actor, Consultation(platform=platform, created_by=actor),
                                data, fields=CONSULTATION_FIELDS, m2m={"levels": levels},
                                action="consultation.opened",
                                summary=f"{platform}: {data['title']}")
    for position, (number, section_title, text) in enumerate(sections, start=1):
        _add_section(consultation, number, section_title, text, position)
    return consultation


def _add_section(consultation, number, title, text, position) -> ConsultationSection:
    section = ConsultationSection(consultation=consultation, number=str(number).strip(),
                                  title=(title or "").strip(), text=text or "",
                                  position=position)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def add_section(actor, consultation, *, number: str, title: str,
                text: str = "") -> ConsultationSection:
    require(access.platform_access(actor, consultation.platform).can_manage)
    position = consultation.sections.count() + 1
    section = _add_section(consultation, number, title, text, position)
    record(actor, "create", section, summary=f"{consultation}: {section}")
    return section


@transaction.atomic
def create_invitation(actor, consultation, forum, *,
                      label: str = "") -> tuple[ConsultationInvitation, str]:
    """A link the forum shares with people without an account; the token is shown once."""
    require(access.forum_access(actor, forum).can_facilitate)
    if forum.platform_id != consultation.platform_id:
        raise ValidationError(_("That forum belongs to another platform."))
    token = secrets.token_urlsafe(24)
    invitation = ConsultationInvitation(consultation=consultation, forum=forum,
                                        label=(label or "").strip()[:200],
                                        token_hash=token_hash(token), created_by=actor)
    invitation.save()
    record(actor, "create", invitation, summary=f"{forum}: {consultation}")
    return invitation, token


@transaction.atomic
def revoke_invitation(actor, invitation: ConsultationInvitation) -> ConsultationInvitation:
    """The link stops working: it answers as an unknown link does."""
    require(access.forum_access(actor, invitation.forum).can_facilitate,
            _("Only the forum's facilitator or the secretariat may revoke its links."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation link is already revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(actor, "invitation.revoked", invitation,
           changes={"revoked_at": [None, invitation.revoked_at.isoformat()]},
           summary=f"{invitation.forum}: {invitation}")
    return invitation


def invitation_for(token: str) -> ConsultationInvitation | None:
    return ConsultationInvitation.objects.select_related(
        "consultation__platform", "forum__level").filter(
        token_hash=token_hash(token or ""), revoked_at__isnull=True).first()


# --- Submissions --------------------------------------------------------------------------

def _require_open(consultation, forum) -> None:
    today = timezone.localtime(timezone.now(), consultation.platform.zone).date()
    if not consultation.is_open_on(today):
        raise ValidationError(_("This consultation is not open for submissions."))
    if not consultation.levels.filter(pk=forum.level_id).exists():
        raise ValidationError(_("Forums on this level may not submit to this consultation."))


def _section(consultation, section):
    if section is not None and section.consultation_id != consultation.pk:
        raise ValidationError({"section": _("That section belongs to another "
                                            "consultation.")})
    return section


def _raise_item(submission, actor) -> Item:
    """The original item a submission raises at its forum, with its first step."""
    title = " ".join(submission.text.split())[:TITLE_LENGTH]
    item = Item.objects.create(
        consultation=submission.consultation, section=submission.section,
        forum=submission.forum, level=submission.level, title=title, text=submission.text,
        kind=ItemKind.ORIGINAL, created_by=actor)
    ItemOrigin.objects.create(item=item, submission=submission)
    ItemStep.objects.create(item=item, forum=submission.forum, level=submission.level,
                            action=StepAction.RAISED, by=actor, at=submission.created_at)
    facts.refresh([submission.pk])
    return item


def _save_submission(submission) -> Submission:
    submission.text = (submission.text or "").strip()
    if not submission.text:
        raise ValidationError({"text": _("Write your input.")})
    submission.full_clean(exclude=["receipt_hash"])
    submission.save()
    return submission


@transaction.atomic
def submit(actor, consultation, forum, *, text: str, section=None, language: str = "",
           voice: str = Voice.ORGANISATION, organisation=None) -> Submission:
    """A forum member's input, as their organisation (theirs by default) or their forum."""
    require(access.forum_access(actor, forum).can_submit,
            _("Only members of this forum may submit from it."))
    _require_open(consultation, forum)
    if voice not in (Voice.ORGANISATION, Voice.FORUM):
        raise ValidationError({"voice": _("Submit as your organisation or your forum.")})
    person = getattr(actor, "person", None)
    if voice == Voice.ORGANISATION:
        organisation = organisation or (person.organisation if person else None)
        if organisation is None or person is None or organisation.pk != person.organisation_id:
            raise ValidationError({"voice": _("You may submit only as your own "
                                              "organisation.")})
    else:
        organisation = None
    submission = _save_submission(Submission(
        consultation=consultation, forum=forum, level=forum.level,
        section=_section(consultation, section), text=text,
        language=language or active_language(), voice=voice, submitted_by=actor,
        as_organisation=organisation, sector=organisation.sector if organisation else ""))
    _raise_item(submission, actor)
    record(actor, "submission.made", submission,
           summary=f"{organisation or forum} on {consultation}")
    return submission


@transaction.atomic
def submit_by_invitation(token: str, *, text: str, section=None, language: str = "",
                         name: str = "", anonymous: bool = False) -> tuple[Submission, str]:
    """Input through a forum's invitation link, from someone without an account; with
    `anonymous`, nothing about them is kept (not even the name they typed). Returns the
    submission and a receipt token (shown once) that leads back to its answer."""
    invitation = invitation_for(token)
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    consultation, forum = invitation.consultation, invitation.forum
    _require_open(consultation, forum)
    receipt = secrets.token_urlsafe(24)
    submission = _save_submission(Submission(
        consultation=consultation, forum=forum, level=forum.level,
        section=_section(consultation, section), text=text,
        language=language or active_language(),
        voice=Voice.ANONYMOUS if anonymous else Voice.PERSON, anonymous=anonymous,
        name="" if anonymous else (name or "").strip()[:200], invitation=invitation,
        receipt_hash=token_hash(receipt, "submission-receipt")))
    ConsultationInvitation.objects.filter(pk=invitation.pk).update(
        used_count=F("used_count") + 1)
    _raise_item(submission, None)
    record(None, "submission.made", submission, summary=f"{forum} on {consultation}")
    return submission, receipt


def submission_for_receipt(receipt: str) -> Submission | None:
    return Submission.objects.select_related("consultation", "forum").filter(
        receipt_hash=token_hash(receipt or "", "submission-receipt")).first()
