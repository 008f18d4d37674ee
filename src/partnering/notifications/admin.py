from django.contrib import admin

from partnering.notifications.models import Delivery, Digest, Notification, OutgoingMail


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["channel", "status", "frequency", "reason", "attempts", "sent_at",
                       "digest"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "category", "partnership_title", "created",
                    "read_at"]
    list_filter = ["category", "needs_action"]
    search_fields = ["title", "recipient__username", "cause"]
    raw_id_fields = ["recipient", "event"]
    inlines = [DeliveryInline]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "period_key", "status", "items", "created"]
    list_filter = ["period", "status"]
    raw_id_fields = ["user"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The spool, without the bodies: an unsent body holds a personal link."""

    list_display = ["kind", "to_email", "status", "reason", "attempts", "created", "sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["to_email"]
    fields = readonly_fields = ["kind", "to_email", "invitation", "language", "subject",
                                "note", "status", "reason", "attempts", "created", "sent_at"]
