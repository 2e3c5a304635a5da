"""The app's secret endpoint (munity_secrets.django.urls), through Django's test clients (WSGI and ASGI)."""

from __future__ import annotations

import json
import logging
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import AnonymousUser
from django.http.response import HttpResponseBase
from django.test import AsyncClient, Client, RequestFactory
from django.urls import reverse

import munity_secrets
from munity_secrets.django import views

from .conftest import CERTIFICATE, OTHER_CERTIFICATE, OTHER_PUBLIC_KEY, PUBLIC_KEY, WORKSPACE_ID

URL = "/munity/secret"


def no_store(response: HttpResponseBase) -> bool:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"no-store", "private", "max-age=0"} <= directives


def test_url_name() -> None:
    assert reverse("munity:secret") == URL


@pytest.mark.django_db
def test_secret_for_the_logged_in_user(user_client: tuple[Client, Any]) -> None:
    client, user = user_client
    before = int(time.time())
    response = client.get(URL, {"connector": "jira"})
    after = int(time.time())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert no_store(response)
    body = response.json()
    assert set(body) == {"secret", "expiresAt"}
    verified = munity_secrets.verify_secret(PUBLIC_KEY, body["secret"], expect="connect")
    assert verified.customer_id == f"user{user.pk}"
    assert verified.workspace_id == WORKSPACE_ID
    assert verified.name == "ada"  # the example's NAME: the username
    assert verified.expires_at is not None
    # expiresAt is the secret's exp, in JavaScript's toISOString form; the core's default lifetime.
    assert body["expiresAt"] == verified.expires_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert datetime.strptime(body["expiresAt"], "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=timezone.utc) == verified.expires_at
    assert before + munity_secrets.DEFAULT_EXPIRES_IN <= verified.expires_at.timestamp() <= after + munity_secrets.DEFAULT_EXPIRES_IN


@pytest.mark.django_db
@pytest.mark.parametrize("lifetime", [600, 600.0, timedelta(minutes=10), "600"])
def test_lifetime_from_settings(user_client: tuple[Client, Any], munity_settings: dict[str, Any], lifetime: Any) -> None:
    client, _ = user_client
    munity_settings["EXPIRES_IN"] = lifetime
    before = int(time.time())
    body = client.get(URL, {"connector": "jira"}).json()
    after = int(time.time())
    expires_at = munity_secrets.verify_secret(PUBLIC_KEY, body["secret"]).expires_at
    assert expires_at is not None
    assert before + 600 <= expires_at.timestamp() <= after + 600


@pytest.mark.django_db
def test_environment_when_settings_say_nothing(
    user_client: tuple[Client, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _ = user_client
    settings.MUNITY = {}
    monkeypatch.setenv("MUNITY_CERTIFICATE", OTHER_CERTIFICATE)
    monkeypatch.setenv("MUNITY_WORKSPACE_ID", WORKSPACE_ID.upper())
    monkeypatch.setenv("MUNITY_EXPIRES_IN", "120")
    before = int(time.time())
    body = client.get(URL, {"connector": "jira"}).json()
    verified = munity_secrets.verify_secret(OTHER_PUBLIC_KEY, body["secret"])
    assert verified.workspace_id == WORKSPACE_ID
    assert verified.name is None  # settings.MUNITY has no NAME now
    assert verified.expires_at is not None and before + 120 <= verified.expires_at.timestamp() <= int(time.time()) + 120
    # settings.MUNITY wins over the environment, key by key.
    settings.MUNITY = {"EXPIRES_IN": 60}
    before = int(time.time())
    body = client.get(URL, {"connector": "jira"}).json()
    verified = munity_secrets.verify_secret(OTHER_PUBLIC_KEY, body["secret"])
    assert verified.expires_at is not None and before + 60 <= verified.expires_at.timestamp() <= int(time.time()) + 60
    settings.MUNITY = {"CERTIFICATE": CERTIFICATE}
    body = client.get(URL, {"connector": "jira"}).json()
    munity_secrets.verify_secret(PUBLIC_KEY, body["secret"])


@pytest.mark.django_db
def test_customer_id_from_a_callable_or_a_dotted_path(user_client: tuple[Client, Any], munity_settings: dict[str, Any]) -> None:
    client, user = user_client
    munity_settings["CUSTOMER_ID"] = lambda u: f"acct{u.pk}x"
    body = client.get(URL, {"connector": "jira"}).json()
    assert munity_secrets.verify_secret(PUBLIC_KEY, body["secret"]).customer_id == f"acct{user.pk}x"
    munity_settings["CUSTOMER_ID"] = "munity_secrets.django.customers.default_customer_id"
    body = client.get(URL, {"connector": "jira"}).json()
    assert munity_secrets.verify_secret(PUBLIC_KEY, body["secret"]).customer_id == f"user{user.pk}"


@pytest.mark.django_db
@pytest.mark.parametrize("nobody", [None, ""])
def test_no_customer_is_403(user_client: tuple[Client, Any], munity_settings: dict[str, Any], nobody: Any) -> None:
    client, _ = user_client
    munity_settings["CUSTOMER_ID"] = lambda u: nobody
    response = client.get(URL, {"connector": "jira"})
    assert response.status_code == 403
    assert response.json()["error"] == "NO_CUSTOMER"
    assert no_store(response)


@pytest.mark.django_db
def test_login_required_is_a_401_json_not_a_redirect(client: Client) -> None:
    response = client.get(URL, {"connector": "jira"})
    assert response.status_code == 401
    assert not response.has_header("Location")
    assert response.json() == {"error": "UNAUTHENTICATED", "message": "sign in first"}
    assert no_store(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "?connector=", "?connector=Jira!", "?connector=" + "x" * 65, "?connector=j%C3%ADra", "?connector=a%20b",
     "?connector=jira&connector=jira", "?Connector=jira"],
)
def test_bad_connector_is_400(user_client: tuple[Client, Any], query: str) -> None:
    client, _ = user_client
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_CONNECTOR"
    assert no_store(response)


@pytest.mark.django_db
@pytest.mark.parametrize("connector", ["jira", "google-drive", "Salesforce_v2", "a.b", "x" * 64, "0"])
def test_good_connectors(user_client: tuple[Client, Any], connector: str) -> None:
    client, _ = user_client
    assert client.get(URL, {"connector": connector}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "head", "options"])
def test_only_get(user_client: tuple[Client, Any], method: str) -> None:
    client, _ = user_client
    response = getattr(client, method)(URL + "?connector=jira")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert no_store(response)


@pytest.mark.django_db
def test_unusable_certificate_is_a_500_logged_by_code_without_key_material(
    user_client: tuple[Client, Any], munity_settings: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    client, _ = user_client
    munity_settings["CERTIFICATE"] = PUBLIC_KEY
    with caplog.at_level(logging.ERROR, logger="munity_secrets.django"):
        response = client.get(URL, {"connector": "jira"})
    assert response.status_code == 500
    assert response.json()["error"] == "SECRET_UNAVAILABLE"
    assert no_store(response)
    ours = [r.getMessage() for r in caplog.records if r.name == "munity_secrets.django"]
    assert len(ours) == 1
    logged = ours[0]
    assert "munity_secrets.E002" in logged and "INVALID_KEY/not_private" in logged
    assert all("MII" not in r.getMessage() for r in caplog.records)
    assert "MII" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("customer_id", ["user-1", "a" * 256, 42])
def test_customer_id_the_core_refuses_is_a_500(
    user_client: tuple[Client, Any], munity_settings: dict[str, Any], caplog: pytest.LogCaptureFixture, customer_id: Any
) -> None:
    client, _ = user_client
    munity_settings["CUSTOMER_ID"] = lambda u: customer_id
    with caplog.at_level(logging.ERROR, logger="munity_secrets.django"):
        response = client.get(URL, {"connector": "jira"})
    assert response.status_code == 500
    assert response.json()["error"] == "SECRET_UNAVAILABLE"
    expected = "TypeError" if isinstance(customer_id, int) else "INVALID_CLAIM/customer_id"
    assert expected in caplog.records[0].getMessage()


class StandInUser:
    """A user of a model with a UUID primary key (the view only reads is_authenticated and pk)."""

    is_authenticated = True

    def __init__(self, pk: Any):
        self.pk = pk

    def get_username(self) -> str:
        return f"member {self.pk}"


@pytest.mark.parametrize("pk", [uuid.UUID("0b7e3c1a-5d2f-4c8e-9a10-1234567890ab"), uuid.uuid4(), 7, 2**63 - 1])
def test_default_customer_id_works_for_integer_and_uuid_keys(pk: Any) -> None:
    request = RequestFactory().get(URL, {"connector": "jira"})
    request.user = StandInUser(pk)  # type: ignore[assignment]
    response = views.secret(request)
    assert response.status_code == 200
    verified = munity_secrets.verify_secret(PUBLIC_KEY, json.loads(response.content)["secret"])
    assert verified.customer_id == (f"user{pk.hex}" if isinstance(pk, uuid.UUID) else f"user{pk}")
    assert verified.name == f"member {pk}"


def test_anonymous_user_through_the_view() -> None:
    request = RequestFactory().get(URL, {"connector": "jira"})
    request.user = AnonymousUser()
    assert views.secret(request).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_under_asgi(django_user_model: Any) -> None:
    """Django's ASGI handler (AsyncClient): the same answers as under WSGI."""
    user = django_user_model.objects.create_user(username="grace", password="pw-for-tests")
    client = AsyncClient()
    assert async_to_sync(client.get)(URL, {"connector": "jira"}).status_code == 401
    client.force_login(user)
    response = async_to_sync(client.get)(URL, {"connector": "jira"})
    assert response.status_code == 200
    assert no_store(response)
    verified = munity_secrets.verify_secret(PUBLIC_KEY, response.json()["secret"])
    assert verified.customer_id == f"user{user.pk}"
    assert async_to_sync(client.get)(URL, {"connector": "no way"}).status_code == 400
