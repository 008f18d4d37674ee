"""How a partnership (or a platform) sets up its grievance mechanism: its time zone,
closing rule and filing form; its published service levels; its holidays; its named
handlers. For those who manage the partnership (brokers, the lead, admins) or the platform
(its secretariat, admins). These are public facts of the mechanism, so a partnership's go to
its history like any other change (a platform's to the audit trail)."""

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


def _is_platform(owner) -> bool:
    from partnering.platforms.models import Platform

    return isinstance(owner, Platform)


def _owner(owner) -> dict:
    """The owner's field for a new row: a partnership (its brokers, lead and admins set it
    up) or a platform (its secretariat and admins)."""
    return {"platform": owner} if _is_platform(owner) else {"partnership": owner}


def _history(owner) -> dict:
    """A partnership's changes go to its history; a platform's to the audit trail only."""
    return {"partnership_id": None if _is_platform(owner) else owner.pk}


def _may(actor, partnership) -> None:
    if _is_platform(partnership):
        from partnering.platforms.access import platform_access

        require(platform_access(actor, partnership).can_manage,
                _("Only the platform's secretariat and admins may set up its grievance "
                  "mechanism."))
        return
    require(access_for(actor, partnership).can_manage,
            _("Only the partnership's brokers, its lead and admins may set up its grievance "
              "mechanism."))


def settings_of(partnership) -> GrievanceSettings:
    """The settings of a partnership or platform (a platform's clocks run in its own time
    zone until it sets another)."""
    found = GrievanceSettings.objects.filter(**_owner(partnership)).first()
    if found is None and _is_platform(partnership):
        return GrievanceSettings(platform=partnership, time_zone=partnership.time_zone)
    return found or GrievanceSettings(**_owner(partnership))


@transaction.atomic
def save_settings(actor, partnership, **data) -> GrievanceSettings:
    _may(actor, partnership)
    return save_audited(actor, settings_of(partnership), data, **_history(partnership),
                        fields=["time_zone", "closure_attempts", "intake_open"])


@transaction.atomic
def set_service_level(actor, partnership, *, severity: str, **days) -> ServiceLevel:
    _may(actor, partnership)
    level = (ServiceLevel.objects.filter(severity=severity, **_owner(partnership)).first()
             or ServiceLevel(severity=severity, **_owner(partnership)))
    return save_audited(actor, level, days, **_history(partnership),
                        fields=["severity", "acknowledge_days", "respond_days",
                                "resolve_days"])


@transaction.atomic
def add_holiday(actor, partnership, *, date, name: str) -> Holiday:
    _may(actor, partnership)
    if Holiday.objects.filter(date=date, **_owner(partnership)).exists():
        raise ValidationError({"date": _("That day is already a holiday.")})
    return save_audited(actor, Holiday(**_owner(partnership)), {"date": date, "name": name},
                        **_history(partnership), fields=["date", "name"])


@transaction.atomic
def remove_holiday(actor, holiday: Holiday) -> None:
    _may(actor, holiday.owner)
    record(actor, "delete", holiday, partnership_id=holiday.partnership_id)
    holiday.delete()


@transaction.atomic
def name_handler(actor, partnership, *, email: str, role: str) -> GrievanceHandler:
    """Name the person with this account e-mail a handler (or change their role)."""
    _may(actor, partnership)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No account has this e-mail address.")})
    handler = (GrievanceHandler.objects.filter(user=user, **_owner(partnership)).first()
               or GrievanceHandler(user=user, **_owner(partnership)))
    return save_audited(actor, handler, {"role": role}, **_history(partnership),
                        fields=["user", "role"])


@transaction.atomic
def remove_handler(actor, handler: GrievanceHandler) -> None:
    _may(actor, handler.owner)
    record(actor, "delete", handler, partnership_id=handler.partnership_id)
    handler.delete()
