"""Re-index an organisation's profile when it, or a partnership it is in, changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partnering.discovery import profiles
from partnering.discovery.models import OrganisationProfile
from partnering.partnerships.models import Membership, Partnership
from partnering.registry.models import Organisation


def _later(ids) -> None:
    ids = list(ids)
    # Embedding a profile takes tens of ms with the model loaded: never on the request.
    transaction.on_commit(lambda: profiles.index_later(ids))


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
