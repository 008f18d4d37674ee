from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "partnering.monitoring"
    verbose_name = "Monitoring and results"

    def ready(self):
        from django.db.models.signals import post_delete

        from partnering.audit.signals import event_recorded, events_recorded
        from partnering.monitoring import signals
        from partnering.monitoring.models import Measurement
        from partnering.monitoring.rollup import receivers
        from partnering.partnerships.models import Partnership

        post_delete.connect(signals.remove_evidence_file, sender=Measurement,
                            dispatch_uid="remove_evidence_file")
        post_delete.connect(signals.remove_evidence_folder, sender=Partnership,
                            dispatch_uid="remove_evidence_folder")
        event_recorded.connect(receivers.event_recorded, dispatch_uid="summaries_follow_events")
        events_recorded.connect(receivers.events_recorded, dispatch_uid="summaries_follow_bulk")
