"""Participatory monitoring: another member confirms or queries a reported value, and any
member comments on it. A queried value stops counting until it is corrected or confirmed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import diff, record, save_audited, snapshot
from partnering.guards import require
from partnering.monitoring.cleaning import represented_organisation
from partnering.monitoring.models import Measurement, MeasurementNote, MeasurementStatus
from partnering.monitoring.summaries import refresh_indicator
from partnering.partnerships.access import access_for

VALIDATION_FIELDS = ["status", "validated_by_organisation", "validation_comment"]
VALIDATION_ACTIONS = {MeasurementStatus.CONFIRMED: "measurement.confirmed",
                      MeasurementStatus.QUERIED: "measurement.queried"}


def can_validate(user, access, measurement: Measurement) -> bool:
    """Another member than the reporter's organisation (or an admin) confirms or queries."""
    if access.is_admin:
        return measurement.reported_by_id != user.pk
    others = set(access.represents) - {measurement.reported_by_organisation_id}
    return bool(others) and measurement.reported_by_id != user.pk


def can_comment(user, access, measurement: Measurement) -> bool:
    """Anyone taking part comments on a value; querying it is for another member than the
    reporter's (can_validate)."""
    return access.can_contribute and user.is_authenticated


def _check_validation(status: str, comment: str) -> None:
    if status not in VALIDATION_ACTIONS:
        raise ValidationError({"status": _("Confirm or query the value.")})
    if status == MeasurementStatus.QUERIED and not (comment or "").strip():
        raise ValidationError({"comment": _("Say what you query about this value.")})


@transaction.atomic
def validate_measurement(user, measurement: Measurement, *, status: str,
                         comment: str = "") -> Measurement:
    """Confirm or query a value (audited as measurement.confirmed / measurement.queried,
    with the status, the validating member and the comment as they changed)."""
    partnership = measurement.indicator.partnership
    access = access_for(user, partnership)
    require(can_validate(user, access, measurement), _(
        "A member other than the one who reported the value confirms or queries it."))
    _check_validation(status, comment)
    organisation = represented_organisation(
        partnership, set(access.represents) - {measurement.reported_by_organisation_id})
    before = snapshot(measurement, VALIDATION_FIELDS)
    measurement.status = status
    measurement.validated_by = user
    measurement.validated_by_organisation = organisation
    measurement.validation_comment = comment or ""
    measurement.full_clean()
    measurement.save()
    changes = {"status": [before["status"], status],
               **diff(before, snapshot(measurement, VALIDATION_FIELDS))}
    record(user, VALIDATION_ACTIONS[status], measurement, partnership_id=partnership.pk,
           changes=changes, summary=f"{measurement.get_status_display()}: {comment}"[:500])
    if status == MeasurementStatus.QUERIED:
        _save_note(user, measurement, organisation, comment, is_query=True)
    # A queried value stops counting; a confirmed one counts again.
    refresh_indicator(measurement.indicator)
    return measurement


def _save_note(user, measurement: Measurement, organisation, text: str, *,
               is_query: bool) -> MeasurementNote:
    note = MeasurementNote(measurement=measurement, author=user, organisation=organisation,
                           author_name=(user.get_full_name() or user.get_username())[:200])
    indicator = measurement.indicator
    what = "Query" if is_query else "Comment"
    return save_audited(user, note, {"text": text.strip(), "is_query": is_query},
                        fields=["text", "is_query"], partnership_id=indicator.partnership_id,
                        summary=f"{what} on the value of {indicator.name} for "
                                f"{measurement.period_end.isoformat()}"[:500])


@transaction.atomic
def comment_on_measurement(user, measurement: Measurement, *, text: str,
                           query: bool = False) -> MeasurementNote:
    """A member's comment on a reported value; with `query`, a query: the value is marked
    queried and stops counting until it is corrected or confirmed."""
    partnership = measurement.indicator.partnership
    access = access_for(user, partnership)
    require(can_comment(user, access, measurement),
            _("Only members, brokers and admins comment on values."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment or say what you query.")})
    if query:
        validate_measurement(user, measurement, status=MeasurementStatus.QUERIED,
                             comment=text)
        return measurement.notes.filter(is_query=True).order_by("-id").first()
    organisation = represented_organisation(partnership, access.represents)
    return _save_note(user, measurement, organisation, text, is_query=False)
