"""Re-index an organisation's profile when it, or a partnership it is in, changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partnering.discovery import profiles
from partnering.discovery.models import OrganisationProfile
from partnering.partnerships.models import Membership, Partnership
from partnering.registry.models import Organisation


def _flush() -> None:
    connection = transaction.get_connection()
    ids = getattr(connection, "_partnering_profiles_pending", None)
    if ids:
        connection._partnering_profiles_pending = set()
        profiles.index_later(ids)


def _later(ids) -> None:
    # Embedding a profile takes tens of ms with the model loaded: never on the request, and
    # one job for a transaction that saves a thousand organisations, not a thousand jobs:
    # the ids gather on the connection, and the first hook to run after the commit queues
    # them all (the others find nothing left). Ids of a rolled-back transaction go with the
    # next commit's: indexing an organisation again is harmless.
    connection = transaction.get_connection()
    pending = getattr(connection, "_partnering_profiles_pending", None)
    if pending is None:
        pending = connection._partnering_profiles_pending = set()
    pending.update(ids)
    transaction.on_commit(_flush)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _later([instance.pk])


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _later([instance.organisation_id])


@receiver(post_save, sender=Partnership)
def partnership_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        profiles.forget_partnership_vector(instance.pk)
        _later(instance.memberships.values_list("organisation_id", flat=True))


@receiver(post_delete, sender=OrganisationProfile)
def profile_deleted(sender, instance, **kwargs):
    profiles.profile_removed()
