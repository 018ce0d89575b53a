from django.contrib import admin

from app.modules.notes.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("title", "created_at")
    search_fields = ("title", "body")
    readonly_fields = ("id", "created_at")
