"""Every case of tests/vectors/secrets.json: mint byte for byte, verify claims or error codes, key
loading. The last test fails if any case went unused."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

import munity_secrets
from munity_secrets import InvalidClaimError, InvalidKeyError, MunitySecretError

from conftest import ERROR_CLASSES, TRANSFORMS, VECTORS_DIR

VECTORS: dict[str, Any] = json.loads((VECTORS_DIR / "secrets.json").read_text())
USED: set[str] = set()

def key_text(name: str) -> str:
    return (VECTORS_DIR / VECTORS["keys"][name]["file"]).read_text()


def ids(section: str) -> list[str]:
    return [case["id"] for case in VECTORS[section]]


def check_error(raised: MunitySecretError, case: dict[str, Any]) -> None:
    kind = case["error"].split("/")[0]
    assert type(raised) is ERROR_CLASSES[kind], (type(raised), case["error"])
    assert raised.code == case["error"]
    if isinstance(raised, InvalidClaimError):
        assert raised.claim == case["error"].split("/", 1)[1]
        if "reason" in case:
            assert raised.reason == case["reason"]
    if isinstance(raised, InvalidKeyError):
        assert raised.reason == case["error"].split("/", 1)[1]


MINT_OPTIONS = {"expires_in", "expires_at", "now", "key_id"}


def mint_options(case: dict[str, Any]) -> dict[str, Any]:
    """A case's options as keyword arguments: `"no_expiry": true` is `expires_in=None`; an unknown
    option fails the case rather than being dropped."""
    options = dict(case["options"])
    if options.pop("no_expiry", False):
        options["expires_in"] = None
    unknown = set(options) - MINT_OPTIONS
    assert not unknown, f"{case['id']}: options this runner does not know: {sorted(unknown)}"
    return options


def mint(case: dict[str, Any], form: str) -> str:
    claims = dict(case["claims"])
    options = mint_options(case)
    key = key_text(case["key"])
    if form == "mint":  # Signer.mint: connect or renew by integration_id, with the expiry
        minted = munity_secrets.Signer(key).mint(**claims, **options)
        assert minted.kind == case["kind"]
        assert minted.as_dict()["expires_at"] == case["expires_at"]
        assert (minted.expires_at is None) == (case["expires_at"] is None)
        return minted.secret
    if case["kind"] == "connect":
        if form == "one-call":
            return munity_secrets.connect_secret(key, **claims, **options)
        return munity_secrets.Signer(key).connect_secret(**claims, **options)
    if form == "one-call":
        return munity_secrets.renew_secret(key, **claims, **options)
    return munity_secrets.Signer(key).renew_secret(**claims, **options)


@pytest.mark.parametrize("case", VECTORS["mint"], ids=ids("mint"))
@pytest.mark.parametrize("form", ["Signer", "one-call", "mint"])
def test_mint(case: dict[str, Any], form: str) -> None:
    if case["result"] == "valid":
        assert mint(case, form) == case["secret"]
    else:
        with pytest.raises(MunitySecretError) as raised:
            mint(case, form)
        check_error(raised.value, case)
    USED.add("mint/" + case["id"])


@pytest.mark.parametrize("case", VECTORS["verify"], ids=ids("verify"))
def test_verify(case: dict[str, Any]) -> None:
    verifier = munity_secrets.Verifier([key_text(k) for k in case["keys"]])
    options = dict(case["options"])
    if case["result"] == "valid":
        verified = verifier.verify(case["secret"], **options)
        assert verified.as_dict() == case["claims"]
        assert verified.kind == case["claims"]["kind"]
        assert verified.customer_id == case["claims"]["customer_id"]
        assert verified.fingerprint == case["claims"]["fingerprint"]
        for field in ("expires_at", "issued_at", "not_before"):
            value = getattr(verified, field)
            expected = case["claims"][field]
            assert (value is None) if expected is None else (int(value.timestamp()) == expected)
        if len(case["keys"]) == 1:
            one_call = munity_secrets.verify_secret(key_text(case["keys"][0]), case["secret"], **options)
            assert one_call == verified
    else:
        with pytest.raises(MunitySecretError) as raised:
            verifier.verify(case["secret"], **options)
        check_error(raised.value, case)
    USED.add("verify/" + case["id"])


@pytest.mark.parametrize("case", VECTORS["key_loading"], ids=ids("key_loading"))
def test_key_loading(case: dict[str, Any]) -> None:
    text = key_text(case["key"])
    if "transform" in case:
        text = TRANSFORMS[case["transform"]](text)

    def load() -> str:
        if case["role"] == "signer":
            return munity_secrets.Signer(text).fingerprint
        fingerprints = munity_secrets.Verifier(text).fingerprints
        assert len(fingerprints) >= 1
        return fingerprints[0]

    if case["result"] == "valid":
        assert load() == case["fingerprint"]
    else:
        with pytest.raises(MunitySecretError) as raised:
            load()
        check_error(raised.value, case)
    USED.add("key_loading/" + case["id"])


def test_every_vector_was_used() -> None:
    expected = {f"{section}/{case['id']}" for section in ("mint", "verify", "key_loading") for case in VECTORS[section]}
    assert len(expected) == sum(len(VECTORS[s]) for s in ("mint", "verify", "key_loading")), "duplicate ids"
    missing = sorted(expected - USED)
    assert not missing, f"{len(missing)} vector cases never ran: {missing[:10]}"
