from django.urls import path

from app.modules.notes import views

# csb:slot:route-imports (add route inserts above this line)

urlpatterns = [
    path("notes", views.notes),
    path("notes/<uuid:note_id>", views.note_detail),
    # csb:slot:routes (add route inserts above this line)
]
