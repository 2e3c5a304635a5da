"""The example, through Django's test client: the secret endpoint and the connect page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import munity_secrets

KEYS = Path(__file__).resolve().parents[3] / "tests" / "vectors" / "keys"
WORKSPACE_ID = "11111111-2222-3333-aaaa-eeeeeeeeeeee"


@pytest.fixture(autouse=True)
def munity_settings(settings: Any) -> None:
    settings.MUNITY_CERTIFICATE = (KEYS / "TEST-ONLY-main-private-pkcs8.pem").read_text()
    settings.MUNITY_WORKSPACE_ID = WORKSPACE_ID
    settings.MUNITY_SANDBOX_URL = ""
    settings.MUNITY_SDK_URL = ""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only


@pytest.fixture()
def user_client(client: Client, django_user_model: Any) -> tuple[Client, Any]:
    user = django_user_model.objects.create_user(username="ada", password="pw-for-tests")
    client.force_login(user)
    return client, user


@pytest.mark.django_db
def test_secret_for_the_logged_in_user(user_client: tuple[Client, Any]) -> None:
    client, user = user_client
    response = client.get("/munity/secret", {"connector": "jira"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["connector"] == "jira"
    public = (KEYS / "TEST-ONLY-main-public-spki.pem").read_text()
    verified = munity_secrets.verify_secret(public, body["secret"], expect="connect")
    assert verified.customer_id == f"user{user.pk}"
    assert verified.workspace_id == WORKSPACE_ID
    assert verified.name == "ada"
    assert verified.expires_at is not None


@pytest.mark.django_db
def test_login_required(client: Client) -> None:
    response = client.get("/munity/secret", {"connector": "jira"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"connector": ""}, {"connector": "Jira!"}, {"connector": "x" * 100}])
def test_bad_connector(user_client: tuple[Client, Any], query: dict[str, str]) -> None:
    client, _ = user_client
    assert client.get("/munity/secret", query).status_code == 400


@pytest.mark.django_db
def test_only_get(user_client: tuple[Client, Any]) -> None:
    client, _ = user_client
    assert client.post("/munity/secret?connector=jira").status_code == 405


@pytest.mark.django_db
def test_unusable_certificate_is_a_503_without_key_material(user_client: tuple[Client, Any], settings: Any) -> None:
    client, _ = user_client
    settings.MUNITY_CERTIFICATE = (KEYS / "TEST-ONLY-main-public-spki.pem").read_text()
    response = client.get("/munity/secret", {"connector": "jira"})
    assert response.status_code == 503
    assert response.json()["code"] == "INVALID_KEY/not_private"
    assert "MII" not in response.content.decode()


@pytest.mark.django_db
def test_page_passes_the_secret_to_connect(user_client: tuple[Client, Any], settings: Any) -> None:
    client, _ = user_client
    page = client.get("/").content.decode()
    assert "connect(connector, secret" in page
    assert "/munity/secret?connector=" in page
    assert 'id="no-sdk"' in page
    settings.MUNITY_SANDBOX_URL = "http://127.0.0.1:8787/"
    page = client.get("/").content.decode()
    assert '<script src="http://127.0.0.1:8787/sdk.js"></script>' in page
    assert 'id="no-sdk"' not in page
