"""PyJWT, the platform's documented reference, as an in-process oracle: for random valid claims our
bytes equal jwt.encode(...) with the spec's claim order; PyJWT decodes ours; we verify PyJWT's."""

from __future__ import annotations

import json
import random
import string
import sys
import unicodedata
import uuid
from typing import Any, Optional

import jwt
from jwt.algorithms import RSAAlgorithm
import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key

import munity_secrets as ms
from conftest import read_key

CASES = 1000
ALPHANUMERIC = string.ascii_letters + string.digits


def random_name(rng: random.Random) -> str:
    length = rng.randint(1, 255)
    chars = [rng.choice(string.ascii_letters)]  # never only white space
    while len(chars) < length:
        pool = rng.random()
        if pool < 0.5:
            c = chr(rng.randint(0x20, 0x7E))
        elif pool < 0.7:
            c = chr(rng.randint(0xA0, 0x2FF))
        elif pool < 0.9:
            c = chr(rng.randint(0x300, 0xFFFD))
        else:
            c = chr(rng.randint(0x10000, 0x10FFFF))
        if 0xD800 <= ord(c) <= 0xDFFF or unicodedata.category(c) == "Cc":
            continue
        chars.append(c)
    rng.shuffle(chars)
    return "".join(chars)


def random_uuid(rng: random.Random) -> str:
    text = str(uuid.UUID(int=rng.getrandbits(128)))
    return "".join(c.upper() if rng.random() < 0.3 else c for c in text)


def random_case(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], Optional[str]]:
    """(our keyword arguments, PyJWT's payload in the spec's order, PyJWT headers, kid)."""
    customer_id = "".join(rng.choice(ALPHANUMERIC) for _ in range(rng.randint(1, 255)))
    workspace_id = random_uuid(rng)
    kwargs: dict[str, Any] = {"customer_id": customer_id, "workspace_id": workspace_id}
    payload: dict[str, Any] = {"customer_id": customer_id, "workspace_id": workspace_id.lower()}
    if rng.random() < 0.7:
        kwargs["name"] = payload["name"] = random_name(rng)
    if rng.random() < 0.4:
        integration_id = random_uuid(rng)
        kwargs["integration_id"] = integration_id
        payload["integration_id"] = integration_id.lower()
    now = rng.randint(0, 4_000_000_000)
    expiry = rng.random()
    if expiry < 0.4:  # a lifetime
        expires_in = rng.randint(1, 31_536_000)
        kwargs["now"], kwargs["expires_in"] = now, expires_in
        payload["exp"] = now + expires_in
    elif expiry < 0.6:  # the default lifetime: one hour
        kwargs["now"] = now
        payload["exp"] = now + 3600
    elif expiry < 0.8:  # an absolute expiry
        expires_at = now + rng.randint(1, 31_536_000)
        kwargs["now"], kwargs["expires_at"] = now, expires_at
        payload["exp"] = expires_at
    else:  # explicitly none: the documented snippet
        kwargs["expires_in"] = None
    kid = None
    headers: dict[str, Any] = {}
    if rng.random() < 0.3:
        kid = random_name(rng)[:40]
        kwargs["key_id"] = headers["kid"] = kid
    return kwargs, payload, headers, kid


def mint(signer: ms.Signer, kwargs: dict[str, Any]) -> str:
    if "integration_id" in kwargs:
        return signer.renew_secret(**kwargs)
    return signer.connect_secret(**kwargs)


@pytest.mark.parametrize("seed", range(4))
def test_random_claims_match_pyjwt_both_ways(seed: int, signer: ms.Signer, verifier: ms.Verifier,
                                             private_pem: str, public_pem: str) -> None:
    rng = random.Random(20261128 + seed)
    key = load_pem_private_key(private_pem.encode(), password=None)
    count = CASES // 4
    for _ in range(count):
        kwargs, payload, headers, kid = random_case(rng)
        ours = mint(signer, kwargs)
        theirs = jwt.encode(payload, key, algorithm="RS256", headers=headers or None)  # type: ignore[arg-type]
        assert ours == theirs, (kwargs, payload)
        decoded = jwt.decode(ours, public_pem, algorithms=["RS256"], options={"verify_exp": False})
        assert decoded == payload
        assert list(decoded) == list(payload)
        checker = verifier
        if kid is not None:
            jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
            jwk["kid"] = kid
            checker = ms.Verifier.from_jwks({"keys": [jwk]})
        verified = checker.verify(theirs, now=kwargs.get("now", 0))
        assert verified.customer_id == payload["customer_id"]
        assert verified.workspace_id == payload["workspace_id"]
        assert verified.name == payload.get("name")
        assert verified.integration_id == payload.get("integration_id")
        assert verified.kind == ("renew" if "integration_id" in payload else "connect")
        assert verified.key_id == kid
        assert verified.as_dict()["expires_at"] == payload.get("exp")


def test_the_documented_snippet_and_the_one_call_form_agree(private_pem: str) -> None:
    claims = {"customer_id": "customer1234", "workspace_id": "11111111-2222-3333-aaaa-eeeeeeeeeeee",
              "name": "optional name"}
    assert ms.connect_secret(private_pem, **claims, expires_in=None) == jwt.encode(claims, private_pem,
                                                                                  algorithm="RS256")
    # By default a secret expires in an hour: PyJWT's bytes for the same claims with that exp.
    expiring = {**claims, "exp": 1732752000 + 3600}
    assert ms.connect_secret(private_pem, **claims, now=1732752000) == jwt.encode(expiring, private_pem,
                                                                                 algorithm="RS256")


def test_pyjwt_secrets_with_iat_and_nbf_verify(private_pem: str, verifier: ms.Verifier) -> None:
    payload = {"customer_id": "c1", "workspace_id": "11111111-2222-3333-aaaa-eeeeeeeeeeee",
               "iat": 1732752000, "nbf": 1732752000, "exp": 1732752600}
    verified = verifier.verify(jwt.encode(payload, private_pem, algorithm="RS256"), now=1732752100)
    assert verified.as_dict()["issued_at"] == 1732752000
    assert verified.not_before is not None and verified.not_before.timestamp() == 1732752000
    assert sys.getrefcount(verified) >= 1
