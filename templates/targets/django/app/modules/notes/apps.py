from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "app.modules.notes"
    label = "notes"
    verbose_name = "Notes"
