"""The app's system check (ids munity_secrets.E0xx) and check_configuration() for WSGI/ASGI servers."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from munity_secrets.django import check_configuration, conf
from munity_secrets.django.checks import check_munity

from .conftest import CERTIFICATE, KEYS, PUBLIC_KEY, WORKSPACE_ID


def ids(messages: list[Any]) -> list[str]:
    return sorted(message.id for message in messages)


def test_a_good_configuration_passes() -> None:
    assert check_munity() == []
    check_configuration()
    call_command("check", tags=["munity"])


@pytest.mark.parametrize("certificate", [None, "", "   ", "\n\n"])
def test_unset_certificate_is_e001(munity_settings: dict[str, Any], certificate: Any) -> None:
    if certificate is None:
        del munity_settings["CERTIFICATE"]
    else:
        munity_settings["CERTIFICATE"] = certificate
    messages = check_munity()
    assert ids(messages) == ["munity_secrets.E001"]
    assert messages[0].obj == ("MUNITY_CERTIFICATE" if certificate is None else "settings.MUNITY['CERTIFICATE']")


def test_unset_certificate_in_the_environment_is_e001(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.MUNITY = {}
    monkeypatch.setenv("MUNITY_CERTIFICATE", "")
    monkeypatch.setenv("MUNITY_WORKSPACE_ID", WORKSPACE_ID)
    messages = check_munity()
    assert ids(messages) == ["munity_secrets.E001"]
    assert messages[0].obj == "MUNITY_CERTIFICATE"


@pytest.mark.parametrize(
    ("key_file", "code"),
    [
        ("TEST-ONLY-main-public-spki.pem", "INVALID_KEY/not_private"),
        ("TEST-ONLY-main-certificate.pem", "INVALID_KEY/not_private"),
        ("TEST-ONLY-rsa1024-private.pem", "INVALID_KEY/too_small"),
        ("TEST-ONLY-ec-p256-private.pem", "INVALID_KEY/not_rsa"),
        ("TEST-ONLY-main-private-encrypted.pem", "INVALID_KEY/encrypted"),
        ("TEST-ONLY-two-private-keys.pem", "INVALID_KEY/multiple_keys"),
        ("TEST-ONLY-not-a-key.txt", "INVALID_KEY/malformed"),
    ],
)
def test_unusable_key_is_e002_with_the_core_code(munity_settings: dict[str, Any], key_file: str, code: str) -> None:
    munity_settings["CERTIFICATE"] = (KEYS / key_file).read_text()
    messages = check_munity()
    assert ids(messages) == ["munity_secrets.E002"]
    assert f"({code})" in messages[0].msg
    assert "MII" not in messages[0].msg and "MII" not in (messages[0].hint or "")


@pytest.mark.parametrize(
    "workspace_id",
    ["nope", "{11111111-2222-3333-aaaa-eeeeeeeeeeee}", "11111111222233334444eeeeeeeeeeee", "urn:uuid:11111111-2222-3333-aaaa-eeeeeeeeeeee"],
)
def test_workspace_id_not_a_uuid_is_e003(munity_settings: dict[str, Any], workspace_id: str) -> None:
    munity_settings["WORKSPACE_ID"] = workspace_id
    messages = check_munity()
    assert ids(messages) == ["munity_secrets.E003"]
    assert "INVALID_CLAIM/workspace_id" in messages[0].msg


def test_workspace_id_any_case_passes(munity_settings: dict[str, Any]) -> None:
    munity_settings["WORKSPACE_ID"] = WORKSPACE_ID.upper()
    assert check_munity() == []
    assert conf.get_signer().workspace_id == WORKSPACE_ID


def test_workspace_id_as_a_uuid_object(munity_settings: dict[str, Any]) -> None:
    munity_settings["WORKSPACE_ID"] = uuid.UUID(WORKSPACE_ID)
    assert check_munity() == []
    assert conf.get_signer().workspace_id == WORKSPACE_ID


def test_unset_workspace_id_is_e004_and_the_key_is_still_checked(munity_settings: dict[str, Any]) -> None:
    del munity_settings["WORKSPACE_ID"]
    assert ids(check_munity()) == ["munity_secrets.E004"]
    munity_settings["CERTIFICATE"] = PUBLIC_KEY
    assert ids(check_munity()) == ["munity_secrets.E002", "munity_secrets.E004"]
    munity_settings["WORKSPACE_ID"] = "nope"
    assert ids(check_munity()) == ["munity_secrets.E002", "munity_secrets.E003"]


@pytest.mark.parametrize("lifetime", [0, -5, 1.5, 31_536_001, 10**20, float("nan"), "abc", "1.5", "", True, [600], timedelta(milliseconds=500)])
def test_bad_lifetime_is_e005(munity_settings: dict[str, Any], lifetime: Any) -> None:
    munity_settings["EXPIRES_IN"] = lifetime
    assert ids(check_munity()) == ["munity_secrets.E005"]


@pytest.mark.parametrize("lifetime", [None, 1, 600, "600", " 600 ", 31_536_000, timedelta(hours=2), 90.0])
def test_good_lifetime_passes(munity_settings: dict[str, Any], lifetime: Any) -> None:
    munity_settings["EXPIRES_IN"] = lifetime
    assert check_munity() == []


def test_bad_lifetime_in_the_environment_is_e005(munity_settings: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUNITY_EXPIRES_IN", "0")
    messages = check_munity()
    assert ids(messages) == ["munity_secrets.E005"]
    assert "INVALID_CLAIM/expires_in" in messages[0].msg and messages[0].obj == "MUNITY_EXPIRES_IN"


@pytest.mark.parametrize(("key", "check_id"), [("CUSTOMER_ID", "munity_secrets.E006"), ("NAME", "munity_secrets.E007")])
@pytest.mark.parametrize("value", ["no.such.module.function", "munity_secrets.django.conf.SETTING", 42, "nodots"])
def test_bad_user_functions(munity_settings: dict[str, Any], key: str, check_id: str, value: Any) -> None:
    munity_settings[key] = value
    assert ids(check_munity()) == [check_id]


@pytest.mark.parametrize(
    "munity",
    [
        ["CERTIFICATE"],
        {"CERTIFICATE": CERTIFICATE, "WORKSPACE_ID": WORKSPACE_ID, "CERTIFCATE": "typo"},
        {"CERTIFICATE": CERTIFICATE.encode(), "WORKSPACE_ID": WORKSPACE_ID},
        {"CERTIFICATE": CERTIFICATE, "WORKSPACE_ID": 5},
        {"CERTIFICATE": CERTIFICATE, "WORKSPACE_ID": WORKSPACE_ID, "SANDBOX_URL": 8787},
    ],
)
def test_bad_settings_dict_is_e008(settings: Any, munity: Any) -> None:
    settings.MUNITY = munity
    assert ids(check_munity()) == ["munity_secrets.E008"]


@pytest.mark.parametrize("key", ["SANDBOX_URL", "SDK_URL"])
@pytest.mark.parametrize("url", ["javascript:alert(1)", "127.0.0.1:8787", "ftp://example.com/sdk.js", "http://"])
def test_bad_script_url_is_e009(munity_settings: dict[str, Any], key: str, url: str) -> None:
    munity_settings[key] = url
    assert ids(check_munity()) == ["munity_secrets.E009"]


def test_missing_authentication_middleware_is_e010(settings: Any) -> None:
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AuthenticationMiddleware" not in m]
    assert ids(check_munity()) == ["munity_secrets.E010"]


def test_the_check_is_registered_and_skipped_for_other_apps(munity_settings: dict[str, Any]) -> None:
    munity_settings["CERTIFICATE"] = ""
    with pytest.raises(SystemCheckError, match=r"munity_secrets\.E001"):
        call_command("check")
    assert check_munity(app_configs=[apps.get_app_config("auth")]) == []
    assert ids(check_munity(app_configs=[apps.get_app_config("munity_secrets")])) == ["munity_secrets.E001"]


def test_check_configuration_raises_for_servers(munity_settings: dict[str, Any]) -> None:
    munity_settings["CERTIFICATE"] = PUBLIC_KEY
    munity_settings["WORKSPACE_ID"] = "nope"
    with pytest.raises(ImproperlyConfigured) as raised:
        check_configuration()
    assert "munity_secrets.E002" in str(raised.value) and "munity_secrets.E003" in str(raised.value)
    assert "MII" not in str(raised.value)


def test_the_certificate_is_parsed_once(munity_settings: dict[str, Any]) -> None:
    check_configuration()
    signer = conf.get_signer()
    assert conf.get_signer() is signer
    munity_settings["CERTIFICATE"] = (KEYS / "TEST-ONLY-other-private-pkcs8.pem").read_text()
    other = conf.get_signer()
    assert other is not signer and other.fingerprint != signer.fingerprint
    assert conf.get_signer() is other
