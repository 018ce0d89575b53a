import json

import pytest


@pytest.mark.django_db
def test_create_then_read_a_note(client):
    created = client.post("/notes", json.dumps({"title": "hello"}), content_type="application/json")
    assert created.status_code == 201
    note_id = created.json()["id"]
    fetched = client.get(f"/notes/{note_id}")
    assert fetched.status_code == 200
    assert fetched.json()["title"] == "hello"


@pytest.mark.django_db
def test_invalid_input_is_a_problem(client):
    wrong_type = client.post("/notes", "x", content_type="text/plain")
    assert wrong_type.status_code == 415
    assert wrong_type["Content-Type"] == "application/problem+json"
    missing = client.post("/notes", json.dumps({}), content_type="application/json")
    assert missing.status_code == 400


@pytest.mark.django_db
def test_unknown_note_is_404(client):
    response = client.get("/notes/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["status"] == 404
