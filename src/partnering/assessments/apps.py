from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_builtins(sender, **kwargs):
    from partnering.assessments.builtins import load_builtins

    load_builtins()


class AssessmentsConfig(AppConfig):
    name = "partnering.assessments"
    verbose_name = "Assessments"

    def ready(self):
        # The built-in instruments exist in every database, created once and then editable.
        post_migrate.connect(_load_builtins, sender=self)
