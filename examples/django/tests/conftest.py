"""Shared fixtures: the test keys, a clean Munity environment and settings, a logged-in user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

KEYS = Path(__file__).resolve().parents[3] / "tests" / "vectors" / "keys"
WORKSPACE_ID = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
CERTIFICATE = (KEYS / "TEST-ONLY-main-private-pkcs8.pem").read_text()
PUBLIC_KEY = (KEYS / "TEST-ONLY-main-public-spki.pem").read_text()
OTHER_CERTIFICATE = (KEYS / "TEST-ONLY-other-private-pkcs8.pem").read_text()
OTHER_PUBLIC_KEY = (KEYS / "TEST-ONLY-other-public-spki.pem").read_text()
ENV_NAMES = ("MUNITY_CERTIFICATE", "MUNITY_WORKSPACE_ID", "MUNITY_EXPIRES_IN", "MUNITY_SANDBOX_URL", "MUNITY_SDK_URL")


@pytest.fixture(autouse=True)
def munity_settings(settings: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """settings.MUNITY with the test certificate and workspace; no MUNITY_* variable from outside."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    settings.MUNITY = {**settings.MUNITY, "CERTIFICATE": CERTIFICATE, "WORKSPACE_ID": WORKSPACE_ID}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    munity: dict[str, Any] = settings.MUNITY
    return munity


@pytest.fixture()
def user_client(client: Client, django_user_model: Any) -> tuple[Client, Any]:
    user = django_user_model.objects.create_user(username="ada", password="pw-for-tests")
    client.force_login(user)
    return client, user
