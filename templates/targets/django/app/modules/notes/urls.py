from django.urls import path

from app.modules.notes import views

urlpatterns = [
    path("notes", views.notes),
    path("notes/<uuid:note_id>", views.note_detail),
]
