"""Bad input of every Python type gets the right exception, never a crash."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

import munity_secrets as ms
from conftest import INTEGRATION_ID, WORKSPACE_ID

BIG = "a" * (10 * 1024 * 1024)
WRONG_TYPES: list[Any] = [None, 0, 1.5, b"customer1", bytearray(b"x"), ["c1"], {"a": 1}, object(), True]


def claims(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"customer_id": "customer1", "workspace_id": WORKSPACE_ID}
    base.update(changes)
    return base


@pytest.mark.parametrize("field", ["customer_id", "workspace_id"])
@pytest.mark.parametrize("value", WRONG_TYPES, ids=lambda v: type(v).__name__)
def test_wrong_types_for_required_claims(signer: ms.Signer, field: str, value: Any) -> None:
    if field == "workspace_id" and value is None:  # a signer may be bound: None is a missing workspace
        with pytest.raises(ms.InvalidClaimError) as raised:
            signer.connect_secret(**claims(**{field: value}))
        assert (raised.value.claim, raised.value.reason) == ("workspace_id", "missing")
    else:
        with pytest.raises(TypeError):
            signer.connect_secret(**claims(**{field: value}))
    with pytest.raises(TypeError):
        ms.connect_secret(read_certificate(), **claims(**{field: value}))


@pytest.mark.parametrize("value", [v for v in WRONG_TYPES if v is not None], ids=lambda v: type(v).__name__)
def test_wrong_types_for_optional_arguments(signer: ms.Signer, verifier: ms.Verifier, value: Any) -> None:
    with pytest.raises(TypeError):
        signer.connect_secret(**claims(name=value))
    with pytest.raises(TypeError):
        signer.connect_secret(**claims(key_id=value))
    with pytest.raises(TypeError):
        signer.renew_secret(**claims(integration_id=value))
    if not isinstance(value, (bool, int, float)):  # a float is a number: whole or refused as fractional
        with pytest.raises(TypeError):
            signer.connect_secret(**claims(expires_in=value))
        with pytest.raises(TypeError):
            signer.connect_secret(**claims(now=value))
        with pytest.raises(TypeError):
            verifier.verify("a.b.c", leeway=value)
    with pytest.raises(TypeError):
        verifier.verify(value)
    with pytest.raises(TypeError):
        ms.Signer(value)
    with pytest.raises(TypeError):
        ms.Verifier(value if not isinstance(value, list) else [1])


def test_bools_are_not_numbers(signer: ms.Signer, verifier: ms.Verifier) -> None:
    with pytest.raises(TypeError):
        signer.connect_secret(**claims(expires_in=True))
    with pytest.raises(TypeError):
        signer.connect_secret(**claims(now=False))
    with pytest.raises(TypeError):
        verifier.verify("a.b.c", leeway=True)


def test_none_where_required(signer: ms.Signer, verifier: ms.Verifier) -> None:
    with pytest.raises(TypeError):
        signer.renew_secret(**claims(integration_id=None))
    with pytest.raises(TypeError):
        verifier.verify(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ms.Signer(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        signer.connect_secret(workspace_id=WORKSPACE_ID)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        signer.connect_secret("c1", WORKSPACE_ID)  # type: ignore[misc]


def test_very_long_strings(signer: ms.Signer, verifier: ms.Verifier) -> None:
    for field in ("customer_id", "workspace_id", "name", "key_id"):
        with pytest.raises(ms.InvalidClaimError) as raised:
            signer.connect_secret(**claims(**{field: BIG}))
        assert raised.value.reason in ("too_long", "invalid_uuid")
    with pytest.raises(ms.InvalidClaimError):
        signer.renew_secret(**claims(integration_id=BIG))
    with pytest.raises(ms.MalformedSecretError):
        verifier.verify(BIG)
    with pytest.raises(ms.InvalidKeyError):
        ms.Signer(BIG)
    with pytest.raises(ms.InvalidKeyError):
        ms.Verifier(BIG)


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "a\udc00b", "\ud83d"])
def test_lone_surrogates(signer: ms.Signer, verifier: ms.Verifier, surrogate: str) -> None:
    for field, claim in (("customer_id", "customer_id"), ("workspace_id", "workspace_id"),
                         ("name", "name"), ("key_id", "kid")):
        with pytest.raises(ms.InvalidClaimError) as raised:
            signer.connect_secret(**claims(**{field: surrogate}))
        assert (raised.value.claim, raised.value.reason) == (claim, "lone_surrogate")
        assert raised.value.code == f"INVALID_CLAIM/{claim}"
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.renew_secret(**claims(integration_id=surrogate))
    assert raised.value.reason == "lone_surrogate"
    with pytest.raises(ms.MalformedSecretError):
        verifier.verify(surrogate)
    with pytest.raises(ms.InvalidKeyError):
        ms.Signer(surrogate)
    with pytest.raises(ms.InvalidKeyError):
        ms.Verifier(surrogate)


def test_a_surrogate_pair_is_fine(signer: ms.Signer, verifier: ms.Verifier) -> None:
    secret = signer.connect_secret(**claims(name="ok \U0001f600"))
    assert verifier.verify(secret).name == "ok \U0001f600"


def test_huge_and_odd_numbers(signer: ms.Signer, verifier: ms.Verifier) -> None:
    for huge in (2**63, 2**200, -(2**200)):
        with pytest.raises(ms.InvalidClaimError):
            signer.connect_secret(**claims(expires_in=huge))
    with pytest.raises(ms.InvalidClaimError):
        signer.connect_secret(**claims(expires_in=10, now=2**200))
    with pytest.raises(ms.InvalidClaimError):
        signer.connect_secret(**claims(now=-(2**200)))
    with pytest.raises(ms.InvalidClaimError):
        signer.connect_secret(**claims(expires_in=timedelta(seconds=1.5)))
    with pytest.raises(ms.InvalidClaimError):
        verifier.verify("a.b.c", leeway=-1)
    with pytest.raises(TypeError):
        signer.connect_secret(**claims(now=datetime(2026, 1, 1)))  # naive
    with pytest.raises(ms.InvalidClaimError):
        verifier.verify("a.b.c", leeway=2**200)
    with pytest.raises(ms.InvalidClaimError):
        signer.connect_secret(**claims(expires_in=float("nan")))
    with pytest.raises(ms.InvalidClaimError):
        signer.connect_secret(**claims(expires_at=float("-inf")))


def test_odd_key_inputs() -> None:
    for text in ("", " ", "\x00" * 100, "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----", "{}", "[]", "null"):
        with pytest.raises(ms.InvalidKeyError):
            ms.Signer(text)
        with pytest.raises(ms.InvalidKeyError):
            ms.Verifier(text)
    with pytest.raises(TypeError):
        ms.Verifier.from_jwks(42)  # type: ignore[arg-type]
    with pytest.raises(ms.InvalidKeyError):
        ms.Verifier.from_jwks({"keys": []})
    with pytest.raises(TypeError):
        ms.generate_key_pair("2048")  # type: ignore[arg-type]
    with pytest.raises(ms.InvalidKeyError):
        ms.generate_key_pair(1024)
    with pytest.raises(ms.InvalidKeyError):
        ms.generate_key_pair(2**70)


def test_str_subclasses_are_strings(signer: ms.Signer) -> None:
    class Text(str):
        pass

    assert signer.connect_secret(customer_id=Text("c1"), workspace_id=Text(WORKSPACE_ID)) == signer.connect_secret(
        customer_id="c1", workspace_id=WORKSPACE_ID)


def test_integration_id_none_in_renew_is_a_type_error(signer: ms.Signer) -> None:
    with pytest.raises(TypeError):
        signer.renew_secret(customer_id="c1", workspace_id=WORKSPACE_ID, integration_id=None)  # type: ignore[arg-type]
    assert signer.renew_secret(customer_id="c1", workspace_id=WORKSPACE_ID, integration_id=INTEGRATION_ID)


def read_certificate() -> str:
    from conftest import read_key

    return read_key("main-private-pkcs8.pem")
