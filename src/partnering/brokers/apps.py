from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_instrument(sender, **kwargs):
    from partnering.brokers.assignments.instrument import load_instrument

    load_instrument()


class BrokersConfig(AppConfig):
    name = "partnering.brokers"
    verbose_name = "Brokers"

    def ready(self):
        from partnering.brokers.assignments import notices  # noqa: F401  (receivers)

        # "Broker fairness and support": a built-in survey, made once, then editable.
        post_migrate.connect(_load_instrument, sender=self)
