from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "partnering.grievances"
    verbose_name = "Grievances: complaints, service levels and appeals"

    def ready(self):
        from django.db.models.signals import post_save

        from partnering.grievances.learning import on_grievance_saved

        post_save.connect(on_grievance_saved, sender="grievances.Grievance",
                          dispatch_uid="grievances-learning")
