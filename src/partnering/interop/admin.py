from django.contrib import admin

from partnering.interop.models import IatiActivity, ImportJob, OrganisationAlias


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(admin.ModelAdmin):
    """Where an import matched two organisations that are not the same (two ministries of
    health with no ref), move the alias to the right organisation or delete it."""

    list_display = ["value", "kind", "organisation", "created"]
    list_filter = ["kind"]
    search_fields = ["value", "organisation__name", "organisation__identifier"]
    raw_id_fields = ["organisation"]


@admin.register(IatiActivity)
class IatiActivityAdmin(admin.ModelAdmin):
    list_display = ["iati_identifier", "partnership", "activity_status", "last_updated",
                    "source_file", "imported_at"]
    search_fields = ["iati_identifier", "partnership__title", "reporting_org_ref"]
    readonly_fields = [f.name for f in IatiActivity._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "status", "progress", "created_by", "created"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False
