"""Admins edit instruments (labels as {language: text}, questions, dimensions, skip logic)."""

from django.contrib import admin

from partnering.assessments.models import Dimension, Instrument, Question, Section


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "key", "kind", "built_in")
    inlines = [DimensionInline, SectionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "kind", "instrument", "dimension", "reverse_scored")
    list_filter = ("instrument", "kind")
    search_fields = ("code",)
