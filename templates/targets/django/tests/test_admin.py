"""The admin keeps sessions, CSRF and login although its middleware runs for /admin/ only."""

import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.mark.django_db
def test_admin_login_page_sets_a_csrf_cookie():
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_admin_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_admin_login_then_changelist():
    User.objects.create_superuser("admin", "admin@example.com", "s3cret-pass")
    client = Client(enforce_csrf_checks=True)
    token = client.get("/admin/login/").cookies["csrftoken"].value
    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "s3cret-pass", "csrfmiddlewaretoken": token},
    )
    assert login.status_code == 302
    assert client.get("/admin/notes/note/").status_code == 200


def test_api_routes_skip_the_admin_middleware(client):
    response = client.get("/__missing__")
    assert "csrftoken" not in response.cookies
    assert response.status_code == 404
