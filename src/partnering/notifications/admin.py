from django.contrib import admin

from partnering.notifications.models import Delivery, Digest, Notification


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
