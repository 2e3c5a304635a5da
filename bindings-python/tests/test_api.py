"""The Python-facing conveniences: times as int/datetime/timedelta, keyword-only arguments,
environment variables, JWK Sets, reprs without key material, version, caching."""

from __future__ import annotations

import inspect
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from jwt.algorithms import RSAAlgorithm
from cryptography.hazmat.primitives.serialization import load_pem_public_key

import munity_secrets as ms
from conftest import INTEGRATION_ID, NOW, ROOT, WORKSPACE_ID


def test_version_is_the_workspace_version() -> None:
    cargo = (ROOT / "Cargo.toml").read_text()
    match = re.search(r'\[workspace\.package\][^\[]*?version = "([^"]+)"', cargo, re.S)
    assert match and ms.__version__ == match.group(1)


def test_now_and_expires_in_accept_datetime_and_timedelta(signer: ms.Signer) -> None:
    base = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=600, now=NOW)
    aware = datetime.fromtimestamp(NOW, timezone.utc)
    assert signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID,
                                 expires_in=timedelta(minutes=10), now=aware) == base
    other_zone = aware.astimezone(timezone(timedelta(hours=5, minutes=30)))
    assert signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=600,
                                 now=other_zone) == base


def test_verify_leeway_and_now(signer: ms.Signer, verifier: ms.Verifier) -> None:
    secret = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=600, now=NOW)
    at = datetime.fromtimestamp(NOW + 700, timezone.utc)
    with pytest.raises(ms.ExpiredSecretError):
        verifier.verify(secret, now=at)
    assert verifier.verify(secret, now=at, leeway=timedelta(minutes=2)).customer_id == "c1"
    with pytest.raises(TypeError):
        verifier.verify(secret, now=datetime(2024, 1, 1))
    verified = verifier.verify(secret, now=NOW)
    assert verified.expires_at == datetime.fromtimestamp(NOW + 600, timezone.utc)
    assert verified.expires_at is not None and verified.expires_at.utcoffset() == timedelta(0)
    assert verified.issued_at is None and verified.not_before is None


def test_arguments_are_keyword_only() -> None:
    for function in (ms.Signer.connect_secret, ms.Signer.renew_secret):
        parameters = inspect.signature(function).parameters
        assert all(p.kind is p.KEYWORD_ONLY for name, p in parameters.items() if name != "self")
    for function in (ms.connect_secret, ms.renew_secret):
        kinds = [p.kind for p in inspect.signature(function).parameters.values()]
        assert kinds[0] is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(k is inspect.Parameter.KEYWORD_ONLY for k in kinds[1:])


def test_from_env(monkeypatch: pytest.MonkeyPatch, private_pem: str, public_pem: str, signer: ms.Signer) -> None:
    monkeypatch.setenv("MUNITY_CERTIFICATE", private_pem.replace("\n", "\\n"))
    monkeypatch.setenv("MUNITY_PUBLIC_KEY", public_pem)
    monkeypatch.setenv("OTHER_NAME", f'"{private_pem}"')
    assert ms.Signer.from_env().fingerprint == signer.fingerprint
    assert ms.Signer.from_env("OTHER_NAME").fingerprint == signer.fingerprint
    assert ms.Verifier.from_env().fingerprints == [signer.fingerprint]
    monkeypatch.delenv("MUNITY_CERTIFICATE")
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Signer.from_env()
    assert raised.value.code == "INVALID_KEY/no_key"
    monkeypatch.delenv("MUNITY_PUBLIC_KEY")
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Verifier.from_env()
    assert raised.value.code == "INVALID_KEY/no_key"


def test_jwks_and_key_rotation(signer: ms.Signer, public_pem: str, other_private_pem: str) -> None:
    other = ms.Signer(other_private_pem)
    keys = []
    for kid, key_pem in (("old", _public_of(other_private_pem)), ("new", public_pem)):
        jwk = json.loads(RSAAlgorithm.to_jwk(load_pem_public_key(key_pem.encode())))
        jwk["kid"] = kid
        keys.append(jwk)
    jwks = {"keys": keys}
    for verifier in (ms.Verifier.from_jwks(jwks), ms.Verifier.from_jwks(json.dumps(jwks)), ms.Verifier(json.dumps(jwks))):
        new = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="new")
        old = other.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="old")
        plain = other.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)
        assert verifier.verify(new).fingerprint == signer.fingerprint
        assert verifier.verify(old).key_id == "old"
        assert verifier.verify(plain).fingerprint == other.fingerprint
        with pytest.raises(ms.BadSignatureError):
            verifier.verify(other.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="new"))


def _public_of(private_pem: str) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key(private_pem.encode(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def test_reprs_show_no_key_material(signer: ms.Signer, verifier: ms.Verifier, private_pem: str) -> None:
    for text in (repr(signer), repr(verifier), str(signer)):
        assert "MII" not in text and signer.fingerprint in text
    secret = signer.renew_secret(customer_id="c1", workspace_id=WORKSPACE_ID, integration_id=INTEGRATION_ID,
                                 name='say "hi"')
    verified = verifier.verify(secret)
    assert repr(verified).startswith('VerifiedSecret(kind="renew", customer_id="c1"')
    assert verified == verifier.verify(secret) and hash(verified) == hash(verifier.verify(secret))
    assert verified != "x"


def test_objects_are_immutable(signer: ms.Signer, verifier: ms.Verifier) -> None:
    verified = verifier.verify(signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID))
    with pytest.raises(AttributeError):
        verified.customer_id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        signer.fingerprint = "x"  # type: ignore[misc]


def test_one_call_functions_match_the_objects(private_pem: str, public_pem: str, signer: ms.Signer) -> None:
    kwargs = dict(customer_id="c1", workspace_id=WORKSPACE_ID, integration_id=INTEGRATION_ID, now=NOW, expires_in=5)
    assert ms.renew_secret(private_pem, **kwargs) == signer.renew_secret(**kwargs)  # type: ignore[arg-type]
    for _ in range(20):  # many distinct certificates: the cache stays bounded and correct
        pair = ms.generate_key_pair()
        secret = ms.connect_secret(pair[0], customer_id="c1", workspace_id=WORKSPACE_ID)
        assert ms.verify_secret(pair[1], secret).customer_id == "c1"
    assert ms.verify_secret(public_pem, ms.connect_secret(private_pem, customer_id="c2", workspace_id=WORKSPACE_ID)).customer_id == "c2"


def test_workspace_id_is_written_lowercase(signer: ms.Signer, verifier: ms.Verifier) -> None:
    secret = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID.upper())
    assert verifier.verify(secret).workspace_id == WORKSPACE_ID
    assert secret == signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)


def test_default_leeway(signer: ms.Signer, verifier: ms.Verifier) -> None:
    assert ms.DEFAULT_LEEWAY == 60
    secret = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=600, now=NOW)
    assert verifier.verify(secret, now=NOW + 659).customer_id == "c1"
    with pytest.raises(ms.ExpiredSecretError) as raised:
        verifier.verify(secret, now=NOW + 660)
    assert raised.value.leeway == ms.DEFAULT_LEEWAY


def test_key_ids_and_fingerprints_of_several_key_texts(signer: ms.Signer, public_pem: str,
                                                        other_private_pem: str) -> None:
    other = ms.Signer(other_private_pem)
    jwk = json.loads(RSAAlgorithm.to_jwk(load_pem_public_key(_public_of(other_private_pem).encode())))
    jwk["kid"] = "other-2026"
    for keys in ([public_pem, json.dumps(jwk)], (public_pem, json.dumps({"keys": [jwk]}))):
        verifier = ms.Verifier(keys)
        assert verifier.fingerprints == [signer.fingerprint, other.fingerprint]
        assert verifier.key_ids == [None, "other-2026"]
        secret = other.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="other-2026")
        assert verifier.verify(secret).fingerprint == other.fingerprint
    assert signer.verifier().key_ids == [None]
    assert ms.Verifier.from_jwks({"keys": [jwk]}).key_ids == ["other-2026"]
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Verifier([json.dumps(jwk), json.dumps(jwk)])
    assert raised.value.reason == "duplicate_key_id"
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Verifier(())
    assert raised.value.reason == "no_key"
    with pytest.raises(TypeError):
        ms.Verifier([public_pem, public_pem.encode()])  # type: ignore[list-item]
