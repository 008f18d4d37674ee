"""Evidence files leave storage with the values they belong to, however those are deleted:
one value, its indicator, or the whole partnership (the database cascades; Django sends
post_delete for every row it removes). The files go once the deletion commits, so a
rolled-back deletion keeps them."""

import os

from django.core.files.storage import default_storage
from django.db import transaction

from partnering.monitoring.measurements.evidence import delete_files_on_commit, partnership_folder


def remove_evidence_file(sender, instance, **kwargs) -> None:
    delete_files_on_commit([instance.evidence_file.name])


def remove_evidence_folder(sender, instance, **kwargs) -> None:
    """After its files, the partnership's emptied folder (storages without folders: none)."""
    folder = partnership_folder(instance.pk)

    def remove() -> None:
        try:
            os.rmdir(default_storage.path(folder))
        except (NotImplementedError, OSError):
            pass  # no local folder, already gone, or still holding files

    transaction.on_commit(remove)
