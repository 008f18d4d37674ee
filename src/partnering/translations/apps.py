from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "partnering.translations"
    label = "translations"
    verbose_name = "Content translations"

    def ready(self):
        from partnering.translations import kinds, registry

        registry.register_audit_actions()
        kinds.register_all()
