"""HTTP adapter of the notes module: JSON in and out, through the module's api."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_http_methods

from app.modules.notes import api
from app.platform.http.django_middleware import json_body, problem_response


def _json(note: api.NoteDto) -> dict[str, Any]:
    data = asdict(note)
    return {**data, "id": str(note.id), "created_at": note.created_at.isoformat()}


@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return JsonResponse({"items": [_json(n) for n in api.list_notes()]})
    data, error = json_body(request)
    if error is not None:
        return error
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not 1 <= len(title) <= 200:
        return problem_response(400, "title must be a string of 1 to 200 characters")
    body = data.get("body", "")
    if not isinstance(body, str):
        return problem_response(400, "body must be a string")
    return JsonResponse(_json(api.create_note(title, body)), status=201)


@require_http_methods(["GET"])
def note_detail(request: HttpRequest, note_id: UUID) -> HttpResponse:
    note = api.get_note(note_id)
    if note is None:
        return problem_response(404, "No such note.")
    return JsonResponse(_json(note))
