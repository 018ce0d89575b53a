from django.apps import AppConfig

# csb:slot:imports (add event and add job insert above this line)


class NotesConfig(AppConfig):
    name = "app.modules.notes"
    label = "notes"
    verbose_name = "Notes"

    def ready(self) -> None:
        # Wires this module's event handlers and jobs once Django has loaded every app.
        # csb:slot:event-handlers (add event inserts above this line)
        # csb:slot:jobs (add job inserts above this line)
        pass
