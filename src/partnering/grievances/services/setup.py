"""How a partnership sets up its grievance mechanism: its time zone, closing rule and
filing form; its published service levels; its holidays; its named handlers. For those who
manage the partnership (brokers, the lead, admins). These are public facts of the mechanism,
so they go to the partnership's history like any other change."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.grievances.models import (
    GrievanceHandler,
    GrievanceSettings,
    Holiday,
    ServiceLevel,
)
from partnering.guards import require
from partnering.partnerships.access import access_for


def _may(actor, partnership) -> None:
    require(access_for(actor, partnership).can_manage,
            _("Only the partnership's brokers, its lead and admins may set up its grievance "
              "mechanism."))


def settings_of(partnership) -> GrievanceSettings:
    return (GrievanceSettings.objects.filter(partnership=partnership).first()
            or GrievanceSettings(partnership=partnership))


@transaction.atomic
def save_settings(actor, partnership, **data) -> GrievanceSettings:
    _may(actor, partnership)
    return save_audited(actor, settings_of(partnership), data, partnership_id=partnership.pk,
                        fields=["time_zone", "closure_attempts", "intake_open"])


@transaction.atomic
def set_service_level(actor, partnership, *, severity: str, **days) -> ServiceLevel:
    _may(actor, partnership)
    level = (ServiceLevel.objects.filter(partnership=partnership, severity=severity).first()
             or ServiceLevel(partnership=partnership, severity=severity))
    return save_audited(actor, level, days, partnership_id=partnership.pk,
                        fields=["severity", "acknowledge_days", "respond_days",
                                "resolve_days"])


@transaction.atomic
def add_holiday(actor, partnership, *, date, name: str) -> Holiday:
    _may(actor, partnership)
    if Holiday.objects.filter(partnership=partnership, date=date).exists():
        raise ValidationError({"date": _("That day is already a holiday.")})
    return save_audited(actor, Holiday(partnership=partnership), {"date": date, "name": name},
                        partnership_id=partnership.pk, fields=["date", "name"])


@transaction.atomic
def remove_holiday(actor, holiday: Holiday) -> None:
    _may(actor, holiday.partnership)
    record(actor, "delete", holiday, partnership_id=holiday.partnership_id)
    holiday.delete()


@transaction.atomic
def name_handler(actor, partnership, *, email: str, role: str) -> GrievanceHandler:
    """Name the person with this account e-mail a handler (or change their role)."""
    _may(actor, partnership)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No account has this e-mail address.")})
    handler = (GrievanceHandler.objects.filter(partnership=partnership, user=user).first()
               or GrievanceHandler(partnership=partnership, user=user))
    return save_audited(actor, handler, {"role": role}, partnership_id=partnership.pk,
                        fields=["user", "role"])


@transaction.atomic
def remove_handler(actor, handler: GrievanceHandler) -> None:
    _may(actor, handler.partnership)
    record(actor, "delete", handler, partnership_id=handler.partnership_id)
    handler.delete()
